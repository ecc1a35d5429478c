package site

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
)

type jsonFeed struct {
	Items []struct {
		ID            string `json:"id"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		DatePublished string `json:"date_published"`
		DateModified  string `json:"date_modified"`
	} `json:"items"`
}

// TestStoryFeedEntryUpdatedInPlace builds a story of one report, then
// again after a second outlet's report joins it: the story feed keeps one
// entry with the same id, a newer updated date, and both outlets.
func TestStoryFeedEntryUpdatedInPlace(t *testing.T) {
	mk := func(id, title, source string, day int) []byte {
		b, err := content.Marshal(&news.Article{ID: id, Title: title, Thread: "dam", Source: source,
			Date: time.Date(2025, 7, day, 9, 0, 0, 0, time.UTC), Body: "The dam on the river opened.\n"})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	c := fstest.MapFS{"articles/a.md": {Data: mk("a1", "Dam opens", "Example Times", 10)}}
	out := filepath.Join(t.TempDir(), "public")
	read := func() jsonFeed {
		t.Helper()
		if _, err := Build(context.Background(), options(t, c, out)); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "stories", "feed.json"))
		if err != nil {
			t.Fatal(err)
		}
		var f jsonFeed
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"index.xml", "atom.xml"} {
			if _, err := os.Stat(filepath.Join(out, "stories", name)); err != nil {
				t.Error(err)
			}
		}
		return f
	}
	first := read()
	c["articles/b.md"] = &fstest.MapFile{Data: mk("b1", "River dam opened", "Daily Planet", 11)}
	second := read()
	if len(first.Items) != 1 || len(second.Items) != 1 {
		t.Fatalf("entries: %d then %d; want one story entry each time", len(first.Items), len(second.Items))
	}
	a, b := first.Items[0], second.Items[0]
	if a.ID != b.ID || !strings.Contains(a.ID, "story:dam") {
		t.Errorf("ids %q then %q; want the same story id", a.ID, b.ID)
	}
	upd := func(x string, fallback string) time.Time {
		if x == "" {
			x = fallback
		}
		tm, _ := time.Parse(time.RFC3339, x)
		return tm
	}
	if ua, ub := upd(a.DateModified, a.DatePublished), upd(b.DateModified, b.DatePublished); !ub.After(ua) {
		t.Errorf("updated %v then %v; want newer", ua, ub)
	}
	if !strings.Contains(b.ContentHTML, "Daily Planet") || !strings.Contains(b.ContentHTML, "Example Times") || !strings.Contains(b.ContentHTML, "2 reports from 2 outlets") {
		t.Errorf("the entry does not list both outlets: %s", b.ContentHTML)
	}
}

// TestMergedThreadRedirects merges one story into another: the old page
// and feeds redirect, by _redirects and by an HTML page.
func TestMergedThreadRedirects(t *testing.T) {
	c := fstest.MapFS{
		"articles/a.md":      {Data: article(t, "a1", "Dam opens", "dam", 10)},
		"articles/b.md":      {Data: article(t, "b1", "Dam opened, officials say", "dam-old", 11)},
		"threads/dam-old.md": {Data: []byte("---\nmerged_into: dam\n---\n")},
		"threads/gone.md":    {Data: []byte("---\nmerged_into: dam-old\n---\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), options(t, c, out)); err != nil {
		t.Fatal(err)
	}
	rules, err := os.ReadFile(filepath.Join(out, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/threads/dam-old /threads/dam/ 301\n", "/threads/dam-old/* /threads/dam/:splat 301\n", "/threads/gone/* /threads/dam/:splat 301\n"} {
		if !strings.Contains(string(rules), want) {
			t.Errorf("_redirects lacks %q:\n%s", want, rules)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "threads", "dam-old", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `http-equiv="refresh" content="0; url=https://news.example.org/threads/dam/"`) || !strings.Contains(string(page), `<link rel="canonical" href="https://news.example.org/threads/dam/">`) {
		t.Errorf("the old page does not redirect: %s", page)
	}
	if _, err := os.Stat(filepath.Join(out, "threads", "dam", "atom.xml")); err != nil {
		t.Error(err)
	}
	sm, _ := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if strings.Contains(string(sm), "dam-old") {
		t.Error("the sitemap lists the old address")
	}
}
