package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
)

// siteContent writes n articles in about n/6 threads, with outlets,
// tags, copies and Markdown bodies, into dir/articles.
func siteContent(t testing.TB, dir string, n int, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	outlets := []string{"Reuters", "AFP", "BBC News", "Al Jazeera", "CNN", ""}
	tags := []string{"Kim Jong Un", "Sergei Lavrov", "Wonsan", "Moscow", "KCNA", "Beijing", "NATO"}
	for i := range n {
		writeArticle(t, dir, articleAt(rng, i, n, outlets, tags))
	}
}

func articleAt(rng *rand.Rand, i, n int, outlets, tags []string) *news.Article {
	th := rng.IntN(max(1, n/6))
	a := &news.Article{
		ID: fmt.Sprintf("a%04d", i), Title: fmt.Sprintf("Report %d on story %d: talks in Wonsan", i, th),
		Date:   time.Date(2025, 7, 1+rng.IntN(20), rng.IntN(24), 0, 0, 0, time.UTC),
		Source: outlets[rng.IntN(len(outlets))], Thread: fmt.Sprintf("t%03d", th), Language: "en",
		Summary: fmt.Sprintf("Summary of report %d.", i),
		Body:    fmt.Sprintf("WONSAN, July %d (AFP) - First paragraph of report %d with [a link](https://example.org/%d).\n\n## A subheading\n\nSecond paragraph about story %d.\n\n- one\n- two\n", 1+i%20, i, i, th),
	}
	if rng.IntN(3) == 0 {
		a.Tags = []string{tags[rng.IntN(len(tags))], tags[rng.IntN(len(tags))]}
	}
	if i > 0 && rng.IntN(8) == 0 {
		a.CopyOf = fmt.Sprintf("a%04d", rng.IntN(i))
	}
	return a
}

func writeArticle(t testing.TB, dir string, a *news.Article) {
	t.Helper()
	b, err := content.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "articles", a.ID+".md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// readTree reads every file under dir: site path → bytes.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel != "." {
				files[filepath.ToSlash(rel)+"/"] = nil // folders count too: no empty leftovers
			}
			return nil
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, x := range a {
		if y, ok := b[p]; !ok || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

// sameTree reports every difference between two trees.
func sameTree(t testing.TB, what string, got, want map[string][]byte) {
	t.Helper()
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			diffs = append(diffs, "missing "+p)
		} else if !bytes.Equal(g, w) {
			diffs = append(diffs, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("%s: %d differences from a full build, first: %s", what, len(diffs), strings.Join(diffs[:min(8, len(diffs))], "; "))
	}
}

// TestIncrementalMatchesFullBuild changes the content step by step and
// checks after each step that the build with the cache writes the very
// tree a build without it does, while rendering only part of the site.
func TestIncrementalMatchesFullBuild(t *testing.T) {
	// The default list size, where a change must touch little; and lists
	// of four, so that topics, outlets and days run to many pages that
	// shift when an article comes or goes (there only equality counts).
	t.Run("lists of 50", func(t *testing.T) { testIncremental(t, 50, true) })
	t.Run("lists of 4", func(t *testing.T) { testIncremental(t, 4, false) })
}

func testIncremental(t *testing.T, listSize int, checkWork bool) {
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	siteContent(t, dir, 60, 1)
	out, cache := filepath.Join(root, "site", "public"), filepath.Join(root, "site", ".digest-cache")
	rng := rand.New(rand.NewPCG(2, 2))
	steps := []struct {
		name    string
		change  func()
		partial bool // only part of the site may be rendered
	}{
		{"first build", func() {}, false},
		{"nothing changed", func() {}, true},
		{"add an article to a story", func() {
			a := articleAt(rng, 60, 60, []string{"Reuters"}, []string{"Wonsan"})
			a.Thread = "t003"
			writeArticle(t, dir, a)
		}, true},
		{"edit an article", func() {
			p := filepath.Join(dir, "articles", "a0007.md")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("- two"), []byte("- two and three"), 1), 0o644)
		}, true},
		{"delete an article", func() { os.Remove(filepath.Join(dir, "articles", "a0011.md")) }, true},
		{"retitle an article", func() {
			p := filepath.Join(dir, "articles", "a0020.md")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("Report 20 on"), []byte("Retitled report 20 on"), 1), 0o644)
		}, true},
		{"curate a story", func() {
			os.MkdirAll(filepath.Join(dir, "threads"), 0o755)
			os.WriteFile(filepath.Join(dir, "threads", "t004.md"), []byte("---\nheadline: An editor's headline\npinned: true\n---\nA note.\n"), 0o644)
		}, false},
		{"hide a story", func() {
			os.WriteFile(filepath.Join(dir, "threads", "t002.md"), []byte("---\nhidden: true\n---\n"), 0o644)
		}, false},
		{"new story", func() {
			a := articleAt(rng, 61, 60, []string{"CNN"}, []string{"NATO"})
			a.Thread, a.Date = "t999", time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
			writeArticle(t, dir, a)
		}, false},
		{"a wire copy arrives from another outlet on another day", func() {
			// The original's outlet and day pages fold the copy under it
			// ("also carried by"), though the copy is on neither list.
			for i := range 60 {
				b, err := os.ReadFile(filepath.Join(dir, "articles", fmt.Sprintf("a%04d.md", i)))
				if err != nil {
					continue
				}
				o, err := content.Unmarshal("x.md", b)
				if err != nil || o.CopyOf != "" || o.Source == "" || o.Thread == "t002" {
					continue
				}
				c := articleAt(rng, 62, 60, []string{"Wire Service"}, []string{"Wonsan"})
				c.Thread, c.CopyOf, c.Tags = o.Thread, o.ID, nil
				c.Date = time.Date(2025, 7, 28, 6, 0, 0, 0, time.UTC)
				writeArticle(t, dir, c)
				return
			}
			t.Fatal("no original to copy")
		}, true},
		{"nothing changed again", func() {}, true},
	}
	for i, step := range steps {
		step.change()
		opt := options(t, os.DirFS(dir), out)
		opt.CacheDir = cache
		opt.Site.ListSize = listSize
		stats, err := Build(context.Background(), opt)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		ref := filepath.Join(root, fmt.Sprintf("ref%d", i), "public")
		ropt := options(t, os.DirFS(dir), ref)
		ropt.Site.ListSize = listSize
		if _, err := Build(context.Background(), ropt); err != nil {
			t.Fatal(err)
		}
		sameTree(t, step.name, readTree(t, out), readTree(t, ref))
		total := stats.Pages + stats.Feeds
		t.Logf("%s: rendered %d of %d pages and feeds, reused %d", step.name, stats.Rendered, total, stats.Reused)
		if checkWork && step.partial && stats.Rendered*3 > total {
			t.Errorf("%s: rendered %d of %d pages and feeds; want at most a third", step.name, stats.Rendered, total)
		}
		if !step.partial && i == 0 && stats.Reused != 0 {
			t.Errorf("%s: reused %d files from nothing", step.name, stats.Reused)
		}
	}
	// A layout change renders everything again, and still matches.
	layouts := fsWithExtra(t, "layouts", "partials/footer.html", "{{define \"footer\"}}<footer>Changed</footer>{{end}}")
	opt := options(t, os.DirFS(dir), out)
	opt.CacheDir, opt.Layouts = cache, layouts
	stats, err := Build(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Reused != 0 {
		t.Errorf("layout change: reused %d pages rendered with the old layouts", stats.Reused)
	}
	ref := filepath.Join(root, "ref-layout", "public")
	ropt := options(t, os.DirFS(dir), ref)
	ropt.Layouts = layouts
	if _, err := Build(context.Background(), ropt); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "layout change", readTree(t, out), readTree(t, ref))
}

