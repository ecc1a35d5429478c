package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/feeds"
	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// writer is one of the three exported writers.
type writer func(io.Writer, Feed) error

var formats = []struct {
	name  string
	write writer
}{
	{"rss", RSS},
	{"atom", Atom},
	{"json", JSON},
}

func tag(specific string) string { return TagURI("example.com", "2025-01-01", specific) }

// sample is a small feed with its items out of order, times in several
// zones, a tie on the publication time, an item with no HTML content and
// one whose source has no URL.
func sample() Feed {
	plus2 := time.FixedZone("EET", 2*3600)
	return Feed{
		Title:       "Digest: Korea",
		Description: "Stories about the Korean peninsula",
		Language:    "en",
		ID:          tag("feed/korea"),
		HomeURL:     "https://example.com/korea/",
		RSSURL:      "https://example.com/korea/index.xml",
		AtomURL:     "https://example.com/korea/atom.xml",
		JSONURL:     "https://example.com/korea/feed.json",
		Author:      "Digest",
		Hub:         "https://hub.example.net/",
		Items: []Item{
			{
				ID:          tag("article/c"),
				URL:         "https://example.com/articles/c/",
				Title:       "Third story",
				Summary:     "Third summary.",
				ContentHTML: "<p>Third body.</p>",
				Published:   time.Date(2025, 3, 2, 8, 0, 0, 0, time.UTC),
				Authors:     []string{"Cy"},
				Source:      "Yonhap",
			},
			{
				ID:          tag("article/b"),
				URL:         "https://example.com/articles/b/",
				Title:       "Second story: AT&T & <friends>",
				Summary:     "Second & summary <b>not bold</b>",
				ContentHTML: `<p>Second <a href="https://x.example/">link</a></p>`,
				Published:   time.Date(2025, 3, 2, 10, 0, 0, 500, plus2),
				Updated:     time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC),
				Authors:     []string{"Ann Author", "Bob"},
				Tags:        []string{"politics", "Korea, North"},
				Source:      "Reuters",
				SourceURL:   "https://www.reuters.com/world/b",
			},
			{
				ID:        tag("article/a"),
				URL:       "https://example.com/articles/a/",
				Title:     "First story",
				Summary:   "First summary.",
				Published: time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC),
				Tags:      []string{"economy"},
			},
		},
	}
}

// want is what a reader must see of each sample item, newest first.
type want struct {
	id, url, title, summary, content string
	published, updated               time.Time
	authors, tags                    []string
}

func sampleWant() []want {
	return []want{
		{tag("article/a"), "https://example.com/articles/a/", "First story", "First summary.", "",
			time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC), time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC),
			nil, []string{"economy"}},
		{tag("article/b"), "https://example.com/articles/b/", "Second story: AT&T & <friends>",
			"Second & summary <b>not bold</b>", `<p>Second <a href="https://x.example/">link</a></p>`,
			time.Date(2025, 3, 2, 8, 0, 0, 0, time.UTC), time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC),
			[]string{"Ann Author", "Bob"}, []string{"politics", "Korea, North"}},
		{tag("article/c"), "https://example.com/articles/c/", "Third story", "Third summary.", "<p>Third body.</p>",
			time.Date(2025, 3, 2, 8, 0, 0, 0, time.UTC), time.Date(2025, 3, 2, 8, 0, 0, 0, time.UTC),
			[]string{"Cy"}, nil},
	}
}

func write(tb testing.TB, w writer, f Feed) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := w(&buf, f); err != nil {
		tb.Fatalf("write: %v", err)
	}
	return buf.Bytes()
}

func parse(tb testing.TB, b []byte) *gofeed.Feed {
	tb.Helper()
	pf, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("gofeed: %v\n%s", err, b)
	}
	return pf
}

// wellFormed reads every token of b with encoding/xml in strict mode.
func wellFormed(tb testing.TB, b []byte) {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			tb.Fatalf("encoding/xml: %v\n%s", err, b)
		}
	}
}

