package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/digest-news/digest/internal/config"
)

// bigTopic is 120 articles in three stories, all tagged Markets, all on
// one day; the first story's articles alone are tagged Solo.
func bigTopic() fstest.MapFS {
	fsys := fstest.MapFS{}
	day := time.Date(2025, 7, 11, 0, 0, 0, 0, time.UTC)
	for i := range 120 {
		id := fmt.Sprintf("%012x", 0xa00000000000+i)
		th := fmt.Sprintf("t%d", i%3)
		tags := "tags: [Markets]\n"
		if th == "t0" {
			tags = "tags: [Markets, Solo]\n"
		}
		date := day.Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
		fsys["articles/a-"+id+".md"] = contentFile(id, fmt.Sprintf("Report number %d", i), date, "reuters", th, "", tags, "Prices moved.")
	}
	return fsys
}

func buildFS(t testing.TB, fsys fstest.MapFS, out string) {
	t.Helper()
	cfg := config.Default()
	cfg.BaseURL = testBase
	cfg.Title = "Test Digest"
	if _, err := Build(context.Background(), Options{Config: cfg, Content: fsys, Layouts: os.DirFS("../../layouts"), Assets: os.DirFS("../../assets"), Out: out}); err != nil {
		t.Fatalf("build: %v", err)
	}
}

var articleLink = regexp.MustCompile(`<h3 class="item-title"><a href="/news/(articles/[^/]+/)">`)

// TestListsArePaged checks that a topic's and a day's articles are listed
// listSize a page, newest first, each exactly once, with links between
// the pages; and that a topic of a single story gets no page.
func TestListsArePaged(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if d := os.Getenv("PAGING_OUT"); d != "" {
		out = d
	}
	buildFS(t, bigTopic(), out)
	for _, dir := range []string{"tags/markets/", "2025/07/11/"} {
		t.Run(dir, func(t *testing.T) {
			seen := map[string]int{}
			var order []string
			for n, want := range []int{50, 50, 20} {
				file := pagePath(dir, n+1) + "index.html"
				page := read(t, out, file)
				links := articleLink.FindAllStringSubmatch(page, -1)
				if len(links) != want {
					t.Errorf("%s lists %d articles, want %d", file, len(links), want)
				}
				for _, l := range links {
					seen[l[1]]++
					order = append(order, l[1])
				}
				if next := `rel="next" href="/news/` + pagePath(dir, n+2) + `"`; (n < 2) != strings.Contains(page, next) {
					t.Errorf("%s: link %q present = %v", file, next, !(n < 2))
				}
				if prev := `rel="prev" href="/news/` + pagePath(dir, n) + `"`; (n > 0) != strings.Contains(page, prev) {
					t.Errorf("%s: link %q present = %v", file, prev, !(n > 0))
				}
			}
			if _, err := os.Stat(filepath.Join(out, pagePath(dir, 4))); !os.IsNotExist(err) {
				t.Errorf("%s has a fourth page: %v", dir, err)
			}
			if len(seen) != 120 {
				t.Errorf("the pages list %d distinct articles, want 120", len(seen))
			}
			for a, n := range seen {
				if n != 1 {
					t.Errorf("%s listed %d times", a, n)
				}
			}
			// Newest first: report 119 opens the first page, report 0 ends the last.
			if len(order) == 120 && (!strings.Contains(order[0], "a00000000077") || !strings.Contains(order[119], "a00000000000")) {
				t.Errorf("not newest first: %s … %s", order[0], order[119])
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "tags/solo")); !os.IsNotExist(err) {
		t.Errorf("a topic of one story has a page: %v", err)
	}
	report := read(t, out, "articles/a-a00000000000/index.html")
	if strings.Contains(report, "tags/solo/") || !strings.Contains(report, "<li><span>Solo</span></li>") {
		t.Errorf("the report shows its one-story topic linked, or not at all")
	}
	if !strings.Contains(report, `<li><a href="/news/tags/markets/">Markets</a></li>`) {
		t.Errorf("the report does not link its topic of three stories")
	}
	if markets := read(t, out, "tags/markets/index.html"); !strings.Contains(markets, "3 stories · 120 articles") {
		t.Errorf("the topic page does not count its three stories")
	}
	if idx := read(t, out, "tags/index.html"); strings.Contains(idx, "Solo") || !strings.Contains(idx, "Markets") {
		t.Errorf("the topics index lists a topic without a page, or misses one with")
	}
}
