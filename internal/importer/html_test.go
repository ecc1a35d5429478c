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

// TestSharedAffixesCutAcrossABatch: pages of one site whose titles all
// carry its name and sections ("Autoracing | F1 | …"), which no page
// names, are imported with the headline alone; a page of another site
// with the same pieces keeps them, and the order of the pages does not
// matter. RecoverBatch, which eval meta runs, gives the same headlines.
func TestSharedAffixesCutAcrossABatch(t *testing.T) {
	page := func(host, slug, title string) ingest.Item {
		body := strings.Repeat("The race was run in dry conditions before a large crowd, and the stewards looked at two incidents after the finish. ", 5)
		html := `<html><head><title>` + title + `</title><link rel="canonical" href="https://` + host + `/` + slug + `"></head><body><article><p>` + title + ` ` + body + `</p></article></body></html>`
		items, errs := ingest.Parse(slug+".html", ingest.HTMLPage, []byte(html), time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return items[0]
	}
	items := []ingest.Item{
		page("www.motorsport-daily.example", "monaco", "Autoracing | F1 | Hamilton wins in Monaco again"),
		page("www.motorsport-daily.example", "sprint", "Autoracing | F1 | Verstappen fined after the sprint race"),
		page("www.motorsport-daily.example", "pole", "Autoracing | Indy | Palou takes pole at Indianapolis"),
		page("www.motorsport-daily.example", "rain", "Autoracing | Indy | Rain delays the start at Road America"),
		page("other.example", "snow", "Autoracing | Rally | Snow stage cancelled in Sweden"),
	}
	want := map[string]string{
		"monaco.html": "Hamilton wins in Monaco again",
		"sprint.html": "Verstappen fined after the sprint race",
		"pole.html":   "Palou takes pole at Indianapolis",
		"rain.html":   "Rain delays the start at Road America",
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 4, 0, 3, 1}} {
		var batch []ingest.Item
		for _, i := range order {
			batch = append(batch, items[i])
		}
		out := filepath.Join(t.TempDir(), "content")
		res, err := Run(context.Background(), nil, Options{ContentDir: out, Items: batch})
		if err != nil || res.Summary.Imported != len(items) {
			t.Fatalf("order %v: %v %s %v", order, err, res.Summary, res.Errors)
		}
		written := map[string]string{}
		for _, a := range load(t, out) {
			written[a.Origin] = a.Title
			if w, ok := want[a.Origin]; ok && a.Title != w {
				t.Errorf("order %v: %s: headline %q, want %q", order, a.Origin, a.Title, w)
			}
			if a.Origin == "snow.html" && !strings.Contains(a.Title, "Rally | Snow stage") {
				t.Errorf("order %v: another site's page lost its pieces: %q", order, a.Title)
			}
		}
		arts, errs := RecoverBatch(context.Background(), batch)
		for i, a := range arts {
			if errs[i] != nil || a.Title != written[batch[i].Origin] {
				t.Errorf("order %v: RecoverBatch gives %s %q (%v), import wrote %q", order, batch[i].Origin, a.Title, errs[i], written[batch[i].Origin])
			}
		}
	}
}
