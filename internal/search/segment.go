package search

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// BM25's constants: term-frequency saturation and length normalisation.
const (
	k1 = 1.2
	b  = 0.75
)

// maxTextBytes bounds the text a result's record keeps for its excerpt
// (the index itself reads the whole text).
const maxTextBytes = 20000

// Doc is one article to index, in plain text.
type Doc struct {
	Path     string // the result's site path, "articles/<slug>/"
	Title    string
	Outlet   string
	Language string // its language tag; it picks the stemmer
	Date     string // as the site shows it, "7 December 2026"; may be empty
	ISODate  string // the same for <time datetime>
	Text     string // the body as plain text
}

// Analyzed is a Doc read into what a segment keeps of it: its terms with
// their counts, and its result record, already encoded. Analyzing is
// the costly part and may run on many goroutines; adding to a segment
// is cheap and runs on one.
type Analyzed struct {
	record []byte
	terms  []termFreq // in no order: a segment's files do not depend on it
	words  []Term     // words whose stem is another string
	length int        // words in title, outlet and text
}

type termFreq struct {
	stem  string
	tf    int
	title bool
}

// record is a result's data, fetched only when the result is shown.
type record struct {
	Path    string `json:"u"`
	Title   string `json:"t"`
	Outlet  string `json:"o,omitempty"`
	Date    string `json:"d,omitempty"`
	ISODate string `json:"i,omitempty"`
	Text    string `json:"x"`
}

// Analyze reads a Doc. The title's words count in the term frequencies
// like the text's and also set the posting's title mark, which the
// ranking rewards.
func (a *Analyzer) Analyze(d Doc) (Analyzed, error) {
	rec, err := json.Marshal(record{Path: d.Path, Title: d.Title, Outlet: d.Outlet, Date: d.Date, ISODate: d.ISODate, Text: cut(d.Text, maxTextBytes)})
	if err != nil {
		return Analyzed{}, fmt.Errorf("search: %s: %w", d.Path, err)
	}
	tf := map[string]*termFreq{}
	words := map[Term]bool{}
	n := 0
	add := func(text string, title bool) {
		for _, w := range Words(text) {
			t := a.Term(w, d.Language)
			n++
			f := tf[t.Stem]
			if f == nil {
				f = &termFreq{stem: t.Stem}
				tf[t.Stem] = f
			}
			f.tf++
			f.title = f.title || title
			if t.Word != t.Stem {
				words[t] = true
			}
		}
	}
	add(d.Title, true)
	add(d.Outlet, false)
	add(d.Text, false)
	x := Analyzed{record: rec, length: n}
	x.terms = make([]termFreq, 0, len(tf))
	for _, f := range tf {
		x.terms = append(x.terms, *f)
	}
	x.words = make([]Term, 0, len(words))
	for t := range words {
		x.words = append(x.words, t)
	}
	return x, nil
}

// cut shortens s to at most n bytes, at a character boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// A Segment is the index of a group of articles (one month's, in the
// site), written as static files:
//
//	d/<n>.json   result n's record: path, title, outlet, date, text
//	t/<b>.json   bucket b: {"t": {stem: postings}, "w": {word: stems}}
//	meta.json    {"docs": n, "buckets": k}
//
// Words and stems go to the bucket of their Prefix, hashed, so a query
// word's bucket holds every word it is a prefix of. Postings are a flat
// array of pairs: the document's number minus the previous one's, and
// 2×q + t, where q is the term's BM25 term-frequency part (length
// normalised by the segment's average) times 100, rounded, and t is 1
// when the title has the term. Documents are numbered in the order they
// were added: the caller adds the newest first, which the ranking's
// tie-break uses.
type Segment struct {
	write func(name string, data []byte) error
	ids   map[string]int
	stems []string
	post  [][]posting
	words map[string][]string // word → stems other than itself
	lens  []int
}

type posting struct {
	doc   int32
	tf    int32
	title bool
}

// NewSegment starts a segment whose files are written by write, with
// slash-separated names relative to the segment's folder.
func NewSegment(write func(name string, data []byte) error) *Segment {
	return &Segment{write: write, ids: map[string]int{}, words: map[string][]string{}}
}

