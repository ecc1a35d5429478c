package content

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/news"
)

// TestWriteArticlesMatchesOneByOne writes a batch over a folder holding
// an unchanged file, the tool's own outdated file and a hand-edited file,
// and checks outcomes and bytes against WriteArticle's.
func TestWriteArticlesMatchesOneByOne(t *testing.T) {
	mk := func(id, title, body string) *news.Article {
		return &news.Article{ID: id, Title: title, Thread: "t1", Date: time.Date(2025, 7, 12, 9, 0, 0, 0, time.UTC), Body: body}
	}
	seed := func(dir string) {
		for _, a := range []*news.Article{mk("same", "Same", "x"), mk("old", "Old", "before"), mk("hand", "Hand", "mine")} {
			if _, err := WriteArticle(dir, a); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(dir, ArticlePath(mk("hand", "Hand", "")))
		b, _ := os.ReadFile(p)
		os.WriteFile(p, append(b, "edited by hand\n"...), 0o644)
	}
	batch := func() []*news.Article {
		return []*news.Article{mk("same", "Same", "x"), mk("old", "Old", "after"), mk("hand", "Hand", "theirs"), mk("new", "New", "fresh")}
	}
	one, many := t.TempDir(), t.TempDir()
	seed(one)
	seed(many)
	want := map[string]WriteOutcome{}
	for _, a := range batch() {
		o, err := WriteArticle(one, a)
		if err != nil {
			t.Fatal(err)
		}
		want[a.ID] = o
	}
	as := batch()
	outcomes, errs := WriteArticles(many, as)
	for i, a := range as {
		t.Run(a.ID, func(t *testing.T) {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			if outcomes[i] != want[a.ID] {
				t.Errorf("outcome %s, want %s", outcomes[i], want[a.ID])
			}
			g, _ := os.ReadFile(filepath.Join(many, a.Path))
			w, _ := os.ReadFile(filepath.Join(one, a.Path))
			if string(g) != string(w) {
				t.Errorf("bytes differ from WriteArticle's:\n%s\nwant\n%s", g, w)
			}
		})
	}
	entries, _ := os.ReadDir(filepath.Join(many, ArticlesDir))
	if len(entries) != 4 {
		t.Errorf("%d files in articles/, want 4 (no temporary files left)", len(entries))
	}
}
