package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/testutil"
)

// linkPage is an HTML page of about n bytes holding nothing but links,
// the page that costs the parser most memory per byte.
func linkPage(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<html><head><title>Links</title></head><body><article><h1>Links</h1><p>")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "<a href=\"https://example.com/%d\">link %d</a> ", i, i)
	}
	b.WriteString("</p></article></body></html>")
	return b.Bytes()
}

// An article over import.max_article_size (a 31 MiB page of links under
// the 32 MiB file limit, a 12 MiB dump, a record's 11 MiB html) is
// refused before any work on it, naming the file and the setting: the
// import allocates little more than the files' bytes. Before the bound
// the page alone took 1.2 GB of memory before the content limit refused
// it after the work.
func TestArticleOverTheLimitIsRefusedBeforeTheWork(t *testing.T) {
	raw := t.TempDir()
	out := filepath.Join(t.TempDir(), "content")
	files := map[string][]byte{
		"links.html":  linkPage(31 << 20),
		"minutes.txt": []byte("Council minutes\n\n" + strings.Repeat("The council noted the report on the harbour works and asked for the figures.\n\n", (12<<20)/80)),
	}
	big, _ := json.Marshal(map[string]string{"title": "A page of links", "html": string(linkPage(11 << 20))})
	good, _ := json.Marshal(map[string]string{"title": "Library extends its hours", "text": strings.Join(prose("the library", 3), "\n")})
	files["records.jsonl"] = []byte(string(good) + "\n" + string(big) + "\n")
	var size uint64
	for name, b := range files {
		write(t, raw, name, b)
		size += uint64(len(b))
	}
	var res *Result
	var err error
	alloc := testutil.Allocated(func() {
		res, err = Run(context.Background(), []string{raw}, Options{ContentDir: out, MaxFileSize: 32 << 20, Timeout: time.Minute})
	})
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, e := range res.Errors {
		errs = append(errs, e.Error())
	}
	for _, want := range []string{"links.html: is an article of 31.0 MiB, over the 10.0 MiB of import.max_article_size", "minutes.txt: is an article of 11.7 MiB", "records.jsonl:2: is an article of 11.0 MiB"} {
		if !strings.Contains(strings.Join(errs, "\n"), want) {
			t.Errorf("errors lack %q:\n%s", want, strings.Join(errs, "\n"))
		}
	}
	if n := len(load(t, out)); n != 1 {
		t.Errorf("%d articles imported, want the good record only", n)
	}
	// Reading the files takes their bytes once, decoding the JSON record
	// twice more; parsing the page would take forty times its bytes.
	if alloc > 4*size {
		t.Errorf("the import allocated %d MB for %d MB of files over the limit, want at most 4 times their bytes", alloc>>20, size>>20)
	}
	t.Logf("allocated %d MB for %d MB of files", alloc>>20, size>>20)
}

// An article within a raised import.max_article_size is imported; one
// byte over it is refused.
func TestMaxArticleSizeIsTheSetting(t *testing.T) {
	raw := t.TempDir()
	out := filepath.Join(t.TempDir(), "content")
	page := []byte("<html><head><title>Harbour works begin</title></head><body><article><h1>Harbour works begin</h1><p>" + strings.Join(prose("the harbour works", 4), "</p><p>") + "</p></article></body></html>")
	write(t, raw, "page.html", page)
	opt := Options{ContentDir: out, MaxFileSize: 32 << 20, MaxArticleSize: int64(len(page)), Timeout: time.Minute}
	res, err := Run(context.Background(), []string{raw}, opt)
	if err != nil || len(res.Errors) > 0 || res.Summary.Imported != 1 {
		t.Fatalf("a page of exactly the limit: err %v, errors %v, summary %+v", err, res.Errors, res.Summary)
	}
	write(t, raw, "page.html", append(page, '\n'))
	res, err = Run(context.Background(), []string{raw}, opt)
	if err != nil || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "raise import.max_article_size in digest.toml") {
		t.Fatalf("a page one byte over the limit: err %v, errors %v", err, res.Errors)
	}
}

// BenchmarkPageOfLinksMemory imports one page of links of each size
// through Run and reports the bytes allocated per byte of page: flat
// below import.max_article_size (so a worker's memory is bounded by the
// setting times this figure), a fraction of one above it, where the page
// is refused before it is parsed.
func BenchmarkPageOfLinksMemory(b *testing.B) {
	for _, mib := range []int{1, 4, 9, 31} {
		page := linkPage(mib << 20)
		b.Run(fmt.Sprintf("%dMiB", mib), func(b *testing.B) {
			raw := b.TempDir()
			p := write(b, raw, "links.html", page)
			var alloc uint64
			for b.Loop() {
				out := filepath.Join(b.TempDir(), "content")
				alloc += testutil.Allocated(func() {
					if _, err := Run(context.Background(), []string{p}, Options{ContentDir: out, MaxFileSize: 32 << 20, Timeout: time.Minute}); err != nil {
						b.Fatal(err)
					}
				})
			}
			b.ReportMetric(float64(alloc)/float64(b.N)/float64(len(page)), "alloc-B/page-B")
		})
	}
}
