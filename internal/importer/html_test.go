package importer

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
