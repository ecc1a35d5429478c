package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Rec is one structured article record, the schema of .json and .jsonl
// input. A record needs a Title or a body (Text or HTML): one with a title
// only is a headline-only item (a link aggregator's, a titles-only feed's),
// one with a body only gets a headline derived from its lead.
type Rec struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"` // plain text, paragraphs separated by newlines
	HTML      string `json:"html"` // the article (or whole page) as HTML
	URL       string `json:"url"`
	Source    string `json:"source"`
	Author    string `json:"author"`
	Published string `json:"published"` // RFC 3339

	Line int       `json:"-"` // where the record starts in its file
	Date time.Time `json:"-"` // Published parsed; zero when absent
}

// MaxRecordLine bounds one line of a JSON Lines file.
const MaxRecordLine = 16 << 20

// ParseRecords reads JSON Lines (one object a line) or a JSON array of
// objects. Every bad record is an error naming its line; the good ones are
// returned all the same.
func ParseRecords(path, text string) ([]*Rec, []error) {
	trimmed := strings.TrimLeft(text, " \t\n")
	if strings.HasPrefix(trimmed, "[") {
		return parseArray(path, text)
	}
	var recs []*Rec
	var errs []error
	line := 0
	for rest := text; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		line++
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(l) > MaxRecordLine {
			errs = append(errs, &Error{Path: path, Line: line, Msg: fmt.Sprintf("record is longer than %d MiB; split it", MaxRecordLine>>20)})
			continue
		}
		r, err := decodeRecord([]byte(l))
		if err != nil {
			errs = append(errs, &Error{Path: path, Line: line, Msg: err.Error()})
			continue
		}
		r.Line = line
		recs = append(recs, r)
	}
	return recs, errs
}

func parseArray(path, text string) ([]*Rec, []error) {
	dec := json.NewDecoder(strings.NewReader(text))
	lineAt := func(off int64) int { return 1 + strings.Count(text[:min(int(off), len(text))], "\n") }
	if _, err := dec.Token(); err != nil {
		return nil, []error{&Error{Path: path, Line: 1, Msg: "is not valid JSON: " + err.Error()}}
	}
	var recs []*Rec
	var errs []error
	for dec.More() {
		start := dec.InputOffset()
		// The element starts after any separator and white space.
		for start < int64(len(text)) && strings.ContainsRune(", \t\r\n", rune(text[start])) {
			start++
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			errs = append(errs, &Error{Path: path, Line: lineAt(start), Msg: "is not valid JSON from here on: " + err.Error() + "; fix the record and import again"})
			return recs, errs
		}
		r, err := decodeRecord(raw)
		if err != nil {
			errs = append(errs, &Error{Path: path, Line: lineAt(start), Msg: err.Error()})
			continue
		}
		r.Line = lineAt(start)
		recs = append(recs, r)
	}
	return recs, errs
}

// decodeRecord reads and checks one record.
func decodeRecord(b []byte) (*Rec, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var r Rec
	if err := dec.Decode(&r); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("field %q should be a %s, not a JSON %s", te.Field, te.Type, te.Value)
		}
		return nil, fmt.Errorf("is not a valid JSON object: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("has more than one JSON value on the line; put one record on each line")
	}
	r.Title = Normalize(strings.TrimSpace(r.Title))
	r.Text = Normalize(r.Text)
	r.HTML = strings.ToValidUTF8(r.HTML, "\uFFFD")
	r.ID = strings.TrimSpace(r.ID)
	r.URL = strings.TrimSpace(r.URL)
	r.Source = Normalize(strings.TrimSpace(r.Source))
	r.Author = Normalize(strings.TrimSpace(r.Author))
	if r.Title == "" && strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.HTML) == "" {
		return nil, errors.New(`record has no "title", "text" or "html"; give at least the headline, or the article's body`)
	}
	if p := strings.TrimSpace(r.Published); p != "" {
		t, err := time.Parse(time.RFC3339, p)
		if err != nil {
			if t, err = time.Parse("2006-01-02", p); err != nil {
				return nil, fmt.Errorf(`"published" %q is not an RFC 3339 date; write e.g. "2025-07-12T09:30:00Z"`, p)
			}
		}
		r.Date = t.UTC()
	}
	return &r, nil
}
