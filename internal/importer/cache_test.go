package importer

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/corpus"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/thread"
)

// site is a content folder imported into with or without a cache.
type site struct {
	content, cache string
}

func (s site) run(t *testing.T, paths ...string) *Result {
	t.Helper()
	res, err := Run(context.Background(), paths, Options{ContentDir: s.content, CacheDir: s.cache, MaxFileSize: 32 << 20, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("import errors: %v", res.Errors)
	}
	// Files written now are as old as files of an earlier day, so the
	// next import trusts their stat, as it would in use.
	age := time.Now().Add(-time.Hour)
	filepath.WalkDir(s.content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, age, age)
		}
		return nil
	})
	return res
}

// tree reads every file of a folder.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

func sameTrees(t *testing.T, step string, got, want map[string]string) {
	t.Helper()
	for p, b := range want {
		if got[p] != b {
			t.Errorf("%s: %s differs from the import without a cache", step, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s was not written by the import without a cache", step, p)
		}
	}
}

// TestCacheMatchesNoCache imports a generated corpus, then one article at
// a time (some dated before articles already in), into a site with the
// import cache and one without: the content folders must stay equal,
// also after a hand edit and with the cache corrupted, truncated or
// made for other options.
func TestCacheMatchesNoCache(t *testing.T) {
	raw, extra := t.TempDir(), t.TempDir()
	var extras []string
	i := 0
	err := corpus.Generate(corpus.Options{Articles: 90, Seed: 3}, func(d corpus.Doc) error {
		dir := raw
		if i%23 == 7 {
			dir = extra
			extras = append(extras, filepath.Join(extra, d.Name))
		}
		i++
		return os.WriteFile(filepath.Join(dir, d.Name), []byte(d.Text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	with := site{filepath.Join(root, "with", "content"), filepath.Join(root, "with", ".digest-cache")}
	without := site{content: filepath.Join(root, "without", "content")}
	step := func(name string, paths ...string) {
		t.Helper()
		with.run(t, paths...)
		without.run(t, paths...)
		sameTrees(t, name, tree(t, with.content), tree(t, without.content))
	}
	step("cold import", raw)
	c := loadCache(with.cache, thread.Options{})
	if c == nil {
		t.Fatal("the import left no usable cache")
	}
	// The new articles' analyses waited in the spill file: each comes
	// back whole, and the file is gone.
	if n := len(load(t, with.content)); len(c.Analyses) != n {
		t.Errorf("the cache holds %d analyses for %d articles", len(c.Analyses), n)
	}
	voc := thread.NewVocabulary(c.Terms)
	for k, an := range c.Analyses {
		if _, err := voc.Decode(an); err != nil {
			t.Errorf("analysis %x: %v", k, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(with.cache, spillPrefix+"*")); len(left) > 0 {
		t.Errorf("spill files left: %v", left)
	}
	step("add one", extras[0])
	step("add one again", extras[0])

	// A hand edit changes the file's hash: its analysis is made anew.
	for _, s := range []site{with, without} {
		arts := load(t, s.content)
		p := filepath.Join(s.content, filepath.FromSlash(arts[len(arts)/2].File))
		b, _ := os.ReadFile(p)
		os.WriteFile(p, append(b, []byte("\nA paragraph an editor added about the minister and the talks.\n")...), 0o644)
	}
	step("add after a hand edit", extras[1])

	cacheFile := filepath.Join(with.cache, CacheFile)
	damage := map[string]func([]byte) []byte{
		"flipped byte": func(b []byte) []byte { b[len(b)/2] ^= 0x55; return b },
		"truncated":    func(b []byte) []byte { return b[:len(b)/3] },
		"empty":        func([]byte) []byte { return nil },
	}
	k := 2
	for _, name := range []string{"flipped byte", "truncated", "empty"} {
		b, err := os.ReadFile(cacheFile)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(cacheFile, damage[name](bytes.Clone(b)), 0o644)
		if loadCache(with.cache, thread.Options{}) != nil {
			t.Errorf("%s cache: loaded", name)
		}
		step("add with a "+name+" cache", extras[k%len(extras)])
		k++
	}
	if loadCache(with.cache, thread.Options{Threshold: 0.5}) != nil {
		t.Error("a cache made with other threading options was loaded")
	}
}

// TestCacheRoundTrip encodes a cache and decodes it back.
func TestCacheRoundTrip(t *testing.T) {
	p := func(title string) news.Article {
		return news.Article{ID: "id-" + title, Title: title, TitleSource: news.TitleFromText, Date: time.Date(2025, 7, 1, 8, 0, 0, 0, time.FixedZone("", 3600)), DateSource: news.DateFromText,
			Source: "S", URL: "https://u.example/", Author: "A", Dateline: "D", Agency: "AFP", Language: "en", Summary: "Sum.\nMore.",
			Origin: "raw/x.txt", Thread: "th", CopyOf: "c", Tags: []string{"a", ""}, Related: []news.Related{{Source: "s", Title: "t", Snippet: "n", URL: "u"}},
			Body: "b", File: "articles/x.md", Edited: true}
	}
	c := &importCache{SavedAt: time.Unix(0, 123456789), Memo: content.Memo{}, Analyses: map[string][]byte{}}
	c.Memo["k1"] = content.Parsed{Article: p("one"), BodyOffset: 10, Size: 20, ModTime: 30}
	c.Memo["k2"] = content.Parsed{Article: news.Article{ID: "bare", Title: "Bare"}}
	c.Analyses["k1"] = []byte{1, 2, 3}
	c.Analyses["k3"] = []byte{4}
	c.Terms = []string{"minist", "talk", "", "new york"}
	encode := func(c *importCache) []byte {
		e := cache.NewEncoder(nil)
		c.encode(e)
		return e.Buffer()
	}
	got, err := decodeCache(encode(c))
	if err != nil {
		t.Fatal(err)
	}
	if !got.SavedAt.Equal(c.SavedAt) {
		t.Errorf("SavedAt = %v, want %v", got.SavedAt, c.SavedAt)
	}
	got.SavedAt = c.SavedAt
	for k, m := range got.Memo {
		if !m.Article.Date.Equal(c.Memo[k].Article.Date) {
			t.Errorf("%s: date %v, want %v", k, m.Article.Date, c.Memo[k].Article.Date)
		}
		m.Article.Date = c.Memo[k].Article.Date
		got.Memo[k] = m
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("decoded\n%#v\nwant\n%#v", got, c)
	}
	if n := reflect.TypeOf(news.Article{}).NumField(); n != content.ParsedFields {
		t.Errorf("news.Article has %d fields, the caches' layout knows %d: add the new ones to content.EncodeParsed and DecodeParsed", n, content.ParsedFields)
	}
	b := encode(c)
	for n := 0; n < len(b); n++ {
		if _, err := decodeCache(b[:n]); err == nil {
			t.Errorf("a truncation to %d of %d bytes decoded", n, len(b))
		}
	}
}

// TestCacheTrustsWrittenFiles checks that the files an import wrote are
// trusted by their stat at the next import (not read and hashed again),
// as files read from the content folder are: the cache's memo names
// them.
func TestCacheTrustsWrittenFiles(t *testing.T) {
	raw := t.TempDir()
	err := corpus.Generate(corpus.Options{Articles: 30, Seed: 5}, func(d corpus.Doc) error {
		return os.WriteFile(filepath.Join(raw, d.Name), []byte(d.Text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	s := site{filepath.Join(root, "content"), filepath.Join(root, ".digest-cache")}
	if _, err := Run(context.Background(), []string{raw}, Options{ContentDir: s.content, CacheDir: s.cache, Timeout: 20 * time.Second}); err != nil {
		t.Fatal(err)
	}
	c := loadCache(s.cache, thread.Options{})
	if c == nil {
		t.Fatal("the import left no usable cache")
	}
	// As if the files had been written well before the cache was.
	trust := time.Now().Add(time.Hour)
	existing, _, errs := content.LoadLazy(os.DirFS(s.content), c.Memo, trust)
	if len(errs) > 0 || len(existing.Articles) == 0 {
		t.Fatalf("loaded %d articles, errors %v", len(existing.Articles), errs)
	}
	for _, a := range existing.Articles {
		if _, unread := existing.Unread[a.File]; !unread {
			t.Errorf("content/%s was read again, though the cache has it and its stat is unchanged", a.File)
		}
	}
}