// fsWithExtra copies a theme folder to disk and replaces one file.
func fsWithExtra(t testing.TB, name, file, body string) fs.FS {
	t.Helper()
	dir := t.TempDir()
	src := themeFS(t, name)
	fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(src, p)
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644)
	return os.DirFS(dir)
}

// TestKilledBuildLeavesPublished kills build processes at moments spread
// over a build and checks each time that the published folder is byte
// for byte the one before, or the complete new one when the kill came
// after the swap, never a mix; and that a later build is still correct.
func TestKilledBuildLeavesPublished(t *testing.T) {
	if os.Getenv("DIGEST_BUILD_CHILD") != "" {
		return // the child: see TestBuildChild
	}
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	siteContent(t, dir, 100, 3)
	out, cache := filepath.Join(root, "site", "public"), filepath.Join(root, "site", ".digest-cache")
	opt := options(t, os.DirFS(dir), out)
	opt.CacheDir = cache
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)

	// Time a whole build in a child, then kill children at fractions
	// of that time, changing the content each round.
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBuildChild$")
		cmd.Env = append(os.Environ(), "DIGEST_BUILD_CHILD=1", "DIGEST_CONTENT="+dir, "DIGEST_OUT="+out, "DIGEST_CACHE="+cache)
		return cmd
	}
	rng := rand.New(rand.NewPCG(4, 4))
	writeArticle(t, dir, articleAt(rng, 100, 100, []string{"AFP"}, []string{"KCNA"}))
	start := time.Now()
	full := filepath.Join(root, "full", "public")
	if _, err := Build(context.Background(), options(t, os.DirFS(dir), full)); err != nil {
		t.Fatal(err)
	}
	span := 4 * time.Since(start) // a child also starts a process
	after := readTree(t, full)
	killed := 0
	const rounds = 8
	for i := range rounds {
		cmd := child()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(span * time.Duration(i) / rounds)
		cmd.Process.Kill()
		err := cmd.Wait()
		got := readTree(t, out)
		if err != nil {
			killed++
			// Killed after the swap (while saving the cache), the new
			// site is published whole; before it, the old one stays.
			if !equalTrees(got, after) {
				sameTree(t, fmt.Sprintf("killed after %s", span*time.Duration(i)/rounds), got, before)
			} else {
				before = after
			}
			continue
		}
		sameTree(t, "finished build", got, after)
		before = after
	}
	t.Logf("%d of %d builds killed part-way", killed, rounds)
	if killed == 0 {
		t.Error("no build was killed part-way; the test proves nothing")
	}
	// After all that, a build with the cache is still a full build's twin.
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "build after kills", readTree(t, out), after)
}

