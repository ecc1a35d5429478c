package feed

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tdewolff/minify/v2"
	mjson "github.com/tdewolff/minify/v2/json"
	mxml "github.com/tdewolff/minify/v2/xml"
)

// minified is what the publisher's minifier makes of b, a feed in format
// name.
func minified(tb testing.TB, name string, b []byte) []byte {
	tb.Helper()
	m := minify.New()
	m.AddFunc("xml", mxml.Minify)
	m.AddFunc("json", mjson.Minify)
	mt := "xml"
	if name == "json" {
		mt = "json"
	}
	out, err := m.Bytes(mt, bytes.Clone(b)) // Bytes works in place
	if err != nil {
		tb.Fatalf("minify: %v", err)
	}
	return out
}

// checkCompact checks that the compact feed is the minified indented one,
// byte for byte, with its items given as Items or as shared Entries.
func checkCompact(tb testing.TB, f Feed) {
	tb.Helper()
	for _, ft := range formats {
		indented := write(tb, ft.write, f)
		want := minified(tb, ft.name, indented)
		c := f
		c.Compact = true
		if got := write(tb, ft.write, c); !bytes.Equal(got, want) {
			tb.Errorf("%s: compact output is not the minified one:\ngot  %s\nwant %s", ft.name, got, want)
		}
		e := entries(tb, f.Items)
		for _, compact := range []bool{false, true} {
			c.Items, c.Entries, c.Compact = nil, e, compact
			w := indented
			if compact {
				w = want
			}
			if got := write(tb, ft.write, c); !bytes.Equal(got, w) {
				tb.Errorf("%s (compact %v): output with Entries differs from the one with Items:\ngot  %s\nwant %s", ft.name, compact, got, w)
			}
		}
	}
}

func entries(tb testing.TB, items []Item) []*Entry {
	tb.Helper()
	var out []*Entry
	for _, it := range items {
		e, err := NewEntry(it)
		if err != nil {
			tb.Fatalf("NewEntry: %v", err)
		}
		out = append(out, e)
	}
	return out
}

func TestCompact(t *testing.T) {
	empty := sample()
	empty.Items = nil
	noHub := sample()
	noHub.Hub, noHub.Description, noHub.Language = "", "", ""
	for _, c := range []struct {
		name string
		f    Feed
	}{
		{"sample", sample()},
		{"empty", empty},
		{"no hub, description or language", noHub},
		{"hostile", hostileFeed(`"it's"  <b>a</b>  ]]> &amp;`, "  two  spaces\n\nand\tlines ", "<pre>  a\n\tb ]]> </pre>\n<p>x</p>", `'a' "b"`)},
		{"short content", hostileFeed("t", "s", "<b>x</b>", "o")},
	} {
		t.Run(c.name, func(t *testing.T) { checkCompact(t, c.f) })
	}
}

// TestEntriesShared writes many feeds sharing entries at once, as a
// site's build does on all cores, and checks each against the feed
// written from fresh Items.
func TestEntriesShared(t *testing.T) {
	base := sample()
	shared := entries(t, base.Items)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := base
			f.Compact = i%2 == 0
			want := map[string][]byte{}
			for _, ft := range formats {
				want[ft.name] = write(t, ft.write, f)
			}
			f.Items, f.Entries = nil, shared[i%3:]
			fresh := base
			fresh.Compact = f.Compact
			fresh.Items = base.Items[i%3:]
			for _, ft := range formats {
				var got, w bytes.Buffer
				if err := ft.write(&got, f); err != nil {
					t.Error(err)
					return
				}
				if err := ft.write(&w, fresh); err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got.Bytes(), w.Bytes()) {
					t.Errorf("%s: feed %d differs", ft.name, i)
				}
			}
		}()
	}
	wg.Wait()
}

func TestEntriesAndItemsShareIDs(t *testing.T) {
	f := sample()
	f.Entries = entries(t, f.Items[:1])
	for _, ft := range formats {
		err := ft.write(io.Discard, f)
		if err == nil || !strings.Contains(err.Error(), "Items[0] and Entries[0] share the id") {
			t.Errorf("%s: err = %v, want a shared id named", ft.name, err)
		}
	}
}

// BenchmarkScope writes the three feeds of one scope, as a site build does
// for each story, tag and outlet: feeds.limit (20) items of about 4 kB of
// HTML, out of entries that every scope shares, so their encodings are
// made once and the benchmark measures each feed's own cost.
func BenchmarkScope(b *testing.B) {
	f := sample()
	f.Items, f.Limit = nil, 20
	body := strings.Repeat("<p>Some paragraph of news text &amp; more.</p>\n", 80)
	var items []Item
	for i := range 20 {
		items = append(items, Item{
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
	f.Entries = entries(b, items)
	for _, compact := range []bool{true, false} {
		f.Compact = compact
		b.Run(fmt.Sprintf("compact=%v", compact), func(b *testing.B) {
			for b.Loop() {
				for _, ft := range formats {
					if err := ft.write(io.Discard, f); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// FuzzCompact checks that compact feeds, whose bodies are escaped by
// hand, are the minified indented ones for any text.
func FuzzCompact(f *testing.F) {
	f.Add("Title", "Summary.", "<p>Body</p>", "Reuters")
	f.Add(`<b>"x"</b>`, "  a  ", "]]>]]]>>]]>", "&amp;")
	f.Add("t", "\t\n", "<<<<&&&& ]]> <<<<", "'\"'")
	f.Add("", "", " a  b\t\tc\n\n d ", "\x00\xff")
	f.Fuzz(func(t *testing.T, title, summary, content, other string) {
		checkCompact(t, hostileFeed(title, summary, content, other))
	})
}
