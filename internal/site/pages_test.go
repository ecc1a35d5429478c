package site

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/digest-news/digest/internal/config"
)

const testBase = "https://example.org/news/"

// contentFile is a content file: front matter and body.
func contentFile(id, title, date, source, thread, copyOf, extra, body string) *fstest.MapFile {
	fm := fmt.Sprintf("---\nid: %s\ntitle: %q\ndate: %q\nsource: %q\nlanguage: en\nthread: %s\n", id, title, date, source, thread)
	if copyOf != "" {
		fm += "copy_of: " + copyOf + "\n"
	}
	return &fstest.MapFile{Data: []byte(fm + extra + "---\n\n" + body + "\n")}
}

// hostile is a headline that must be shown as text, never run as markup.
const hostile = `<script>alert("x")</script> Tom & Jerry's "deal"`

func testContent() fstest.MapFS {
	return fstest.MapFS{
		"articles/talks-open-aaaaaaaaaaaa.md": contentFile("aaaaaaaaaaaa", "Talks open in Wonsan", "2025-07-11T09:00:00Z", "reuters", "t1", "",
			"author: Jane Roe\ndateline: WONSAN\nsummary: Ministers meet for talks.\nurl: https://www.reuters.com/world/x\n",
			"Ministers met on Friday.\n\n## What was agreed\n\nA plan for 2026."),
		"articles/talks-copy-bbbbbbbbbbbb.md": contentFile("bbbbbbbbbbbb", "Talks open in Wonsan (copy)", "2025-07-11T10:00:00Z", "uni", "t1", "aaaaaaaaaaaa", "",
			"Ministers met on Friday."),
		"articles/talks-close-cccccccccccc.md": contentFile("cccccccccccc", hostile, "2025-07-12T08:00:00Z", "tass", "t1", "",
			"summary: \"Fish & chips <b>bold</b>\"\n", "They parted on Saturday & said <em>nothing</em>."),
		"articles/other-dddddddddddd.md": contentFile("dddddddddddd", "Floods in the south", "2025-07-10T08:00:00Z", "bbc", "t2", "", "", "Rivers rose."),
	}
}

// build renders testContent into a fresh folder and returns its path.
func build(t testing.TB, search bool) string {
	return buildTo(t, filepath.Join(t.TempDir(), "public"), search)
}

func buildTo(t testing.TB, out string, search bool) string {
	t.Helper()
	return buildEngine(t, out, search, "")
}

// buildEngine is buildTo with the given search engine.
func buildEngine(t testing.TB, out string, search bool, engine string) string {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = testBase
	cfg.Title = "Test Digest"
	cfg.Outlets = map[string]string{"reuters": "Reuters", "uni": "UNI", "tass": "TASS", "bbc": "BBC"}
	var notes strings.Builder
	_, err := Build(context.Background(), Options{
		Site: SettingsFrom(cfg), Content: testContent(), Layouts: os.DirFS("../../layouts"), Assets: os.DirFS("../../assets"),
		Out: out, Search: search, SearchEngine: engine, Logf: func(f string, a ...any) { fmt.Fprintf(&notes, f, a...) },
	})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if notes.Len() > 0 {
		t.Log(notes.String())
	}
	return out
}

