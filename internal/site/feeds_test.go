package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/feed"
	"github.com/digest-news/digest/internal/publish"
)

// TestFeedsCompactAsMinified checks that the feeds of a minified build,
// written compact and past the minifier, are the feeds of an unminified
// build as the minifier makes them, byte for byte: the same items with
// shared entries, whichever feed encoded an entry first.
func TestFeedsCompactAsMinified(t *testing.T) {
	dir := t.TempDir()
	siteContent(t, dir, 120, 3)
	built := map[bool]string{}
	for _, minify := range []bool{true, false} {
		out := filepath.Join(t.TempDir(), "public")
		opt := options(t, os.DirFS(dir), out)
		opt.Site.FeedLimit = 5 // articles in several feeds, some in one
		opt.NoMinify = !minify
		if _, err := Build(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
		built[minify] = out
	}
	m := publish.Minifier()
	feeds := 0
	err := fs.WalkDir(os.DirFS(built[false]), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Base(p) {
		case rssFile, atomFile, jsonFile:
		default:
			return nil
		}
		feeds++
		plain, err := os.ReadFile(filepath.Join(built[false], p))
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(built[true], p))
		if err != nil {
			return err
		}
		want, err := m.Bytes(publish.MediaType(p), plain)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the minified build's feed is not the unminified one minified:\ngot  %.300s\nwant %.300s", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if feeds < 3*10 {
		t.Fatalf("only %d feeds built", feeds)
	}
	t.Logf("%d feeds compared", feeds)
}

// TestFeedEntriesKeptWhileNeeded checks the sharing of feed entries: an
// article in several feeds gets one entry until its last feed is done,
// one in a single feed (or none counted) gets a fresh entry, kept by
// nobody.
func TestFeedEntriesKeptWhileNeeded(t *testing.T) {
	mk := func() (*feed.Entry, error) {
		return feed.NewEntry(feed.Item{URL: "https://news.example.org/a/", Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ContentHTML: "<p>x</p>"})
	}
	for _, c := range []struct {
		name    string
		uses    int32
		shared  bool // the same entry on every use
		counted bool
	}{
		{"three feeds", 3, true, true},
		{"one feed", 1, false, true},
		{"not counted", 0, false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := &Article{}
			fe := &feedEntries{slots: map[*Article]*feedSlot{}}
			if c.counted {
				fe.slots[a] = &feedSlot{}
				fe.slots[a].uses.Store(c.uses)
			}
			first, err := fe.entry(a, mk)
			if err != nil {
				t.Fatal(err)
			}
			for range max(c.uses, 2) - 1 {
				e, err := fe.entry(a, mk)
				if err != nil {
					t.Fatal(err)
				}
				if (e == first) != c.shared {
					t.Errorf("same entry again = %v, want %v", e == first, c.shared)
				}
			}
			if c.shared && fe.kept.Load() <= 0 {
				t.Errorf("kept %d bytes for a shared entry", fe.kept.Load())
			}
			for range c.uses {
				fe.done(a)
			}
			if fe.kept.Load() != 0 || (c.counted && fe.slots[a].entry != nil) {
				t.Errorf("after the last feed: kept %d bytes, entry still held", fe.kept.Load())
			}
		})
	}
}
