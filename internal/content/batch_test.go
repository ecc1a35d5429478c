package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
			g, _ := os.ReadFile(filepath.Join(many, a.File))
			w, _ := os.ReadFile(filepath.Join(one, a.File))
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

// TestLoadLazy checks which files LoadLazy trusts without reading them.
func TestLoadLazy(t *testing.T) {
	dir := t.TempDir()
	for _, id := range []string{"kept", "grown", "fresh"} {
		if _, err := WriteArticle(dir, &news.Article{ID: id, Title: id, Body: "Body of " + id + ".", File: ArticlesDir + "/" + id + ".md"}); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	for _, id := range []string{"kept", "grown", "fresh"} {
		os.Chtimes(filepath.Join(dir, ArticlesDir, id+".md"), old, old)
	}
	fsys := os.DirFS(dir)
	_, memo, errs := LoadLazy(fsys, nil, time.Now())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	grown := filepath.Join(dir, ArticlesDir, "grown.md")
	b, _ := os.ReadFile(grown)
	os.WriteFile(grown, append(b, "More.\n"...), 0o644)
	os.Chtimes(grown, old, old) // same time, other size
	fresh := filepath.Join(dir, ArticlesDir, "fresh.md")
	now := time.Now()
	os.Chtimes(fresh, now, now) // touched after the memo was made

	c, _, errs := LoadLazy(fsys, memo, now.Add(-time.Second))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cases := []struct {
		path   string
		unread bool
	}{
		{"articles/kept.md", true},
		{"articles/grown.md", false},
		{"articles/fresh.md", false},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			off, unread := c.Unread[tc.path]
			if unread != tc.unread {
				t.Fatalf("unread = %v, want %v", unread, tc.unread)
			}
			var a *news.Article
			for _, x := range c.Articles {
				if x.File == tc.path {
					a = x
				}
			}
			body := a.Body
			if unread {
				var err error
				if body, err = ReadBody(fsys, tc.path, off); err != nil {
					t.Fatal(err)
				}
			}
			full, _ := os.ReadFile(filepath.Join(dir, tc.path))
			want, _ := Unmarshal(tc.path, full)
			if body != want.Body || a.Title != want.Title {
				t.Errorf("body %q, title %q; want %q, %q", body, a.Title, want.Body, want.Title)
			}
		})
	}
}

// TestBatchInParts writes articles in several parts, two of them bound
// for one path (in one part and across parts), and checks the outcomes
// and bytes against WriteArticle's one after the other; and that nothing
// is in place before Commit, nor after Abort.
func TestBatchInParts(t *testing.T) {
	mk := func(id, title, body string) *news.Article {
		return &news.Article{ID: id, Title: title, Thread: "t1", Date: time.Date(2025, 7, 12, 9, 0, 0, 0, time.UTC), Body: body}
	}
	parts := func() [][]*news.Article {
		return [][]*news.Article{
			{mk("a", "A", "one"), mk("b", "B", "two"), mk("a", "A", "one again")},
			{mk("c", "C", "three")},
			{mk("b", "B", "two again"), mk("d", "D", "four"), mk("a", "A", "one again")},
		}
	}
	one := t.TempDir()
	var want []WriteOutcome
	for _, p := range parts() {
		for _, a := range p {
			o, err := WriteArticle(one, a)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, o)
		}
	}
	// Parts without a shared path: nothing is in place before Commit,
	// and Abort leaves no file at all.
	many := t.TempDir()
	b := NewBatch(many)
	for _, p := range parts()[1:] {
		b.Write(p)
	}
	before, _ := os.ReadDir(filepath.Join(many, ArticlesDir))
	for _, e := range before {
		if !strings.HasPrefix(e.Name(), ".") {
			t.Errorf("before Commit: %s is in place", e.Name())
		}
	}
	if len(before) != 4 {
		t.Errorf("before Commit: %d temporary files, want 4", len(before))
	}
	b.Abort()
	if after, _ := os.ReadDir(filepath.Join(many, ArticlesDir)); len(after) != 0 {
		t.Errorf("Abort left %d files, want none", len(after))
	}

	many = t.TempDir()
	b = NewBatch(many)
	var all []*news.Article
	for _, p := range parts() {
		b.Write(p)
		all = append(all, p...)
	}
	outcomes, written, errs := b.Commit()
	if len(outcomes) != len(all) || len(written) != len(all) || len(errs) != len(all) {
		t.Fatalf("Commit reported %d, %d, %d articles, want %d", len(outcomes), len(written), len(errs), len(all))
	}
	for i, a := range all {
		if errs[i] != nil {
			t.Fatalf("%d (%s): %v", i, a.ID, errs[i])
		}
		if outcomes[i] != want[i] {
			t.Errorf("%d (%s): outcome %s, want %s", i, a.ID, outcomes[i], want[i])
		}
	}
	entries, _ := os.ReadDir(filepath.Join(many, ArticlesDir))
	if len(entries) != 4 {
		t.Errorf("%d files in articles/, want 4 (no temporary files left)", len(entries))
	}
	for _, e := range entries {
		g, _ := os.ReadFile(filepath.Join(many, ArticlesDir, e.Name()))
		w, _ := os.ReadFile(filepath.Join(one, ArticlesDir, e.Name()))
		if string(g) != string(w) {
			t.Errorf("%s differs from WriteArticle's:\n%s\nwant\n%s", e.Name(), g, w)
		}
	}
}

// TestLoadLazyBudget checks that LoadLazyBudget holds at most its budget
// of bodies, parsed or from the memo, and that every body let go reads
// back whole with ReadBody.
func TestLoadLazyBudget(t *testing.T) {
	dir := t.TempDir()
	var ids []string
	for i := range 12 {
		id := fmt.Sprintf("a%02d", i)
		ids = append(ids, id)
		body := strings.Repeat("Words of "+id+". ", 10+i)
		if _, err := WriteArticle(dir, &news.Article{ID: id, Title: id, Body: body, File: ArticlesDir + "/" + id + ".md"}); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	const budget = 600
	var memo Memo
	for _, round := range []string{"parsed", "from the memo"} {
		t.Run(round, func(t *testing.T) {
			c, next, errs := LoadLazyBudget(fsys, memo, time.Time{}, budget)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			memo = next
			held, unread := 0, 0
			for _, a := range c.Articles {
				body := a.Body
				if off, ok := c.Unread[a.File]; ok {
					if body != "" {
						t.Errorf("%s: listed as unread with its body held", a.File)
					}
					unread++
					var err error
					if body, err = ReadBody(fsys, a.File, off); err != nil {
						t.Fatal(err)
					}
				} else {
					held += len(body)
				}
				full, _ := os.ReadFile(filepath.Join(dir, a.File))
				want, _ := Unmarshal(a.File, full)
				if body != want.Body {
					t.Errorf("%s: body %q, want %q", a.File, body, want.Body)
				}
			}
			if len(c.Articles) != len(ids) || held > budget || unread == 0 || held == 0 {
				t.Errorf("%d articles, %d bytes of bodies held (budget %d), %d unread", len(c.Articles), held, budget, unread)
			}
		})
	}
}
