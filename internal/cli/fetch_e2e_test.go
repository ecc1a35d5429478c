package cli

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// outlet is a fixture news site on 127.0.0.1: an RSS feed (answering
// conditional requests) and article pages made from the seed dumps.
type outlet struct {
	t    testing.TB
	name string
	srv  *httptest.Server

	mu          sync.Mutex
	items       []string // seed files, in feed order
	modified    time.Time
	requests    map[string]int
	conditional int // feed requests with If-None-Match or If-Modified-Since
}

func newOutlet(t testing.TB, name string, seeds ...string) *outlet {
	o := &outlet{t: t, name: name, items: seeds, modified: time.Date(2025, 7, 12, 10, 0, 0, 0, time.UTC), requests: map[string]int{}}
	o.srv = httptest.NewServer(http.HandlerFunc(o.serve))
	t.Cleanup(o.srv.Close)
	return o
}

// add puts a new item at the top of the feed.
func (o *outlet) add(seed string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.items = append([]string{seed}, o.items...)
	o.modified = o.modified.Add(time.Hour)
}

func (o *outlet) count(path string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.requests[path]
}

func (o *outlet) serve(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	o.requests[r.URL.Path]++
	items, modified := append([]string(nil), o.items...), o.modified
	if r.URL.Path == "/feed.xml" && (r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "") {
		o.conditional++
	}
	o.mu.Unlock()
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "digest") {
		o.t.Errorf("request with User-Agent %q", ua)
	}
	switch {
	case r.URL.Path == "/feed.xml":
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><link>%s/</link><description>news</description>`, o.name, o.srv.URL)
		for i, s := range items {
			title, _ := seedArticle(o.t, s)
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s/a/%s.html</link><pubDate>%s</pubDate></item>",
				html.EscapeString(title), o.srv.URL, strings.TrimSuffix(s, ".txt"), time.Date(2025, 7, 12, 9, 0, 0, 0, time.UTC).Add(-time.Duration(i)*time.Hour).Format(time.RFC1123Z))
		}
		b.WriteString("</channel></rss>")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", fmt.Sprintf(`"%d"`, modified.Unix()))
		http.ServeContent(w, r, "feed.xml", modified, strings.NewReader(b.String()))
	case strings.HasPrefix(r.URL.Path, "/a/"):
		seed := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/a/"), ".html") + ".txt"
		title, paras := seedArticle(o.t, seed)
		var b strings.Builder
		fmt.Fprintf(&b, "<!doctype html><html><head><title>%s | %s</title></head><body><nav><a href=/>Home</a> <a href=/world>World</a></nav><article><h1>%s</h1>",
			html.EscapeString(title), o.name, html.EscapeString(title))
		for _, p := range paras {
			fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p))
		}
		b.WriteString("</article><footer>Copyright</footer></body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, b.String())
	default:
		http.NotFound(w, r)
	}
}

// seedArticle reads a seed dump's headline and its first paragraphs (the
// aggregator's tail left out).
func seedArticle(t testing.TB, name string) (string, []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	var title string
	var paras []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case len(l) < 40 || l == title:
		case title == "":
			title = l
		case len(paras) < 8:
			paras = append(paras, l)
		}
	}
	return title, paras
}

// TestInitFetchBuild is the end-to-end case: digest init with two
// sources, fetch, build; a second fetch sends conditional requests and
// imports nothing; a new item arrives once.
func TestInitFetchBuild(t *testing.T) {
	a := newOutlet(t, "Outlet A", "000_a12b4518201fd76f.txt", "001_23b33ff56222c9e2.txt")
	b := newOutlet(t, "Outlet B", "003_28c490dd562dcf4e.txt", "004_3a01bd7f5785d111.txt")
	site := filepath.Join(t.TempDir(), "mynews")
	mustDigest(t, "init", "--quiet", "--source", a.srv.URL+"/feed.xml", "--source", b.srv.URL+"/feed.xml", site)

	out := mustDigest(t, "fetch", "--root", site)
	if !strings.Contains(out, "2 sources (0 unchanged, 0 failed), 4 pages fetched, 0 failed; 4 imported") {
		t.Fatalf("first fetch: %s", out)
	}
	mustDigest(t, "build", "--root", site, "--quiet")
	articles, _ := filepath.Glob(filepath.Join(site, "content", "articles", "*.md"))
	if len(articles) != 4 {
		t.Fatalf("%d articles in content/", len(articles))
	}
	threads := map[string]map[string]bool{} // thread → outlets
	for _, p := range articles {
		b, _ := os.ReadFile(p)
		th, src := frontMatterField(string(b), "thread"), frontMatterField(string(b), "source")
		if threads[th] == nil {
			threads[th] = map[string]bool{}
		}
		threads[th][src] = true
	}
	two := false
	for th, outlets := range threads {
		if len(outlets) >= 2 {
			two = true
			if _, err := os.Stat(filepath.Join(site, "public", "threads", th, "index.html")); err != nil {
				t.Errorf("thread %s has no page: %v", th, err)
			}
		}
	}
	if !two {
		t.Errorf("no thread has articles from two outlets: %v", threads)
	}
	state, err := os.ReadFile(filepath.Join(site, "fetch-state.json"))
	if err != nil || !strings.Contains(string(state), a.srv.URL+"/a/000_a12b4518201fd76f.html") || !strings.Contains(string(state), `"etag"`) {
		t.Errorf("fetch-state.json lacks the seen URLs or validators: %s %v", state, err)
	}

	// Nothing new: both feeds answer 304 to conditional requests.
	out = mustDigest(t, "fetch", "--root", site)
	if !strings.Contains(out, "2 sources (2 unchanged, 0 failed), 0 pages fetched") {
		t.Errorf("second fetch: %s", out)
	}
	if a.conditional != 1 || b.conditional != 1 {
		t.Errorf("conditional feed requests: A %d, B %d; want 1 each", a.conditional, b.conditional)
	}
	if n := a.count("/a/000_a12b4518201fd76f.html"); n != 1 {
		t.Errorf("a page was fetched %d times", n)
	}

	// A new item in one feed arrives, once.
	a.add("002_57492b7d50bc94ae.txt")
	out = mustDigest(t, "fetch", "--root", site)
	if !strings.Contains(out, "1 pages fetched, 0 failed; 1 imported") {
		t.Errorf("third fetch: %s", out)
	}
	out = mustDigest(t, "fetch", "--root", site)
	if !strings.Contains(out, "0 pages fetched") {
		t.Errorf("fourth fetch: %s", out)
	}
	if n := a.count("/a/002_57492b7d50bc94ae.html"); n != 1 {
		t.Errorf("the new page was fetched %d times", n)
	}
	articles, _ = filepath.Glob(filepath.Join(site, "content", "articles", "*.md"))
	if len(articles) != 5 {
		t.Errorf("%d articles after the new item; want 5", len(articles))
	}
	if a.count("/robots.txt") != 4 {
		t.Errorf("robots.txt read %d times in 4 runs; want once a run", a.count("/robots.txt"))
	}
}

func frontMatterField(doc, key string) string {
	for _, l := range strings.Split(doc, "\n") {
		if v, ok := strings.CutPrefix(l, key+": "); ok {
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}