// pages maps each HTML file of the site to its parsed document.
func pages(t testing.TB, dir string) map[string]*html.Node {
	t.Helper()
	m := map[string]*html.Node{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = doc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode && (c.Parent == nil || (c.Parent.Data != "script" && c.Parent.Data != "style")) {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func read(t testing.TB, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPagesAreWellFormed checks what every page promises readers and
// tools: one h1 and no skipped heading level, a lang, a title, a
// description, a canonical URL (but on the 404 page), JSON-LD that parses,
// internal links and fragments that resolve, and no double escaping.
func TestPagesAreWellFormed(t *testing.T) {
	dir := build(t, false)
	docs := pages(t, dir)
	if len(docs) < 10 {
		t.Fatalf("only %d pages", len(docs))
	}
	ids := map[string]map[string]bool{}
	for p, doc := range docs {
		ids[p] = map[string]bool{}
		walk(doc, func(n *html.Node) {
			if id := attr(n, "id"); n.Type == html.ElementNode && id != "" {
				ids[p][id] = true
			}
		})
	}
	for p, doc := range docs {
		t.Run(p, func(t *testing.T) {
			var levels []int
			var canonical, description, title, lang string
			var ld []string
			var links []string
			walk(doc, func(n *html.Node) {
				if n.Type != html.ElementNode {
					return
				}
				switch n.Data {
				case "h1", "h2", "h3", "h4", "h5", "h6":
					levels = append(levels, int(n.Data[1]-'0'))
				case "html":
					lang = attr(n, "lang")
				case "title":
					title = textOf(n)
				case "meta":
					if attr(n, "name") == "description" {
						description = attr(n, "content")
					}
				case "link":
					if attr(n, "rel") == "canonical" {
						canonical = attr(n, "href")
					}
				case "script":
					if attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
						ld = append(ld, n.FirstChild.Data)
					}
				case "a":
					links = append(links, attr(n, "href"))
				}
			})
			if lang == "" || strings.TrimSpace(title) == "" || description == "" {
				t.Errorf("lang %q, title %q, description %q", lang, title, description)
			}
			if len(levels) == 0 || levels[0] != 1 {
				t.Errorf("headings %v do not start with one h1", levels)
			}
			for i := 1; i < len(levels); i++ {
				if levels[i] == 1 || levels[i] > levels[i-1]+1 {
					t.Errorf("heading levels %v: h%d after h%d", levels, levels[i], levels[i-1])
				}
			}
			if (p == "404.html") != (canonical == "") {
				t.Errorf("canonical %q", canonical)
			}
			for _, s := range ld {
				var v any
				if err := json.Unmarshal([]byte(s), &v); err != nil {
					t.Errorf("JSON-LD does not parse: %v", err)
				}
			}
			if body := textOf(doc); strings.Contains(body, "&amp;") || strings.Contains(body, "&lt;") || strings.Contains(body, "&#") {
				t.Errorf("visible text is escaped twice: %.200q", body)
			}
			base, _ := url.Parse(testBase + strings.TrimSuffix(p, "index.html"))
			for _, href := range links {
				u, err := base.Parse(href)
				if err != nil {
					t.Errorf("link %q: %v", href, err)
					continue
				}
				if u.Host != "example.org" || !strings.HasPrefix(u.Path, "/news/") {
					continue
				}
				rel := strings.TrimPrefix(u.Path, "/news/")
				file := rel
				if rel == "" || strings.HasSuffix(rel, "/") {
					file = rel + "index.html"
				}
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
					t.Errorf("link %q: no %s", href, file)
				} else if u.Fragment != "" && path.Ext(file) == ".html" && !ids[file][u.Fragment] {
					t.Errorf("link %q: no #%s in %s", href, u.Fragment, file)
				}
			}
		})
	}
}

// TestPagesShowTheStory checks the pages' content: the hostile headline
// as text, copies under their original, byline and dateline, the story
// around an article, and the structured data of each kind of page.
func TestPagesShowTheStory(t *testing.T) {
	dir := build(t, false)
	home := read(t, dir, "index.html")
	thread := read(t, dir, "threads/t1/index.html")
	art := read(t, dir, "articles/talks-open-aaaaaaaaaaaa/index.html")
	hostileArt := read(t, dir, "articles/talks-close-cccccccccccc/index.html")
	search := read(t, dir, "search/index.html")
	tests := []struct {
		name, page, want string
		absent           bool
	}{
		{"home ranks the bigger story first", home[strings.Index(home, "<main"):], `href="/news/threads/t1/"`, false},
		{"home has WebSite structured data", home, `"@type":"WebSite"`, false},
		{"no SearchAction without a search index", home, `SearchAction`, true},
		{"home links the day pages", home, `href="/news/2025/07/12/"`, false},
		{"thread collapses the copy under its original", thread, `Also carried by UNI`, false},
		{"thread is a CollectionPage", thread, `"@type":"CollectionPage"`, false},
		{"thread is not indexed for search (its articles are)", thread, `data-pagefind-body`, true},
		{"article is indexed for search", art, `data-pagefind-body`, false},
		{"thread has follow links", thread, `href="https://example.org/news/threads/t1/index.xml"`, false},
		{"article names its outlet", art, `Reuters`, false},
		{"article has its byline", art, `By Jane Roe`, false},
		{"article has its dateline", art, `WONSAN`, false},
		{"article links the original", art, `href="https://www.reuters.com/world/x"`, false},
		{"article counts the story around it", art, `2 more reports on this story`, false},
		{"article is a NewsArticle", art, `"@type":"NewsArticle"`, false},
		{"article subheading is an h2", art, `<h2>What was agreed</h2>`, false},
		{"article links the later report", art, `rel="next"`, false},
		{"markup in a body stays out", hostileArt, `<em>nothing</em>`, true},
		{"search page says search is unavailable", search, `Search is unavailable`, false},
		{"search page keeps a plain form", search, `<form class="search-form"`, false},
		{"search page loads no script without an index", search, `<script src=`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Contains(tt.page, tt.want); got == tt.absent {
				t.Errorf("contains %q = %v, want %v", tt.want, got, !tt.absent)
			}
		})
	}
	// The hostile headline is the page's heading, as text, and no script
	// or element came of it.
	doc, err := html.Parse(strings.NewReader(hostileArt))
	if err != nil {
		t.Fatal(err)
	}
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.Data == "h1" && textOf(n) != hostile {
			t.Errorf("h1 is %q, want the headline as text", textOf(n))
		}
		if n.Data == "script" && attr(n, "type") != "application/ld+json" && attr(n, "src") == "" {
			t.Errorf("an inline script appeared: %q", textOf(n))
		}
		if n.Data == "b" || n.Data == "em" {
			t.Errorf("markup from content became an element: <%s>", n.Data)
		}
	})
	if strings.Index(home, "threads/t1/") > strings.Index(home, "threads/t2/") {
		t.Error("the three-article story is not ranked above the one-article story")
	}
}

