package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/digest-news/digest/internal/content"
)

// digest runs the command line in-process, as main does, and returns its
// exit code and output.
func digest(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func mustDigest(t testing.TB, args ...string) string {
	t.Helper()
	code, out, errs := digest(t, args...)
	if code != 0 {
		t.Fatalf("digest %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

type seedWant struct {
	Title      string   `json:"title"`
	Paragraphs []string `json:"paragraphs"`
	Headings   []string `json:"headings"`
}

// boilerplate is what the aggregator added around the five seed articles;
// none of it may reach content/ or the site.
var boilerplate = []string{
	"Try Our AI Features", "Explore what Daily8 AI can do for you", "No comments yet", "Related Articles",
	"DOWNLOAD THE APP", "Hashtags", "What's Your Reaction?", "Orange background", "kjk/ceb/dhc",
	"Get Started Now", "app-storeplay-store", "Download Daily8 app",
}

// TestSeedsEndToEnd imports the five seed articles and builds the site,
// then checks the content files, the pages and the feeds.
func TestSeedsEndToEnd(t *testing.T) {
	var want map[string]seedWant
	b, err := os.ReadFile("testdata/seeds.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	seeds := "../../testdata/seeds"
	out := mustDigest(t, "import", "--root", root, seeds)
	if !strings.Contains(out, "5 imported, 0 unchanged, 0 updated, 0 skipped, 0 failed") {
		t.Errorf("first import: %s", out)
	}
	contentDir := filepath.Join(root, "content")
	before := snapshot(t, contentDir)
	out = mustDigest(t, "import", "--root", root, seeds)
	if !strings.Contains(out, "0 imported, 5 unchanged") {
		t.Errorf("second import: %s", out)
	}
	if after := snapshot(t, contentDir); !equalMaps(before, after) {
		t.Error("importing the same files again changed content/")
	}

	c, errs := content.Load(os.DirFS(contentDir))
	if len(errs) > 0 || len(c.Articles) != 5 {
		t.Fatalf("content: %d articles, errors %v", len(c.Articles), errs)
	}
	threads := map[string]bool{}
	byOrigin := map[string]string{} // seed file → article page path
	for _, a := range c.Articles {
		threads[a.Thread] = true
		w, ok := want[filepath.Base(a.Origin)]
		if !ok {
			t.Fatalf("article from unexpected origin %q", a.Origin)
		}
		if a.Title != w.Title {
			t.Errorf("%s: title %q, want %q", a.Origin, a.Title, w.Title)
		}
		if a.Date.IsZero() {
			t.Errorf("%s: no date", a.Origin)
		}
		byOrigin[filepath.Base(a.Origin)] = "articles/" + strings.TrimSuffix(filepath.Base(a.File), ".md") + "/index.html"
	}
	if len(threads) != 1 {
		t.Errorf("the five seeds are in %d threads, want 1", len(threads))
	}

	mustDigest(t, "build", "--root", root, "--base-url", "https://digest.example.org/news/")
	public := filepath.Join(root, "public")
	for name, w := range want {
		page := filepath.Join(public, byOrigin[name])
		text := pageText(t, page)
		if strings.Count(text, w.Title) < 1 {
			t.Errorf("%s: title missing from its page", name)
		}
		for i, p := range w.Paragraphs {
			if !strings.Contains(text, norm(p)) {
				t.Errorf("%s: paragraph %d missing from its page: %.80q", name, i+1, p)
			}
		}
		raw, _ := os.ReadFile(page)
		for _, h := range w.Headings {
			if !strings.Contains(string(raw), "<h2>"+h+"</h2>") {
				t.Errorf("%s: subheading %q is not an <h2>", name, h)
			}
		}
	}

	// No boilerplate anywhere: not in content, not in any output file.
	for _, dir := range []string{contentDir, public} {
		for p, body := range snapshot(t, dir) {
			for _, junk := range boilerplate {
				if strings.Contains(body, junk) || strings.Contains(body, html.EscapeString(junk)) {
					t.Errorf("%s contains boilerplate %q", p, junk)
				}
			}
		}
	}

	// Feeds: one entry per article, with the right titles and dates.
	titles := map[string]bool{}
	for _, w := range want {
		titles[w.Title] = true
	}
	for _, f := range []string{"index.xml", "atom.xml", "feed.json"} {
		data, err := os.ReadFile(filepath.Join(public, f))
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := gofeed.NewParser().ParseString(string(data))
		if err != nil {
			t.Fatalf("%s does not parse: %v", f, err)
		}
		if len(parsed.Items) != 5 {
			t.Errorf("%s: %d entries, want 5", f, len(parsed.Items))
		}
		for _, it := range parsed.Items {
			if !titles[it.Title] {
				t.Errorf("%s: unexpected entry title %q", f, it.Title)
			}
			if it.PublishedParsed == nil {
				t.Errorf("%s: entry %q has no date", f, it.Title)
			}
			if !strings.HasPrefix(it.Link, "https://digest.example.org/news/articles/") {
				t.Errorf("%s: entry link %q is not the article's absolute URL", f, it.Link)
			}
		}
	}
	// Every page links its feeds for autodiscovery.
	home, _ := os.ReadFile(filepath.Join(public, "index.html"))
	for _, typ := range []string{"application/rss+xml", "application/atom+xml", "application/feed+json"} {
		if !strings.Contains(string(home), `type="`+typ+`"`) {
			t.Errorf("home page lacks a %s alternate link", typ)
		}
	}

	// The same content builds to the same bytes.
	first := snapshot(t, public)
	mustDigest(t, "build", "--root", root, "--base-url", "https://digest.example.org/news/")
	if second := snapshot(t, public); !equalMaps(first, second) {
		t.Error("two builds of the same content differ")
	}
}

// snapshot reads every file under dir.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[strings.TrimPrefix(p, dir)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

var spaces = regexp.MustCompile(`\s+`)

func norm(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// pageText is the visible text of an HTML file, white space folded.
func pageText(t testing.TB, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z := html.NewTokenizer(f)
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return norm(b.String())
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip++
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); (string(n) == "script" || string(n) == "style") && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		}
	}
}
