package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
)

// TestExcerptMode builds one article published as an excerpt and one in
// full: the excerpt's page, feeds and search body hold its lead alone,
// link to the original prominently, and name it as canonical.
func TestExcerptMode(t *testing.T) {
	body := "Floods closed the port on Monday. Ships waited offshore for two days. Officials said repairs would take weeks.\n\n" +
		"The second paragraph, SECRET-REST, is the outlet's own and stays there.\n"
	mk := func(id, title, publish string) []byte {
		b, err := content.Marshal(&news.Article{ID: id, Title: title, Thread: "t1", Source: "Harbour Post", URL: "https://harbour.example.com/news/" + id,
			Date: time.Date(2025, 7, 10, 9, 0, 0, 0, time.UTC), Body: body, Publish: publish})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	c := fstest.MapFS{
		"articles/port.md": {Data: mk("p1", "Floods close the port", "excerpt")},
		"articles/mine.md": {Data: mk("m1", "Our own report on the port", "full")},
	}
	out := filepath.Join(t.TempDir(), "public")
	opt := options(t, c, out)
	opt.Site.LeadSentences = 2
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("articles/port/index.html")
	if !strings.Contains(page, "Floods closed the port on Monday. Ships waited offshore for two days.") {
		t.Error("the excerpt page lacks the lead")
	}
	if strings.Contains(page, "Officials said") || strings.Contains(page, "SECRET-REST") {
		t.Error("the excerpt page shows more than two sentences")
	}
	if !strings.Contains(page, `class="read-original"`) || !strings.Contains(page, `href="https://harbour.example.com/news/p1"`) || !strings.Contains(page, "Read the full article at Harbour Post") {
		t.Error("the excerpt page has no prominent link to the original")
	}
	for _, want := range []string{`<link rel="canonical" href="https://harbour.example.com/news/p1">`, `<meta property="og:url" content="https://harbour.example.com/news/p1">`, `"mainEntityOfPage":"https://harbour.example.com/news/p1"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the excerpt page lacks %s", want)
		}
	}
	full := read("articles/mine/index.html")
	if !strings.Contains(full, "SECRET-REST") || strings.Contains(full, `class="read-original"`) || !strings.Contains(full, `<link rel="canonical" href="https://news.example.org/articles/mine/">`) {
		t.Error("the full article is not shown whole with its own canonical URL")
	}
	// A story's feed carries each article's text (the full article's
	// whole, the excerpt's lead); the site's feeds carry summaries.
	for _, f := range []string{"index.xml", "atom.xml", "feed.json", "threads/t1/atom.xml", "threads/t1/index.xml"} {
		feed := read(f)
		want := 0
		if strings.HasPrefix(f, "threads/") {
			want = 1
		}
		if n := strings.Count(feed, "SECRET-REST"); n != want {
			t.Errorf("%s: the rest of the full article's text appears %d times; want %d", f, n, want)
		}
		if !strings.Contains(feed, "Read the full article at Harbour Post") || !strings.Contains(feed, "Ships waited offshore") {
			t.Errorf("%s: the excerpt entry lacks its lead or its link to the original", f)
		}
	}
	sm := read("sitemap.xml")
	if !strings.Contains(sm, "https://news.example.org/articles/port/") || strings.Contains(sm, "harbour.example.com") {
		t.Error("the sitemap should list our page, never the original's URL")
	}
}

func TestLead(t *testing.T) {
	for _, c := range []struct {
		name, text string
		s, w       int
		want       string
	}{
		{"two sentences", "One is here. Two is there. Three.", 2, 60, "One is here. Two is there."},
		{"abbreviations", "Mr. Smith met Dr. Jones in the U.S. capital. Then left.", 1, 60, "Mr. Smith met Dr. Jones in the U.S. capital."},
		{"words", "a b c d e f g h i j k l", 3, 5, "a b c d e …"},
		{"quote", `He said "go." Then they went.`, 1, 60, `He said "go."`},
		{"heading counts", "Headline without stop\nBody one. Body two.", 2, 60, "Headline without stop Body one."},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := lead(c.text, c.s, c.w); got != c.want {
				t.Errorf("lead(%q) = %q; want %q", c.text, got, c.want)
			}
		})
	}
}