// TestSearchIndex builds with Pagefind (when npx is on PATH) and checks
// the index, the search page's script and that two builds are identical.
func TestSearchIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Pagefind through npx")
	}
	if _, err := exec.LookPath("npx"); err != nil {
		t.Skip("npx is not on PATH")
	}
	pf := func() string {
		return buildEngine(t, filepath.Join(t.TempDir(), "public"), true, config.SearchPagefind)
	}
	a, b := pf(), pf()
	entry := read(t, a, "pagefind/2025-07-w2/pagefind-entry.json")
	if !strings.Contains(entry, `"en"`) {
		t.Errorf("pagefind-entry.json: %s", entry)
	}
	if s := read(t, a, "search/index.html"); !strings.Contains(s, `data-bundle="/news/pagefind/2025-07-w2/"`) || !strings.Contains(s, `integrity="sha384-`) {
		t.Errorf("search page lacks the Pagefind bundle or its script: %.400s", s)
	}
	if home := read(t, a, "index.html"); !strings.Contains(home, `"target":"https://example.org/news/search/?q={search_term_string}"`) {
		t.Error("home lacks the SearchAction")
	}
	files := func(dir string) map[string]string {
		m := map[string]string{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				m[rel] = read(t, dir, rel)
			}
			return err
		})
		return m
	}
	fa, fb := files(a), files(b)
	if len(fa) != len(fb) {
		t.Fatalf("builds differ in file count: %d, %d", len(fa), len(fb))
	}
	for p, s := range fa {
		if fb[p] != s {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestSearchShards checks the index sharded by month (the newest month
// by week): one Pagefind bundle per shard, the newest the search page's
// primary and the others merged into it, and a shard whose articles did
// not change kept from the cache (its files linked, not indexed again)
// when a newer week gets an article.
func TestSearchShards(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Pagefind through npx")
	}
	if _, err := exec.LookPath("npx"); err != nil {
		t.Skip("npx is not on PATH")
	}
	root := t.TempDir()
	out, cacheDir := filepath.Join(root, "public"), filepath.Join(root, "cache")
	fsys := testContent()
	fsys["articles/june-eeeeeeeeeeee.md"] = contentFile("eeeeeeeeeeee", "Harvest festival in June", "2025-06-20T08:00:00Z", "bbc", "t3", "", "", "Farmers gathered.")
	cfg := config.Default()
	cfg.BaseURL = testBase
	opt := Options{Site: SettingsFrom(cfg), Content: fsys, Layouts: os.DirFS("../../layouts"), Assets: os.DirFS("../../assets"),
		Out: out, Search: true, SearchEngine: config.SearchPagefind, CacheDir: cacheDir}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"2025-06", "2025-07-w2"} {
		if e := read(t, out, "pagefind/"+m+"/pagefind-entry.json"); !strings.Contains(e, `"en"`) {
			t.Errorf("shard %s: pagefind-entry.json: %s", m, e)
		}
	}
	if s := read(t, out, "search/index.html"); !strings.Contains(s, `data-bundle="/news/pagefind/2025-07-w2/"`) || !strings.Contains(s, `data-merge="/news/pagefind/2025-06/ "`) {
		t.Errorf("search page does not load July's week and merge June: %.600s", s[strings.Index(s, "<main"):])
	}
	june := read(t, out, "pagefind/2025-06/pagefind-entry.json")
	week2 := read(t, out, "pagefind/2025-07-w2/pagefind-entry.json")
	// A new article in July's third week: June and July's second week are
	// reused, the third week indexed.
	fsys["articles/july-ffffffffffff.md"] = contentFile("ffffffffffff", "Dam opens in July", "2025-07-20T08:00:00Z", "bbc", "t4", "", "", "Water flowed.")
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if got := read(t, out, "pagefind/2025-06/pagefind-entry.json"); got != june {
		t.Error("June's shard changed though its articles did not")
	}
	if got := read(t, out, "pagefind/2025-07-w2/pagefind-entry.json"); got != week2 {
		t.Error("July's second week changed though its articles did not")
	}
	if s := read(t, out, "search/index.html"); !strings.Contains(s, `data-bundle="/news/pagefind/2025-07-w3/"`) || !strings.Contains(s, `data-merge="/news/pagefind/2025-07-w2/ /news/pagefind/2025-06/ "`) {
		t.Errorf("search page does not load the newest week and merge the others: %.600s", s[strings.Index(s, "<main"):])
	}
	// August begins: July is closed and indexed whole, once.
	fsys["articles/august-999999999999.md"] = contentFile("999999999999", "Rains return in August", "2025-08-02T08:00:00Z", "bbc", "t5", "", "", "Rain fell.")
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"2025-06", "2025-07", "2025-08-w1"} {
		read(t, out, "pagefind/"+m+"/pagefind-entry.json")
	}
	if _, err := os.Stat(filepath.Join(out, "pagefind", "2025-07-w2")); err == nil {
		t.Error("July's weeks are still there after July closed")
	}
	if got := read(t, out, "pagefind/2025-06/pagefind-entry.json"); got != june {
		t.Error("June's shard changed though its articles did not")
	}
	ents, err := os.ReadDir(filepath.Join(cacheDir, "search"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if len(names) != 3 {
		t.Errorf("the cache holds %v, want June, July and August's first week", names)
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "2025-06-") {
			continue
		}
		a, errA := os.Stat(filepath.Join(cacheDir, "search", n, "pagefind-entry.json"))
		b, errB := os.Stat(filepath.Join(out, "pagefind", "2025-06", "pagefind-entry.json"))
		if errA != nil || errB != nil || !os.SameFile(a, b) {
			t.Errorf("June's shard is not linked from the cache (%v, %v)", errA, errB)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short stays", "Short text.", 50, "Short text."},
		{"cut at a word", "one two three four five", 12, "one two…"},
		{"no space cuts hard", "abcdefghijklmnop", 5, "abcde…"},
		{"never splits a rune", "ééééé", 5, "éé…"},
		{"drops trailing punctuation", "alpha, beta, gamma", 13, "alpha, beta…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncate(tt.in, tt.n); got != tt.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestTemplateFuncs(t *testing.T) {
	fn := funcs(&SiteInfo{Location: time.UTC, BasePath: "/news/"})
	datetime := fn["datetime"].(func(time.Time) string)
	outlets := fn["outlets"].(func([]*Article) string)
	a := func(outlet string) *Article { return &Article{Outlet: outlet} }
	tests := []struct {
		name, got, want string
	}{
		{"time of day shown", datetime(time.Date(2025, 7, 12, 9, 30, 0, 0, time.UTC)), "12 Jul 2025, 09:30 UTC"},
		{"midnight is a date only", datetime(time.Date(2025, 7, 12, 0, 0, 0, 0, time.UTC)), "12 Jul 2025"},
		{"no date, no text", datetime(time.Time{}), ""},
		{"outlets once each, in order", outlets([]*Article{a("UNI"), a("TASS"), a("UNI")}), "UNI, TASS"},
		{"unnamed counted", outlets([]*Article{a("UNI"), a(""), a("")}), "UNI, 2 others"},
		{"only unnamed", outlets([]*Article{a("")}), "1 other report"},
		{"url is root-relative", fn["url"].(func(string) string)("threads/x/"), "/news/threads/x/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
