package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

const testBase = "https://digest.example.org/news/"

// feedEntries parses every feed of a built site and checks each one:
// ids are tag: URIs, links are absolute and resolve to a page of the site,
// dates are set, content is there (full text in story feeds, summaries
// elsewhere), the feed links to itself. It returns
// feed path → entry link → entry id.
func feedEntries(t *testing.T, public string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for name, body := range snapshot(t, public) {
		base := filepath.Base(name)
		if base != "index.xml" && base != "atom.xml" && base != "feed.json" {
			continue
		}
		f, err := gofeed.NewParser().ParseString(body)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		self := testBase + strings.TrimPrefix(name, "/")
		if f.FeedLink != self && !strings.Contains(body, self) {
			t.Errorf("%s: no self link to %s (feed link %q)", name, self, f.FeedLink)
		}
		if len(f.Items) == 0 || len(f.Items) > 50 {
			t.Errorf("%s: %d entries", name, len(f.Items))
		}
		entries := map[string]string{}
		// The story feeds' entries are stories; every other feed's are
		// articles.
		kind := "articles/"
		if strings.HasPrefix(name, "/stories/") {
			kind = "threads/"
		}
		for _, it := range f.Items {
			id := it.GUID
			if !strings.HasPrefix(id, "tag:digest.example.org,") {
				t.Errorf("%s: entry id %q is not a tag: URI of the site", name, id)
			}
			if !strings.HasPrefix(it.Link, testBase+kind) {
				t.Errorf("%s: entry link %q", name, it.Link)
			} else if _, err := os.Stat(filepath.Join(public, strings.TrimPrefix(it.Link, testBase), "index.html")); err != nil {
				t.Errorf("%s: entry link %q does not resolve to a page", name, it.Link)
			}
			if it.PublishedParsed == nil || it.PublishedParsed.IsZero() {
				t.Errorf("%s: entry %q has no date", name, it.Title)
			}
			// A story's feeds carry the full text; the site's, a topic's
			// and an outlet's the summary and the link.
			// The stories feed has one entry per story: its summary, the
			// outlets and the newest reports, linked, not their text.
			switch {
			case strings.HasPrefix(name, "/threads/"):
				if strings.TrimSpace(it.Content) == "" || !strings.Contains(it.Content, "<p>") {
					t.Errorf("%s: entry %q has no HTML content", name, it.Title)
				}
			case strings.HasPrefix(name, "/stories/"):
				if !strings.Contains(it.Content, " from ") || !strings.Contains(it.Content, "Full coverage</a>") || strings.Count(it.Content, "<p>") > 3 {
					t.Errorf("%s: entry %q is not a story's summary, outlets and reports: %q", name, it.Title, it.Content)
				}
			default:
				if strings.TrimSpace(it.Description+it.Content) == "" {
					t.Errorf("%s: entry %q has no summary", name, it.Title)
				}
				if strings.Count(it.Content, "<p>") > 1 {
					t.Errorf("%s: entry %q carries the full text, which only story feeds do", name, it.Title)
				}
			}
			entries[it.Link] = id
		}
		out[name] = entries
	}
	if len(out) < 6 {
		t.Fatalf("only %d feeds found", len(out))
	}
	return out
}

func TestFeedIDsAreStable(t *testing.T) {
	seeds := "../../testdata/seeds"
	a, b := t.TempDir(), t.TempDir()
	for _, root := range []string{a, b} {
		mustDigest(t, "import", "--root", root, seeds)
		mustDigest(t, "build", "--root", root, "--base-url", testBase)
	}
	fa := feedEntries(t, filepath.Join(a, "public"))
	fb := feedEntries(t, filepath.Join(b, "public"))
	if !sameFeeds(fa, fb) {
		t.Error("re-importing the same articles into a fresh content folder changed feed ids")
	}
	for _, f := range []string{"/index.xml", "/atom.xml", "/feed.json"} {
		if n := len(fa[f]); n != 5 {
			t.Errorf("%s: %d entries, want 5", f, n)
		}
	}

	// A new article, on another story, arrives: no existing entry changes
	// its id, and the story's own feeds are written for it.
	rec, _ := json.Marshal(map[string]string{
		"id": "harbour-1", "title": "Harbour reopens after the storm", "source": "Coast News", "published": "2025-07-14T08:00:00Z",
		"text": "The harbour reopened on Monday after three days of storm damage repairs, the port authority said.\nFishing boats returned to the quay in the afternoon, and ferries will resume their timetable on Tuesday.",
	})
	raw := filepath.Join(t.TempDir(), "new.jsonl")
	os.WriteFile(raw, rec, 0o644)
	mustDigest(t, "import", "--root", a, raw)
	mustDigest(t, "build", "--root", a, "--base-url", testBase)
	after := feedEntries(t, filepath.Join(a, "public"))
	for feed, entries := range fa {
		for link, id := range entries {
			if got, ok := after[feed][link]; ok && got != id {
				t.Errorf("%s: entry %s changed id %s → %s", feed, link, id, got)
			}
		}
	}
	if n := len(after["/index.xml"]); n != 6 {
		t.Errorf("site feed has %d entries after adding one, want 6", n)
	}
	if len(after) <= len(fa) {
		t.Errorf("no new feeds for the new story: %d before, %d after", len(fa), len(after))
	}
}

func sameFeeds(a, b map[string]map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for f, ea := range a {
		eb := b[f]
		if len(ea) != len(eb) {
			return false
		}
		keys := make([]string, 0, len(ea))
		for k := range ea {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ea[k] != eb[k] {
				return false
			}
		}
	}
	return true
}