// Add writes a document's record and keeps its postings.
func (s *Segment) Add(x Analyzed) error {
	n := len(s.lens)
	if err := s.write("d/"+strconv.Itoa(n)+".json", x.record); err != nil {
		return err
	}
	s.lens = append(s.lens, x.length)
	for _, f := range x.terms {
		id, ok := s.ids[f.stem]
		if !ok {
			id = len(s.stems)
			s.ids[f.stem] = id
			s.stems = append(s.stems, f.stem)
			s.post = append(s.post, nil)
		}
		s.post[id] = append(s.post[id], posting{doc: int32(n), tf: int32(f.tf), title: f.title})
	}
	for _, t := range x.words {
		if ws := s.words[t.Word]; !slices.Contains(ws, t.Stem) {
			s.words[t.Word] = append(ws, t.Stem)
		}
	}
	return nil
}

// Info says what a reader needs to know of a segment besides its files.
type Info struct {
	Docs    int `json:"docs"`
	Buckets int `json:"buckets"`
}

// Close writes the buckets and meta.json.
func (s *Segment) Close() (Info, error) {
	total, postings := 0, 0
	for _, l := range s.lens {
		total += l
	}
	for _, p := range s.post {
		postings += len(p)
	}
	info := Info{Docs: len(s.lens), Buckets: bucketCount(postings)}
	avg := 1.0
	if len(s.lens) > 0 && total > 0 {
		avg = float64(total) / float64(len(s.lens))
	}
	type bucket struct {
		T map[string][]int    `json:"t"`
		W map[string][]string `json:"w"`
	}
	buckets := make([]bucket, info.Buckets)
	for i := range buckets {
		buckets[i] = bucket{T: map[string][]int{}, W: map[string][]string{}}
	}
	for id, stem := range s.stems {
		ps := s.post[id]
		enc := make([]int, 0, 2*len(ps))
		prev := int32(0)
		for _, p := range ps {
			enc = append(enc, int(p.doc-prev), weight(p, s.lens[p.doc], avg))
			prev = p.doc
		}
		buckets[bucketOf(Prefix(stem), info.Buckets)].T[stem] = enc
	}
	for w, stems := range s.words {
		slices.Sort(stems)
		buckets[bucketOf(Prefix(w), info.Buckets)].W[w] = stems
	}
	for i, bk := range buckets {
		data, err := json.Marshal(bk)
		if err != nil {
			return info, err
		}
		if err := s.write("t/"+strconv.Itoa(i)+".json", data); err != nil {
			return info, err
		}
	}
	meta, err := json.Marshal(info)
	if err != nil {
		return info, err
	}
	return info, s.write("meta.json", meta)
}

// weight is a posting's second number: 2×q + t (see Segment).
func weight(p posting, length int, avg float64) int {
	tf := float64(p.tf)
	q := int(math.Round(100 * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(length)/avg))))
	q = max(q, 1)
	if p.title {
		return 2*q + 1
	}
	return 2 * q
}

// bucketCount picks the number of buckets: a power of two that keeps a
// bucket near 2,000 postings (about 10 kB), at most 1024.
func bucketCount(postings int) int {
	n := 1
	for n < 1024 && postings/n > 2000 {
		n *= 2
	}
	return n
}

// A SegmentRef names a segment in the manifest: its folder, relative to
// the manifest's, and its Info.
type SegmentRef struct {
	Dir string
	Info
}

// Manifest is the index's manifest.json: the number of documents and the
// segments, newest first, each as [folder, buckets, documents].
func Manifest(segs []SegmentRef) ([]byte, error) {
	n := 0
	list := make([][3]any, len(segs))
	for i, s := range segs {
		n += s.Docs
		list[i] = [3]any{s.Dir, s.Buckets, s.Docs}
	}
	return json.Marshal(struct {
		Version  int      `json:"v"`
		Docs     int      `json:"n"`
		Segments [][3]any `json:"s"`
	}{FormatVersion, n, list})
}

// FormatVersion changes whenever the files change shape or meaning, so
// that no cached segment of another format is reused.
const FormatVersion = 1
