package importer

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/ingest"
	"github.com/digest-news/digest/internal/news"
)

// TestImportHTMLPage imports real pages of the extraction benchmark and
// checks that metadata comes from the page itself.
func TestImportHTMLPage(t *testing.T) {
	pages, _ := filepath.Glob("../../testdata/extraction/dev/html/*.html.gz")
	if len(pages) < 5 {
		t.Fatal("no dev pages")
	}
	raw := t.TempDir()
	out := t.TempDir()
	for _, p := range pages[:5] {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		io.Copy(&buf, zr)
		f.Close()
		write(t, raw, strings.TrimSuffix(filepath.Base(p), ".gz"), buf.Bytes())
	}
	res := run(t, out, raw)
	if res.Summary.Imported != 5 || res.Summary.Failed != 0 {
		t.Fatalf("summary %s, errors %v", res.Summary, res.Errors)
	}
	var fromPage int
	for _, a := range load(t, out) {
		if a.Title == "" || strings.TrimSpace(a.Body) == "" || a.Language == "" || a.Thread == "" {
			t.Errorf("%s: incomplete article %+v", a.Origin, a)
		}
		if a.DateSource == news.DateFromPage {
			fromPage++
		}
		if a.URL != "" && !strings.HasPrefix(a.URL, "http") {
			t.Errorf("%s: url %q", a.Origin, a.URL)
		}
		for _, bad := range []string{"<script", "<div", "<iframe", "onclick"} {
			if strings.Contains(a.Body, bad) {
				t.Errorf("%s: body keeps %q", a.Origin, bad)
			}
		}
	}
	if fromPage == 0 {
		t.Error("no page gave its own date")
	}
	// Import is idempotent for HTML too.
	if res := run(t, out, raw); res.Summary.Unchanged != 5 {
		t.Errorf("second import: %s", res.Summary)
	}
}

// A page without <title> or <h1> (three of Readability's test pages) is
// imported with its lead's first sentence as headline, marked as derived,
// and counted in the summary.
func TestLeadTitle(t *testing.T) {
	page := `<html><body><article><p>The harbour board approved the new ferry timetable on Monday after a long debate. Members said the change would help commuters.</p><p>` +
		strings.Repeat("The board also discussed the budget for the coming year in detail. ", 6) + `</p></article></body></html>`
	items, errs := ingest.Parse("no-title.html", ingest.HTMLPage, []byte(page), time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	a, err := Recover(items[0])
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "The harbour board approved the new ferry timetable on Monday after a long debate" || a.TitleSource != news.TitleFromText {
		t.Errorf("title %q (source %q)", a.Title, a.TitleSource)
	}
	if got := leadTitle(strings.Repeat("word ", 60)); len(got) > 125 || !strings.HasSuffix(got, "…") {
		t.Errorf("long lead gives %q", got)
	}
	raw := t.TempDir()
	write(t, raw, "no-title.html", []byte(page))
	res, err := Run(context.Background(), []string{raw}, Options{ContentDir: filepath.Join(t.TempDir(), "content")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Imported != 1 || res.Summary.LeadTitled != 1 || res.Summary.FileDated != 1 {
		t.Errorf("summary %+v", res.Summary)
	}
	if !strings.Contains(res.Summary.String(), "1 dated by file time") || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Msg, "taken from its lead") {
		t.Errorf("summary %q, warnings %v", res.Summary, res.Warnings)
	}
}

// TestFileDatedCountsAfterDedupe: the summary's "dated by file time" and
// "headlines taken from the lead" count the articles the import wrote,
// after dedupe: a copy of an article in the same batch, skipped as a
// duplicate, and an article imported again unchanged are not counted.
func TestFileDatedCountsAfterDedupe(t *testing.T) {
	page := `<html><head><title>Harbour board approves the new ferry timetable</title></head><body><article><h1>Harbour board approves the new ferry timetable</h1><p>` +
		strings.Repeat("The board discussed the timetable for the coming year in detail, and members said the change would help commuters. ", 6) + `</p></article></body></html>`
	raw := t.TempDir()
	out := filepath.Join(t.TempDir(), "content")
	write(t, raw, "a.html", []byte(page))
	write(t, raw, "copy/a.html", []byte(page)) // the same page saved twice
	untitled := `<html><body><article><p>The lighthouse keepers voted on Friday to end their strike after a long dispute. ` +
		strings.Repeat("The union also discussed the pay offer for the coming year in detail. ", 6) + `</p></article></body></html>`
	write(t, raw, "b.html", []byte(untitled))
	write(t, raw, "copy/b.html", []byte(untitled))
	res := run(t, out, raw)
	if s := res.Summary; s.Imported != 2 || s.Skipped != 2 || s.FileDated != 2 || s.LeadTitled != 1 {
		t.Errorf("first import: %+v, notices %v", s, res.Notices)
	}
	if s := res.Summary.String(); !strings.Contains(s, "; 2 dated by file time; 1 headlines taken from the lead") {
		t.Errorf("first import: summary %q", s)
	}
	res = run(t, out, raw)
	if s := res.Summary; s.Unchanged != 2 || s.Skipped != 2 || s.FileDated != 0 || s.LeadTitled != 0 {
		t.Errorf("second import: %+v", s)
	}
	if s := res.Summary.String(); strings.Contains(s, "file time") || strings.Contains(s, "lead") {
		t.Errorf("second import: summary %q", s)
	}
}
