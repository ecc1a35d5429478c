package content

import (
	"slices"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/news"
)

// ParsedFields is how many fields of news.Article EncodeParsed knows: a
// field added to the type must be added to it (a test checks).
const ParsedFields = 20

// EncodeParsed appends p in the caches' layout (see package cache).
func EncodeParsed(e *cache.Encoder, p *Parsed) {
	a := &p.Article
	for _, s := range [...]string{a.ID, a.Title, a.TitleSource, string(a.DateSource), a.Source, a.URL, a.Author, a.Dateline, a.Agency, a.Language, a.Summary, a.Origin, a.Thread, a.CopyOf, a.Body, a.File} {
		e.Str(s)
	}
	e.Time(a.Date)
	e.Bool(a.Tags != nil)
	e.Uint(uint64(len(a.Tags)))
	for _, t := range a.Tags {
		e.Str(t)
	}
	e.Bool(a.Related != nil)
	e.Uint(uint64(len(a.Related)))
	for _, r := range a.Related {
		e.Str(r.Source)
		e.Str(r.Title)
		e.Str(r.Snippet)
		e.Str(r.URL)
	}
	e.Bool(a.Edited)
	e.Int(int64(p.BodyOffset))
	e.Int(p.Size)
	e.Int(p.ModTime)
}

// DecodeParsed reads what EncodeParsed wrote; a damaged encoding sets
// the decoder's error.
func DecodeParsed(d *cache.Decoder) Parsed {
	var p Parsed
	a := &p.Article
	for _, s := range [...]*string{&a.ID, &a.Title, &a.TitleSource, (*string)(&a.DateSource), &a.Source, &a.URL, &a.Author, &a.Dateline, &a.Agency, &a.Language, &a.Summary, &a.Origin, &a.Thread, &a.CopyOf, &a.Body, &a.File} {
		*s = d.Str()
	}
	a.Date = d.Time()
	if d.Bool() {
		a.Tags = make([]string, d.Count(1))
	} else if d.Count(1) != 0 {
		d.Fail()
	}
	for i := range a.Tags {
		a.Tags[i] = d.Str()
	}
	if d.Bool() {
		a.Related = make([]news.Related, d.Count(4))
	} else if d.Count(4) != 0 {
		d.Fail()
	}
	for i := range a.Related {
		r := &a.Related[i]
		r.Source, r.Title, r.Snippet, r.URL = d.Str(), d.Str(), d.Str(), d.Str()
	}
	a.Edited = d.Bool()
	p.BodyOffset = int(d.Int())
	p.Size = d.Int()
	p.ModTime = d.Int()
	if p.BodyOffset < 0 || p.Size < 0 {
		d.Fail()
	}
	return p
}

// Encode appends the memo in the caches' layout, sorted by key so that
// equal memos are equal bytes.
func (m Memo) Encode(e *cache.Encoder) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		p := m[k]
		e.Str(k)
		EncodeParsed(e, &p)
	}
}

// DecodeMemo reads what Memo.Encode wrote.
func DecodeMemo(d *cache.Decoder) Memo {
	n := d.Count(24) // a key and the smallest entry take more
	m := make(Memo, n)
	for range n {
		k := d.Str()
		m[k] = DecodeParsed(d)
		if d.Err() != nil {
			return nil
		}
	}
	return m
}
