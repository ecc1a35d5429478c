package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/search"
)

// siteFiles maps every file under dir to its content.
func siteFiles(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			m[rel] = read(t, dir, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func queryPaths(t testing.TB, out, q string) []string {
	t.Helper()
	hits, err := search.Query(os.DirFS(filepath.Join(out, searchIndexDir)), q)
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	var paths []string
	for _, h := range hits {
		paths = append(paths, h.Path)
	}
	return paths
}

// TestDigestSearchIndex builds with the default engine, digest's own:
// no npx needed, the search page loads it, queries find the articles the
// pages show (hostile titles and all), and two builds are identical.
func TestDigestSearchIndex(t *testing.T) {
	t.Setenv("PATH", "") // no npx: the default engine does not need it
	a, b := build(t, true), build(t, true)
	s := read(t, a, "search/index.html")
	if !strings.Contains(s, `data-index="/news/search-index/"`) || !strings.Contains(s, `integrity="sha384-`) || strings.Contains(s, "unavailable on this copy") {
		t.Errorf("search page lacks the index or its script: %.600s", s[strings.Index(s, "<main"):])
	}
	if !strings.Contains(s, `role="status"`) || !strings.Contains(s, `<label for="q">`) {
		t.Error("search page lacks its live region or labelled input")
	}
	if home := read(t, a, "index.html"); !strings.Contains(home, `"target":"https://example.org/news/search/?q={search_term_string}"`) {
		t.Error("home lacks the SearchAction")
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		// Both titles have it; the copy's text is shorter.
		{"wonsan", []string{"articles/talks-copy-bbbbbbbbbbbb/", "articles/talks-open-aaaaaaaaaaaa/"}},
		{"rivers", []string{"articles/other-dddddddddddd/"}},
		{"flood", []string{"articles/other-dddddddddddd/"}},
		{"agreed plan", []string{"articles/talks-open-aaaaaaaaaaaa/"}},
		{"parted satur", []string{"articles/talks-close-cccccccccccc/"}},
		{"reuters", []string{"articles/talks-open-aaaaaaaaaaaa/"}},
	} {
		if got := queryPaths(t, a, c.q); !slices.Equal(got, c.want) {
			t.Errorf("query %q = %q, want %q", c.q, got, c.want)
		}
	}
	fa, fb := siteFiles(t, a), siteFiles(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("builds differ in file count: %d, %d", len(fa), len(fb))
	}
	for p, s := range fa {
		if fb[p] != s {
			t.Errorf("%s differs between two builds", p)
		}
		if strings.HasPrefix(p, searchIndexDir) && strings.ContainsAny(s, "<>") {
			t.Errorf("%s holds raw markup: %.200s", p, s)
		}
	}
}

// TestDigestSearchShards: a shard whose articles did not change is kept
// byte for byte (linked from the cache, and the staging folder's own
// copy kept) when a newer week gets an article; when a month closes it
// is indexed whole, once; every shard stays searchable.
func TestDigestSearchShards(t *testing.T) {
	root := t.TempDir()
	out, cacheDir := filepath.Join(root, "public"), filepath.Join(root, "cache")
	fsys := testContent()
	fsys["articles/june-eeeeeeeeeeee.md"] = contentFile("eeeeeeeeeeee", "Harvest festival in June", "2025-06-20T08:00:00Z", "bbc", "t3", "", "", "Farmers gathered.")
	cfg := config.Default()
	cfg.BaseURL = testBase
	opt := Options{Site: SettingsFrom(cfg), Content: fsys, Layouts: os.DirFS("../../layouts"), Assets: os.DirFS("../../assets"),
		Out: out, Search: true, CacheDir: cacheDir}
	shards := func() []string {
		t.Helper()
		ents, err := os.ReadDir(filepath.Join(out, searchIndexDir))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range ents {
			if e.IsDir() {
				names = append(names, e.Name())
			}
		}
		return names
	}
	shard := func(names []string, prefix string) string {
		t.Helper()
		for _, n := range names {
			if strings.HasPrefix(n, prefix+"-") {
				return n
			}
		}
		t.Fatalf("no shard %s in %v", prefix, names)
		return ""
	}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	first := shards()
	if len(first) != 2 {
		t.Fatalf("shards %v, want June and July's second week", first)
	}
	june := shard(first, "2025-06")
	juneFiles := siteFiles(t, filepath.Join(out, searchIndexDir, june))
	if got := queryPaths(t, out, "harvest"); !slices.Equal(got, []string{"articles/june-eeeeeeeeeeee/"}) {
		t.Errorf("harvest: %q", got)
	}
	// A new article in July's third week: June and the second week stay.
	fsys["articles/july-ffffffffffff.md"] = contentFile("ffffffffffff", "Dam opens in July", "2025-07-20T08:00:00Z", "bbc", "t4", "", "", "Water flowed.")
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	second := shards()
	if len(second) != 3 || shard(second, "2025-06") != june || shard(second, "2025-07-w2") != shard(first, "2025-07-w2") {
		t.Errorf("after a third-week article: %v, want %v and a third week", second, first)
	}
	for p, s := range siteFiles(t, filepath.Join(out, searchIndexDir, june)) {
		if juneFiles[p] != s {
			t.Errorf("June's %s changed though its articles did not", p)
		}
	}
	if got := queryPaths(t, out, "dam"); !slices.Equal(got, []string{"articles/july-ffffffffffff/"}) {
		t.Errorf("dam: %q", got)
	}
	a, errA := os.Stat(filepath.Join(cacheDir, "search", june, "meta.json"))
	b, errB := os.Stat(filepath.Join(out, searchIndexDir, june, "meta.json"))
	if errA != nil || errB != nil || !os.SameFile(a, b) {
		t.Errorf("June's shard is not linked from the cache (%v, %v)", errA, errB)
	}
	// August begins: July is closed and indexed whole.
	fsys["articles/august-999999999999.md"] = contentFile("999999999999", "Rains return in August", "2025-08-02T08:00:00Z", "bbc", "t5", "", "", "Rain fell.")
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	third := shards()
	if len(third) != 3 || shard(third, "2025-06") != june || !strings.HasPrefix(shard(third, "2025-07"), "2025-07-") || shard(third, "2025-08-w1") == "" {
		t.Errorf("after August: %v, want June, July whole and August's first week", third)
	}
	for _, n := range third {
		if strings.HasPrefix(n, "2025-07-w") {
			t.Errorf("July's week %s is still there after July closed", n)
		}
	}
	ents, err := os.ReadDir(filepath.Join(cacheDir, "search"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 3 {
		t.Errorf("the cache holds %d shards, want 3", len(ents))
	}
	if got := queryPaths(t, out, "wonsan"); len(got) != 2 {
		t.Errorf("wonsan after July closed: %q", got)
	}
	// Search off: no index is left behind.
	opt.Search = false
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, searchIndexDir)); err == nil {
		t.Error("a build without search kept the index")
	}
}
