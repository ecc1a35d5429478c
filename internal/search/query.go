package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Hit is one result of Query.
type Hit struct {
	Segment, Doc int // the segment's place in the manifest, the document's in it
	Path, Title  string
	Score        float64
}

type manifest struct {
	Version  int               `json:"v"`
	Docs     int               `json:"n"`
	Segments []json.RawMessage `json:"s"`
}

type bucketFile struct {
	T map[string][]int    `json:"t"`
	W map[string][]string `json:"w"`
}

// Query runs a query over the index in fsys (manifest.json at its root)
// the way assets/search.js does, for tests and for the command line:
// every word must match (AND); the last word also matches as a prefix
// of a longer word when it has two characters or more; each word scores
// its best term's BM25 weight (idf over the whole index) plus one for a
// title match, scaled by the idf; results are ranked by score, then
// newest first.
func Query(fsys fs.FS, q string) ([]Hit, error) {
	raw, err := fs.ReadFile(fsys, "manifest.json")
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("search: manifest: %w", err)
	}
	type seg struct {
		dir     string
		buckets int
	}
	segs := make([]seg, len(m.Segments))
	for i, r := range m.Segments {
		var v [3]any
		if err := json.Unmarshal(r, &v); err != nil {
			return nil, fmt.Errorf("search: manifest: %w", err)
		}
		dir, _ := v[0].(string)
		k, _ := v[1].(float64)
		if dir == "" || k < 1 {
			return nil, fmt.Errorf("search: manifest: bad segment %s", r)
		}
		segs[i] = seg{dir, int(k)}
	}
	words := queryWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	// postings[word][segment][stem]
	type key struct{ seg, doc int }
	postings := make([][]map[string][]int, len(words))
	df := map[string]int{}
	// A stem two query words share counts once a segment.
	type segStem struct {
		seg  int
		stem string
	}
	counted := map[segStem]bool{}
	for wi, w := range words {
		postings[wi] = make([]map[string][]int, len(segs))
		for si, s := range segs {
			cache := map[int]*bucketFile{}
			load := func(b int) (*bucketFile, error) {
				if f, ok := cache[b]; ok {
					return f, nil
				}
				raw, err := fs.ReadFile(fsys, path.Join(s.dir, "t", strconv.Itoa(b)+".json"))
				if err != nil {
					return nil, err
				}
				f := &bucketFile{}
				if err := json.Unmarshal(raw, f); err != nil {
					return nil, fmt.Errorf("search: %s: %w", s.dir, err)
				}
				cache[b] = f
				return f, nil
			}
			bk, err := load(bucketOf(Prefix(w.word), s.buckets))
			if err != nil {
				return nil, err
			}
			ps := map[string][]int{}
			for _, stem := range termsOf(bk, w) {
				f, err := load(bucketOf(Prefix(stem), s.buckets))
				if err != nil {
					return nil, err
				}
				if p, ok := f.T[stem]; ok {
					ps[stem] = p
				}
			}
			for stem, p := range ps {
				if k := (segStem{si, stem}); !counted[k] {
					counted[k] = true
					df[stem] += len(p) / 2
				}
			}
			postings[wi][si] = ps
		}
	}
	idf := func(stem string) float64 {
		d := float64(df[stem])
		return math.Log(1 + (float64(m.Docs)-d+0.5)/(d+0.5))
	}
	var score map[key]float64
	for wi := range words {
		best := map[key]float64{}
		for si, ps := range postings[wi] {
			for stem, p := range ps {
				w := idf(stem)
				doc := 0
				for i := 0; i+1 < len(p); i += 2 {
					doc += p[i]
					s := w * (float64(p[i+1]>>1)/100 + float64(p[i+1]&1))
					k := key{si, doc}
					if s > best[k] {
						best[k] = s
					}
				}
			}
		}
		if score == nil {
			score = best
			continue
		}
		for k, s := range score {
			if b, ok := best[k]; ok {
				score[k] = s + b
			} else {
				delete(score, k)
			}
		}
	}
	hits := make([]Hit, 0, len(score))
	for k, s := range score {
		hits = append(hits, Hit{Segment: k.seg, Doc: k.doc, Score: s})
	}
	slices.SortFunc(hits, func(x, y Hit) int {
		switch {
		case x.Score != y.Score:
			if x.Score > y.Score {
				return -1
			}
			return 1
		case x.Segment != y.Segment:
			return x.Segment - y.Segment
		}
		return x.Doc - y.Doc
	})
	for i := range hits {
		raw, err := fs.ReadFile(fsys, path.Join(segs[hits[i].Segment].dir, "d", strconv.Itoa(hits[i].Doc)+".json"))
		if err != nil {
			return nil, err
		}
		var r record
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, err
		}
		hits[i].Path, hits[i].Title = r.Path, r.Title
	}
	return hits, nil
}

type queryWord struct {
	word   string
	prefix bool
}

// queryWords are a query's folded words, each once, the last one a
// prefix when it has two characters or more.
func queryWords(q string) []queryWord {
	var out []queryWord
	for _, w := range Words(q) {
		w = Fold(w)
		if !slices.ContainsFunc(out, func(x queryWord) bool { return x.word == w }) {
			out = append(out, queryWord{word: w})
		}
	}
	if n := len(out); n > 0 && utf8.RuneCountInString(out[n-1].word) >= 2 {
		out[n-1].prefix = true
	}
	return out
}

// termsOf lists the stems a query word stands for in a bucket: the
// stems of the words it is (or, as a prefix, begins), and the word
// itself or the stems it begins.
func termsOf(bk *bucketFile, w queryWord) []string {
	set := map[string]bool{}
	match := func(s string) bool {
		if w.prefix {
			return strings.HasPrefix(s, w.word)
		}
		return s == w.word
	}
	for word, stems := range bk.W {
		if match(word) {
			for _, s := range stems {
				set[s] = true
			}
		}
	}
	for stem := range bk.T {
		if match(stem) {
			set[stem] = true
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}