func sameTime(tb testing.TB, what string, got *time.Time, w time.Time) {
	tb.Helper()
	if got == nil {
		tb.Errorf("%s: missing, want %v", what, w)
		return
	}
	if !got.Equal(w) {
		tb.Errorf("%s = %v, want %v", what, got, w)
	}
}

func sameStrings(tb testing.TB, what string, got, w []string) {
	tb.Helper()
	if !slices.Equal(got, w) {
		tb.Errorf("%s = %q, want %q", what, got, w)
	}
}

func names(ps []*gofeed.Person) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

// TestParsedByGofeed checks what a reader sees of each format: ids, links,
// dates, content, categories, counts and order.
func TestParsedByGofeed(t *testing.T) {
	wants := sampleWant()
	feedUpdated := time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC)
	for _, ft := range formats {
		t.Run(ft.name, func(t *testing.T) {
			b := write(t, ft.write, sample())
			pf := parse(t, b)
			if pf.FeedType != ft.name {
				t.Errorf("feed type %q, want %q", pf.FeedType, ft.name)
			}
			if pf.Title != "Digest: Korea" || pf.Link != "https://example.com/korea/" || pf.Language != "en" {
				t.Errorf("feed title/link/language = %q %q %q", pf.Title, pf.Link, pf.Language)
			}
			if pf.Description != "Stories about the Korean peninsula" {
				t.Errorf("feed description = %q", pf.Description)
			}
			if ft.name != "json" {
				sameTime(t, "feed updated", pf.UpdatedParsed, feedUpdated)
			}
			if len(pf.Items) != len(wants) {
				t.Fatalf("%d items, want %d", len(pf.Items), len(wants))
			}
			for i, w := range wants {
				it := pf.Items[i]
				if it.GUID != w.id {
					t.Errorf("item %d id = %q, want %q", i, it.GUID, w.id)
					continue
				}
				if it.Link != w.url || it.Title != w.title {
					t.Errorf("item %s link/title = %q %q, want %q %q", w.id, it.Link, it.Title, w.url, w.title)
				}
				sameTime(t, w.id+" published", it.PublishedParsed, w.published)
				if ft.name != "rss" { // RSS has no per-item change date
					sameTime(t, w.id+" updated", it.UpdatedParsed, w.updated)
				}
				summary := w.summary
				if ft.name == "rss" {
					// RSS readers take description as HTML, so the plain
					// summary is HTML-escaped.
					summary = html.EscapeString(w.summary)
				}
				if it.Description != summary {
					t.Errorf("item %s summary = %q, want %q", w.id, it.Description, summary)
				}
				content := w.content
				if ft.name == "json" && content == "" {
					content = w.summary // content_text stands in
				}
				if it.Content != content {
					t.Errorf("item %s content = %q, want %q", w.id, it.Content, content)
				}
				sameStrings(t, w.id+" categories", it.Categories, w.tags)
				authors := names(it.Authors)
				if ft.name == "rss" {
					authors = nil
					if it.DublinCoreExt != nil {
						authors = it.DublinCoreExt.Creator
					}
				}
				sameStrings(t, w.id+" authors", authors, w.authors)
			}
		})
	}
}

func TestRSSDetails(t *testing.T) {
	b := write(t, RSS, sample())
	wellFormed(t, b)
	f, err := (&rss.Parser{}).Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != "2.0" {
		t.Errorf("version %q", f.Version)
	}
	if f.LastBuildDate != "Wed, 05 Mar 2025 12:00:00 +0000" || f.PubDate != "Mon, 03 Mar 2025 09:30:00 +0000" {
		t.Errorf("lastBuildDate %q pubDate %q", f.LastBuildDate, f.PubDate)
	}
	var rels []string
	for _, l := range f.Extensions["atom"]["link"] {
		rels = append(rels, l.Attrs["rel"]+" "+l.Attrs["href"]+" "+l.Attrs["type"])
	}
	sameStrings(t, "atom:link", rels, []string{
		"self https://example.com/korea/index.xml application/rss+xml",
		"hub https://hub.example.net/ ",
	})
	for _, it := range f.Items {
		if it.GUID == nil || it.GUID.IsPermalink != "false" {
			t.Errorf("item %q: guid %+v, want isPermaLink=false", it.Title, it.GUID)
		}
		if !strings.HasPrefix(it.PubDate, it.PubDateParsed.Format("Mon, ")) || !strings.HasSuffix(it.PubDate, " +0000") {
			t.Errorf("pubDate %q is not RFC 1123Z in UTC with weekday", it.PubDate)
		}
	}
	if s := f.Items[1].Source; s == nil || s.URL != "https://www.reuters.com/world/b" || s.Title != "Reuters" {
		t.Errorf("source of b = %+v", s)
	}
	if s := f.Items[2].Source; s != nil {
		t.Errorf("source without a URL written: %+v", s)
	}
	if f.Items[0].Description != "First summary." {
		t.Errorf("description %q", f.Items[0].Description)
	}
}

