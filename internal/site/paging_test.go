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
	if _, err := Build(context.Background(), Options{Site: SettingsFrom(cfg), Content: fsys, Layouts: os.DirFS("../../layouts"), Assets: os.DirFS("../../assets"), Out: out}); err != nil {
		t.Fatalf("build: %v", err)
	}
}

var articleLink = regexp.MustCompile(`<h3 class="item-title"><a href="/news/(articles/[^/]+/)">`)

// TestListsArePaged checks that a topic's and a day's articles are paged
// newest first, each exactly once, with links between the pages; that the
// older pages are sealed (an article more changes the first page only);
// and that a topic of a single story gets no page.
func TestListsArePaged(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if d := os.Getenv("PAGING_OUT"); d != "" {
		out = d
	}
	fsys := bigTopic()
	buildFS(t, fsys, out)
	for _, dir := range []string{"tags/markets/", "2025/07/11/"} {
		t.Run(dir, func(t *testing.T) {
			// 120 articles: the list's page shows the newest 70, page 1
			// the oldest 50.
			pages := []struct {
				file       string
				n          int
				prev, next string
			}{
				{dir, 70, "", dir + "page/1/"},
				{dir + "page/1/", 50, dir, ""},
			}
			seen := map[string]int{}
			var order []string
			for _, pg := range pages {
				page := read(t, out, pg.file+"index.html")
				links := articleLink.FindAllStringSubmatch(page, -1)
				if len(links) != pg.n {
					t.Errorf("%s lists %d articles, want %d", pg.file, len(links), pg.n)
				}
				for _, l := range links {
					seen[l[1]]++
					order = append(order, l[1])
				}
				for rel, to := range map[string]string{"prev": pg.prev, "next": pg.next} {
					link := `rel="` + rel + `" href="/news/` + to + `"`
					if has := strings.Contains(page, link); has != (to != "") {
						t.Errorf("%s: %s link to %q present = %v", pg.file, rel, to, has)
					}
				}
			}
			if _, err := os.Stat(filepath.Join(out, dir, "page/2")); !os.IsNotExist(err) {
				t.Errorf("%s has a second sealed page: %v", dir, err)
			}
			if len(seen) != 120 {
				t.Errorf("the pages list %d distinct articles, want 120", len(seen))
			}
			for a, n := range seen {
				if n != 1 {
					t.Errorf("%s listed %d times", a, n)
				}
			}
			if len(order) == 120 && (!strings.Contains(order[0], "a00000000077") || !strings.Contains(order[119], "a00000000000")) {
				t.Errorf("not newest first: %s … %s", order[0], order[119])
			}
		})
	}
	// One more article: the first pages change, the sealed ones do not.
	sealed := map[string]string{}
	for _, f := range []string{"tags/markets/page/1/index.html", "2025/07/11/page/1/index.html"} {
		sealed[f] = read(t, out, f)
	}
	fsys["articles/a-a000000000ff.md"] = contentFile("a000000000ff", "Report number 999", "2025-07-11T23:00:00Z", "reuters", "t1", "", "tags: [Markets]\n", "Prices moved.")
	out2 := filepath.Join(t.TempDir(), "public")
	buildFS(t, fsys, out2)
	for f, before := range sealed {
		if read(t, out2, f) != before {
			t.Errorf("%s changed when a newer article came", f)
		}
	}
	if !strings.Contains(read(t, out2, "tags/markets/index.html"), "Report number 999") {
		t.Errorf("the new article is not on the topic's first page")
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

// TestArchivePages checks that the pages cover the list exactly once, in
// order, with sealed pages of exactly size and a first page of size to
// 2×size-1 items (fewer only when the list is shorter than size).
func TestArchivePages(t *testing.T) {
	for _, size := range []int{1, 3, 50} {
		for n := 0; n <= 4*size+1; n++ {
			pages := archivePages("d/", n, size, "articles")
			next := 0
			for i, p := range pages {
				if p.lo != next || p.hi < p.lo {
					t.Fatalf("size %d, n %d: page %d is [%d, %d), want it to start at %d", size, n, i, p.lo, p.hi, next)
				}
				next = p.hi
				switch {
				case i == 0 && n >= size && (p.hi-p.lo < size || p.hi-p.lo >= 2*size):
					t.Errorf("size %d, n %d: first page holds %d", size, n, p.hi-p.lo)
				case i > 0 && p.hi-p.lo != size:
					t.Errorf("size %d, n %d: sealed page %d holds %d", size, n, p.pager.Page, p.hi-p.lo)
				case i > 0 && p.pager.Page != len(pages)-i:
					t.Errorf("size %d, n %d: page %d is numbered %d", size, n, i, p.pager.Page)
				}
			}
			if next != n {
				t.Errorf("size %d, n %d: the pages end at %d", size, n, next)
			}
		}
	}
}
