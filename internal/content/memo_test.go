package content

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/news"
)

// TestWrittenMatchesLoad writes a batch and checks what the batch
// reports of each file against what loading the file gives: the hash,
// the stat, and (when reported) the parsed article and body offset.
func TestWrittenMatchesLoad(t *testing.T) {
	paris := time.FixedZone("", 2*3600)
	tests := []struct {
		name   string
		a      news.Article
		parsed bool // whether the batch may describe the parse
	}{
		{"plain", news.Article{ID: "a1", Title: "Floods in the north", Thread: "floods-1", Date: time.Date(2025, 7, 12, 9, 0, 0, 0, time.UTC), DateSource: news.DateFromText, Body: "One.\n\nTwo.\n"}, true},
		{"zone and fields", news.Article{ID: "a2", Title: "  Spaced title  ", Thread: "t", Date: time.Date(2025, 7, 12, 9, 0, 0, 0, paris), Source: "The Daily", URL: "https://x.example/a?b=1&c=2", Author: "A. Writer", Dateline: "Paris", Agency: "AFP", Language: "fr", Summary: "First line.\nSecond line.", CopyOf: "a1", Tags: []string{"true", "null", "a, b", "[x]"}, Related: []news.Related{{Source: "Other", Title: "More: on this", Snippet: "Text #1", URL: "https://o.example/"}}, Origin: "raw/a2.txt:3", Body: "Body."}, true},
		{"undated, no body", news.Article{ID: "a3", Title: "Only a title", Thread: "t", Tags: []string{}}, true},
		{"yaml-looking strings", news.Article{ID: "a4", Title: "- not a list: really", Thread: "'quoted'", Source: "&anchor", Origin: "#comment", Body: "x"}, true},
		{"control character", news.Article{ID: "a5", Title: "Bell \a here", Thread: "t", Body: "x"}, false},
		{"line break in a name", news.Article{ID: "a6", Title: "T", Source: "Two\nlines", Thread: "t", Body: "x"}, false},
	}
	dir := t.TempDir()
	as := make([]*news.Article, len(tests))
	for i := range tests {
		a := tests[i].a
		as[i] = &a
	}
	for round := 0; round < 2; round++ { // created, then unchanged
		outcomes, written, errs := WriteArticlesMemo(dir, as)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if errs[i] != nil {
					t.Fatal(errs[i])
				}
				if want := []WriteOutcome{Created, Unchanged}[round]; outcomes[i] != want {
					t.Errorf("outcome %v, want %v", outcomes[i], want)
				}
				w := written[i]
				full := filepath.Join(dir, filepath.FromSlash(as[i].File))
				b, err := os.ReadFile(full)
				if err != nil {
					t.Fatal(err)
				}
				st, _ := os.Stat(full)
				if !w.OK || w.Sum != sha256.Sum256(b) || w.Parsed.Size != int64(len(b)) || w.Parsed.ModTime != st.ModTime().UnixNano() {
					t.Errorf("written = ok %v, size %d, mod %d; the file has size %d, mod %d", w.OK, w.Parsed.Size, w.Parsed.ModTime, len(b), st.ModTime().UnixNano())
				}
				if w.HasParsed != tt.parsed {
					t.Errorf("HasParsed = %v, want %v", w.HasParsed, tt.parsed)
				}
				if !w.HasParsed {
					return
				}
				got, err := Unmarshal(as[i].File, b)
				if err != nil {
					t.Fatal(err)
				}
				if string(b[w.Parsed.BodyOffset:]) != got.Body {
					t.Errorf("body at offset %d is %q, Unmarshal read %q", w.Parsed.BodyOffset, b[w.Parsed.BodyOffset:], got.Body)
				}
				got.Body, got.File = "", ""
				if !reflect.DeepEqual(*got, w.Parsed.Article) || !got.Date.Equal(w.Parsed.Article.Date) {
					t.Errorf("parsed article\n got %#v\nwant %#v (Unmarshal)", w.Parsed.Article, *got)
				}
			})
		}
	}
}