func TestAtomDetails(t *testing.T) {
	b := write(t, Atom, sample())
	wellFormed(t, b)
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != tag("feed/korea") || f.Updated != "2025-03-05T12:00:00Z" || f.Language != "en" {
		t.Errorf("feed id %q updated %q lang %q", f.ID, f.Updated, f.Language)
	}
	if len(f.Authors) != 1 || f.Authors[0].Name != "Digest" {
		t.Errorf("feed authors %+v", f.Authors)
	}
	var links []string
	for _, l := range f.Links {
		links = append(links, l.Rel+" "+l.Href+" "+l.Type)
	}
	sameStrings(t, "feed links", links, []string{
		"self https://example.com/korea/atom.xml application/atom+xml",
		"alternate https://example.com/korea/ text/html",
		"hub https://hub.example.net/ ",
	})
	b2 := f.Entries[1]
	if b2.Published != "2025-03-02T08:00:00Z" || b2.Updated != "2025-03-05T12:00:00Z" {
		t.Errorf("entry b published %q updated %q", b2.Published, b2.Updated)
	}
	if b2.Summary != "Second & summary <b>not bold</b>" || b2.Content == nil || b2.Content.Type != "html" {
		t.Errorf("entry b summary %q content %+v", b2.Summary, b2.Content)
	}
	links = nil
	for _, l := range b2.Links {
		links = append(links, l.Rel+" "+l.Href+" "+l.Title)
	}
	sameStrings(t, "entry b links", links, []string{
		"alternate https://example.com/articles/b/ ",
		"via https://www.reuters.com/world/b Reuters",
	})
	if a := f.Entries[0]; a.Content != nil || len(a.Authors) != 0 {
		t.Errorf("entry a: content %+v authors %+v, want none (the feed's author covers it)", a.Content, a.Authors)
	}
}