// TestBuildChild is the build TestKilledBuildLeavesPublished kills.
func TestBuildChild(t *testing.T) {
	if os.Getenv("DIGEST_BUILD_CHILD") == "" {
		t.Skip("run by TestKilledBuildLeavesPublished")
	}
	opt := options(t, os.DirFS(os.Getenv("DIGEST_CONTENT")), os.Getenv("DIGEST_OUT"))
	opt.CacheDir = os.Getenv("DIGEST_CACHE")
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
}

// TestMemoShards checks that the parsed content is kept across builds in
// shards, that adding an article rewrites one shard only, and that a
// damaged shard makes the whole memo untrusted rather than partial.
func TestMemoShards(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	siteContent(t, dir, 40, 3)
	out, cache := filepath.Join(root, "public"), filepath.Join(root, "cache")
	build := func() {
		t.Helper()
		opt := options(t, os.DirFS(dir), out)
		opt.CacheDir = cache
		if _, err := Build(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
	}
	shards := func() map[string][]byte {
		m := map[string][]byte{}
		for i := range memoShards {
			b, err := os.ReadFile(filepath.Join(cache, shardFile(i)))
			if err != nil {
				t.Fatal(err)
			}
			m[shardFile(i)] = b
		}
		return m
	}
	build()
	if n := len(loadCache(cache).memo); n != 40 {
		t.Fatalf("memo holds %d files, want 40", n)
	}
	before := shards()
	writeArticle(t, dir, articleAt(rand.New(rand.NewPCG(9, 9)), 40, 40, []string{"Reuters"}, []string{"NATO"}))
	build()
	after := shards()
	changed := 0
	for name, b := range after {
		if !bytes.Equal(b, before[name]) {
			changed++
		}
	}
	if changed != 1 {
		t.Errorf("adding an article rewrote %d memo shards, want 1", changed)
	}
	if n := len(loadCache(cache).memo); n != 41 {
		t.Fatalf("memo holds %d files, want 41", n)
	}
	if err := os.WriteFile(filepath.Join(cache, shardFile(3)), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := len(loadCache(cache).memo); n != 0 {
		t.Errorf("with a damaged shard the memo holds %d files, want none", n)
	}
	build() // and the build still succeeds, reading everything
	if n := len(loadCache(cache).memo); n != 41 {
		t.Errorf("after a build the memo holds %d files, want 41", n)
	}
}

// TestSettingsOutsideTheBuildKeepTheCache: a change to digest.toml that the
// build does not read (here the preview server's address) re-renders
// nothing, while one it reads (the site's title) re-renders the pages.
func TestSettingsOutsideTheBuildKeepTheCache(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	siteContent(t, dir, 20, 1)
	out, cacheDir := filepath.Join(root, "site", "public"), filepath.Join(root, "site", ".digest-cache")
	build := func(toml string) Stats {
		t.Helper()
		cfg, err := config.Parse("digest.toml", []byte("base_url = \"https://news.example.org/\"\n"+toml))
		if err != nil {
			t.Fatal(err)
		}
		opt := Options{Site: SettingsFrom(cfg), Content: os.DirFS(dir), Layouts: themeFS(t, "layouts"), Assets: themeFS(t, "assets"), Out: out, CacheDir: cacheDir}
		stats, err := Build(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		return stats
	}
	first := build("title = \"News\"\n[serve]\naddr = \"127.0.0.1:1313\"\n")
	if first.Rendered == 0 {
		t.Fatal("the first build rendered nothing")
	}
	// A few files (sitemaps and the like) are written by every build.
	same := build("title = \"News\"\n[serve]\naddr = \"127.0.0.1:1313\"\n")
	if s := build("title = \"News\"\n[serve]\naddr = \"127.0.0.1:8080\"\n"); s.Rendered != same.Rendered || s.Reused != same.Reused {
		t.Errorf("after editing [serve] addr the build rendered %d and reused %d pages and feeds; a rebuild of unchanged input renders %d and reuses %d",
			s.Rendered, s.Reused, same.Rendered, same.Reused)
	}
	if s := build("title = \"Other News\"\n[serve]\naddr = \"127.0.0.1:8080\"\n"); s.Rendered < first.Rendered/2 {
		t.Errorf("after editing the title the build rendered %d pages and feeds; want most of %d", s.Rendered, first.Rendered)
	}
}
