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