func TestJSONDetails(t *testing.T) {
	b := write(t, JSON, sample())
	var doc struct {
		Version     string `json:"version"`
		FeedURL     string `json:"feed_url"`
		HomePageURL string `json:"home_page_url"`
		Authors     []struct {
			Name string `json:"name"`
		} `json:"authors"`
		Hubs []struct {
			Type, URL string
		} `json:"hubs"`
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" || doc.FeedURL != "https://example.com/korea/feed.json" ||
		doc.HomePageURL != "https://example.com/korea/" {
		t.Errorf("version %q feed_url %q home_page_url %q", doc.Version, doc.FeedURL, doc.HomePageURL)
	}
	if len(doc.Authors) != 1 || doc.Authors[0].Name != "Digest" {
		t.Errorf("authors %+v", doc.Authors)
	}
	if len(doc.Hubs) != 1 || doc.Hubs[0].Type != "WebSub" || doc.Hubs[0].URL != "https://hub.example.net/" {
		t.Errorf("hubs %+v", doc.Hubs)
	}
	if len(doc.Items) != 3 {
		t.Fatalf("%d items", len(doc.Items))
	}
	a, bItem := doc.Items[0], doc.Items[1]
	if a["content_text"] != "First summary." || a["content_html"] != nil {
		t.Errorf("item a content_text %v content_html %v", a["content_text"], a["content_html"])
	}
	if bItem["external_url"] != "https://www.reuters.com/world/b" || bItem["date_published"] != "2025-03-02T08:00:00Z" ||
		bItem["date_modified"] != "2025-03-05T12:00:00Z" {
		t.Errorf("item b %v", bItem)
	}
	for _, it := range doc.Items {
		if _, ok := it["author"]; ok {
			t.Errorf("item %v has the deprecated author", it["id"])
		}
	}
}

// TestGolden pins the exact bytes of the sample feed; run with -update to
// rewrite testdata/sample.* and read the diff.
func TestGolden(t *testing.T) {
	for _, ft := range formats {
		t.Run(ft.name, func(t *testing.T) {
			got := write(t, ft.write, sample())
			path := filepath.Join("testdata", "sample."+ft.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			w, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, w) {
				t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", path, got)
			}
		})
	}
}

// TestDeterministic checks that the same items, in any order, give the
// same bytes.
func TestDeterministic(t *testing.T) {
	base := sample()
	// More items, several sharing a publication time, so that order
	// really depends on the tie-break.
	for i := range 20 {
		base.Items = append(base.Items, Item{
			ID:        tag(fmt.Sprintf("extra/%02d", i)),
			URL:       fmt.Sprintf("https://example.com/extra/%d", i),
			Title:     fmt.Sprintf("Extra %d", i),
			Published: time.Date(2025, 2, 1+i%3, 0, 0, 0, 0, time.UTC),
			Tags:      []string{"t"},
		})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, ft := range formats {
		t.Run(ft.name, func(t *testing.T) {
			first := write(t, ft.write, base)
			if again := write(t, ft.write, base); !bytes.Equal(first, again) {
				t.Fatal("two writes of the same feed differ")
			}
			for n := range 10 {
				shuffled := base
				shuffled.Items = slices.Clone(base.Items)
				rng.Shuffle(len(shuffled.Items), func(i, j int) {
					shuffled.Items[i], shuffled.Items[j] = shuffled.Items[j], shuffled.Items[i]
				})
				if got := write(t, ft.write, shuffled); !bytes.Equal(first, got) {
					t.Fatalf("shuffle %d changed the output", n)
				}
			}
		})
	}
}

// TestStability checks that adding items changes neither the ids nor the
// bytes of the entries already published.
func TestStability(t *testing.T) {
	before := sample()
	after := sample()
	after.Items = append(after.Items,
		Item{ID: tag("article/new"), URL: "https://example.com/articles/new/", Title: "Newest",
			Published: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)},
		Item{URL: "https://example.com/articles/old/", Title: "Oldest, no id",
			Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
	)
	for _, ft := range formats {
		t.Run(ft.name, func(t *testing.T) {
			b1, b2 := write(t, ft.write, before), write(t, ft.write, after)
			p1, p2 := parse(t, b1), parse(t, b2)
			ids := map[string]*gofeed.Item{}
			for _, it := range p2.Items {
				ids[it.GUID] = it
			}
			for _, it := range p1.Items {
				it2, ok := ids[it.GUID]
				if !ok {
					t.Errorf("entry %q lost its id", it.GUID)
					continue
				}
				if it2.Title != it.Title || it2.Link != it.Link || it2.Content != it.Content || it2.Published != it.Published {
					t.Errorf("entry %q changed", it.GUID)
				}
			}
			if ids["https://example.com/articles/old/"] == nil {
				t.Error("an item without an id does not fall back to its URL")
			}
			if ft.name == "json" {
				return
			}
			// Each entry's markup is byte-identical, so a reader that
			// hashes entries sees no change either.
			for _, block := range xmlBlocks(b1, ft.name) {
				if !bytes.Contains(b2, block) {
					t.Errorf("entry changed bytes:\n%s", block)
				}
			}
		})
	}
}

// xmlBlocks returns the <item> or <entry> elements of b as written.
func xmlBlocks(b []byte, format string) [][]byte {
	open, end := []byte("<item>"), []byte("</item>")
	if format == "atom" {
		open, end = []byte("<entry>"), []byte("</entry>")
	}
	var out [][]byte
	for {
		i := bytes.Index(b, open)
		if i < 0 {
			return out
		}
		j := bytes.Index(b[i:], end)
		out = append(out, b[i:i+j+len(end)])
		b = b[i+j+len(end):]
	}
}

func TestLimitAndOrder(t *testing.T) {
	f := sample()
	f.Items = nil
	for i := range 60 {
		f.Items = append(f.Items, Item{
			ID:        tag(fmt.Sprintf("n/%02d", i)),
			URL:       fmt.Sprintf("https://example.com/n/%d", i),
			Title:     "n",
			Published: time.Date(2025, 1, 1, 0, i/2, 0, 0, time.UTC), // pairs tie
		})
	}
	for _, c := range []struct {
		name      string
		limit     int
		wantCount int
	}{
		{"default", 0, DefaultLimit},
		{"three", 3, 3},
		{"more than items", 100, 60},
	} {
		t.Run(c.name, func(t *testing.T) {
			f.Limit = c.limit
			for _, ft := range formats {
				pf := parse(t, write(t, ft.write, f))
				if len(pf.Items) != c.wantCount {
					t.Fatalf("%s: %d items, want %d", ft.name, len(pf.Items), c.wantCount)
				}
				// Newest first: 59 and 58 share a minute, so 58 (smaller
				// id) comes first.
				got := []string{pf.Items[0].GUID, pf.Items[1].GUID, pf.Items[2].GUID}
				sameStrings(t, ft.name+" order", got, []string{tag("n/58"), tag("n/59"), tag("n/56")})
			}
		})
	}
}

func TestEmptyFeed(t *testing.T) {
	f := sample()
	f.Items = nil
	t.Run("rss", func(t *testing.T) {
		b := write(t, RSS, f)
		wellFormed(t, b)
		if bytes.Contains(b, []byte("lastBuildDate")) || bytes.Contains(b, []byte("pubDate")) {
			t.Errorf("empty RSS feed has a date:\n%s", b)
		}
		if pf := parse(t, b); len(pf.Items) != 0 {
			t.Errorf("%d items", len(pf.Items))
		}
	})
	t.Run("atom", func(t *testing.T) {
		b := write(t, Atom, f)
		pf := parse(t, b)
		sameTime(t, "updated", pf.UpdatedParsed, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		g := f
		g.ID = "https://example.com/korea/"
		err := Atom(io.Discard, g)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "Feed.ID") {
			t.Errorf("empty feed with an undated id: err = %v", err)
		}
	})
	t.Run("json", func(t *testing.T) {
		b := write(t, JSON, f)
		if !bytes.Contains(b, []byte(`"items": []`)) {
			t.Errorf("empty JSON feed lacks the required items array:\n%s", b)
		}
	})
}

func TestInvalid(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*Feed)
		field  string
		only   string // the one format that fails; "" = all
	}{
		{"relative home", func(f *Feed) { f.HomeURL = "/korea/" }, "Feed.HomeURL", ""},
		{"no home", func(f *Feed) { f.HomeURL = "" }, "Feed.HomeURL", ""},
		{"no title", func(f *Feed) { f.Title = " \x01 " }, "Feed.Title", ""},
		{"no id", func(f *Feed) { f.ID = "" }, "Feed.ID", ""},
		{"relative id", func(f *Feed) { f.ID = "feed/korea" }, "Feed.ID", ""},
		{"bad language", func(f *Feed) { f.Language = "en_US!" }, "Feed.Language", ""},
		{"digit language", func(f *Feed) { f.Language = "e1" }, "Feed.Language", ""},
		{"empty subtag", func(f *Feed) { f.Language = "en--us" }, "Feed.Language", ""},
		{"relative hub", func(f *Feed) { f.Hub = "hub" }, "Feed.Hub", ""},
		{"ftp self", func(f *Feed) { f.AtomURL = "ftp://example.com/a" }, "Feed.AtomURL", ""},
		{"url with space", func(f *Feed) { f.JSONURL = "https://example.com/a b" }, "Feed.JSONURL", ""},
		{"no rss url", func(f *Feed) { f.RSSURL = "" }, "Feed.RSSURL", "rss"},
		{"no atom url", func(f *Feed) { f.AtomURL = "" }, "Feed.AtomURL", "atom"},
		{"no json url", func(f *Feed) { f.JSONURL = "" }, "Feed.JSONURL", "json"},
		{"negative limit", func(f *Feed) { f.Limit = -1 }, "Feed.Limit", ""},
		{"relative item url", func(f *Feed) { f.Items[1].URL = "articles/b" }, "Items[1].URL", ""},
		{"no item url", func(f *Feed) { f.Items[2].URL = "" }, "Items[2].URL", ""},
		{"relative source", func(f *Feed) { f.Items[1].SourceURL = "//reuters.com/x" }, "Items[1].SourceURL", ""},
		{"no date", func(f *Feed) { f.Items[0].Published = time.Time{} }, "Items[0].Published", ""},
		{"bad item id", func(f *Feed) { f.Items[0].ID = "not a uri" }, "Items[0].ID", ""},
		{"duplicate id", func(f *Feed) { f.Items[2].ID = f.Items[0].ID }, "share the id", ""},
		{"bad item language", func(f *Feed) { f.Items[1].Language = "ko_KR!" }, "Items[1].Language", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := sample()
			c.change(&f)
			for _, ft := range formats {
				var buf bytes.Buffer
				err := ft.write(&buf, f)
				if c.only != "" && ft.name != c.only {
					if err != nil {
						t.Errorf("%s: unexpected error %v", ft.name, err)
					}
					continue
				}
				if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.field) || !strings.HasPrefix(err.Error(), "feed: ") {
					t.Errorf("%s: err = %v, want ErrInvalid naming %s", ft.name, err, c.field)
				}
				if buf.Len() != 0 {
					t.Errorf("%s: wrote %d bytes before failing", ft.name, buf.Len())
				}
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterError(t *testing.T) {
	for _, ft := range formats {
		err := ft.write(failWriter{}, sample())
		if err == nil || errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: err = %v, want the writer's error", ft.name, err)
		}
	}
}

func TestValidLanguage(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"en", true}, {"en-GB", true}, {"zh-Hant-TW", true}, {"es-419", true}, {"x", false},
		{"en_GB", false}, {"en-", false}, {"toolonglang", false}, {"1a", false}, {"en-GB!", false},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := validLanguage(c.in); got != c.want {
				t.Errorf("validLanguage(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}

func TestTagURI(t *testing.T) {
	for _, c := range []struct {
		name, authority, date, specific, want string
	}{
		{"plain", "example.com", "2025-01-01", "article/abc", "tag:example.com,2025-01-01:article/abc"},
		{"case and space", " Example.COM ", "2025", "a b", "tag:example.com,2025:a%20b"},
		{"reserved kept", "example.com", "2025-01", "x:y@z/?q=1&r=(2)", "tag:example.com,2025-01:x:y@z/?q=1&r=(2)"},
		{"percent and hash", "example.com", "2025", "100%#1", "tag:example.com,2025:100%25%231"},
		{"non-ascii", "example.com", "2025", "é<", "tag:example.com,2025:%C3%A9%3C"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := TagURI(c.authority, c.date, c.specific); got != c.want {
				t.Errorf("TagURI = %q, want %q", got, c.want)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"clean", "Hello, world", "Hello, world"},
		{"controls", "a\x00b\x01c\x1fd\te\nf", "abcd\te\nf"},
		{"crlf", "a\r\nb\rc", "a\nb\nc"},
		{"c1 and del", "a\u0085b\x7fc", "abc"},
		{"invalid utf8", "a\xffb\xe2\x82c", "a\uFFFDb\uFFFDc"},
		{"noncharacters", "a\uFFFEb\uFFFFc", "abc"},
		{"astral", "a😀b", "a😀b"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := cleanText(c.in); got != c.want {
				t.Errorf("cleanText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// BenchmarkWriters writes a full feed (DefaultLimit items of about 4 kB of
// HTML each, picked from twice as many) in each format.
func BenchmarkWriters(b *testing.B) {
	f := sample()
	f.Items = nil
	body := strings.Repeat("<p>Some paragraph of news text &amp; more.</p>\n", 80)
	for i := range 2 * DefaultLimit {
		f.Items = append(f.Items, Item{
			ID:          tag(fmt.Sprintf("bench/%d", i)),
			URL:         fmt.Sprintf("https://example.com/bench/%d/", i),
			Title:       fmt.Sprintf("Story number %d", i),
			Summary:     "A summary of the story.",
			ContentHTML: body,
			Published:   time.Date(2025, 1, 1, i, 0, 0, 0, time.UTC),
			Authors:     []string{"Ann"},
			Tags:        []string{"politics", "economy"},
		})
	}
	for _, ft := range formats {
		b.Run(ft.name, func(b *testing.B) {
			for b.Loop() {
				if err := ft.write(io.Discard, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestShadowing checks that the extended structs hide gorilla's fields they
// replace: were encoding/xml to write both (say after a gorilla upgrade
// renames one), items would get a stray empty description or a second,
// unescaped source.
func TestShadowing(t *testing.T) {
	for _, c := range []struct {
		name string
		v    any
	}{
		{"rss channel", &rssChannel{RssFeed: feeds.RssFeed{Items: []*feeds.RssItem{{Title: "GORILLA"}}}}},
		{"rss item", &rssItem{RssItem: feeds.RssItem{Description: "GORILLA", Category: "GORILLA", Source: "GORILLA"}}},
		{"atom feed", &atomFeed{AtomFeed: feeds.AtomFeed{
			Link:    &feeds.AtomLink{Href: "GORILLA"},
			Entries: []*feeds.AtomEntry{{Title: "GORILLA"}},
		}}},
		{"atom entry", &atomEntry{AtomEntry: feeds.AtomEntry{
			Category: "GORILLA",
			Author:   &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: "GORILLA"}},
			Links:    []feeds.AtomLink{{Href: "GORILLA"}},
		}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := xml.Marshal(c.v)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte("GORILLA")) {
				t.Errorf("a shadowed gorilla field was written: %s", b)
			}
		})
	}
}

// TestItemLanguage: an item in another language than its feed says so
// where the format can (Atom's xml:lang on the entry, JSON Feed's item
// language), indented and compact alike; an item without one inherits
// the feed's.
func TestItemLanguage(t *testing.T) {
	for _, compact := range []bool{false, true} {
		f := sample()
		f.Compact = compact
		f.Items[1].Language = "ko"
		// Atom: read xml:lang of each entry by its id.
		var doc struct {
			Entries []struct {
				ID   string `xml:"id"`
				Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(write(t, Atom, f), &doc); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range doc.Entries {
			got[e.ID] = e.Lang
		}
		want := map[string]string{f.Items[0].ID: "", f.Items[1].ID: "ko", f.Items[2].ID: ""}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("compact %v: Atom entry languages %v, want %v", compact, got, want)
		}
		var jf struct {
			Language string `json:"language"`
			Items    []struct {
				ID       string  `json:"id"`
				Language *string `json:"language"`
			} `json:"items"`
		}
		if err := json.Unmarshal(write(t, JSON, f), &jf); err != nil {
			t.Fatal(err)
		}
		if jf.Language != "en" {
			t.Errorf("compact %v: JSON feed language %q, want en", compact, jf.Language)
		}
		for _, it := range jf.Items {
			lang := "<none>"
			if it.Language != nil {
				lang = *it.Language
			}
			if w := map[string]string{f.Items[1].ID: "ko"}[it.ID]; (w == "" && it.Language != nil) || (w != "" && lang != w) {
				t.Errorf("compact %v: JSON item %s language %s, want %q", compact, it.ID, lang, w)
			}
		}
	}
}
