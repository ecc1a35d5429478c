package site

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/digest-news/digest/internal/feed"
)

// The feed files of a scope (the site, a thread, a tag, an outlet), in its
// folder.
const (
	rssFile  = "index.xml"
	atomFile = "atom.xml"
	jsonFile = "feed.json"
)

func feedLinks(dir string, info *SiteInfo) []FeedLink {
	return []FeedLink{
		{Title: "RSS", Type: feed.RSSType, URL: info.BaseURL + dir + rssFile},
		{Title: "Atom", Type: feed.AtomType, URL: info.BaseURL + dir + atomFile},
		{Title: "JSON Feed", Type: feed.JSONType, URL: info.BaseURL + dir + jsonFile},
	}
}

// writeFeeds writes the RSS, Atom and JSON feeds of one scope. Ids are tag
// URIs built from the site's host and the article's stable id, so they
// survive rebuilds, re-imports and template changes. A story's feeds
// carry each article's full text (full); the site's, a topic's and an
// outlet's carry its summary and link, as feed generators do for
// aggregate feeds, so that an article's text is written into one feed of
// each format, not five.
func (b *builder) writeFeeds(dir, title, description, scope string, articles []*Article, full bool) error {
	cfg := b.opt.Site
	host := b.base.Hostname()
	f := feed.Feed{
		Title: title, Description: orDefault(description, title), Language: cfg.Language,
		ID: feed.TagURI(host, cfg.TagDate, "feed:"+scope), HomeURL: b.info.BaseURL + dir,
		RSSURL: b.info.BaseURL + dir + rssFile, AtomURL: b.info.BaseURL + dir + atomFile, JSONURL: b.info.BaseURL + dir + jsonFile,
		Author: orDefault(cfg.Author, cfg.Title), Hub: cfg.Hub, Limit: cfg.FeedLimit,
		// A minified site's feeds are written compact, as the
		// minifier would make them, and skip its pass.
		Compact: b.out.Minify,
	}
	items := b.feedItems(articles)
	entries := b.feedEntries()
	if !full {
		defer func() {
			for _, a := range items {
				entries.done(a)
			}
		}()
	}
	writers := []struct {
		file  string
		write func(io.Writer, feed.Feed) error
	}{{rssFile, feed.RSS}, {atomFile, feed.Atom}, {jsonFile, feed.JSON}}
	k := b.keys.feed(dir, title, description, scope, items)
	todo := writers[:0:0]
	for _, w := range writers {
		if _, ok := b.reuse(dir+w.file, k); !ok {
			todo = append(todo, w)
		}
	}
	b.mu.Lock()
	b.feeds += len(writers)
	b.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	for _, a := range items {
		var e *feed.Entry
		var err error
		if full {
			e, err = feed.NewEntry(b.feedItem(a, true)) // only its story's feeds carry it
		} else {
			e, err = entries.entry(a, func() (*feed.Entry, error) { return feed.NewEntry(b.feedItem(a, false)) })
		}
		if err != nil {
			return fmt.Errorf("feed of %s: article %s: %w", orDefault(dir, "the site"), a.ID, err)
		}
		f.Entries = append(f.Entries, e)
	}
	buf := b.bufs.get()
	defer b.bufs.put(buf) // WriteRaw keeps nothing of the bytes
	for _, w := range todo {
		buf.Reset()
		if err := w.write(buf, f); err != nil {
			return err
		}
		if err := b.out.WriteRaw(dir+w.file, buf.Bytes()); err != nil {
			return err
		}
		b.wrote(dir+w.file, output{Key: k})
	}
	return nil
}

// feedItems are the articles a scope's feeds carry: the newest Limit of
// its articles (which are newest first). An undated article has no place
// in a feed's order and is left out.
func (b *builder) feedItems(articles []*Article) []*Article {
	limit := b.opt.Site.FeedLimit
	var items []*Article
	for _, a := range articles {
		if len(items) == limit {
			break
		}
		if !a.Date.IsZero() {
			items = append(items, a)
		}
	}
	return items
}

// feedItem is an article as its feeds' entries show it: with its full
// text, or its summary alone.
func (b *builder) feedItem(a *Article, full bool) feed.Item {
	cfg := b.opt.Site
	host := b.base.Hostname()
	it := feed.Item{
		ID: feed.TagURI(host, cfg.TagDate, "article:"+a.ID), URL: b.info.BaseURL + a.Path,
		Title: a.Title, Summary: a.Summary,
		Published: a.Date, Source: a.Outlet, SourceURL: safeURL(a.URL),
	}
	if a.Language != "" && !strings.EqualFold(a.Language, cfg.Language) {
		// Every feed's channel is in the site's language; an article
		// in another says so on its own entry.
		it.Language = a.Language
	}
	if full || a.Excerpt {
		// A story's feed carries the text; so does an excerpt, whose
		// text is already just its lead.
		it.ContentHTML = string(a.HTML())
	} else if a.Summary != "" {
		// The summary as the entry's content, escaped, so that every
		// reader shows it as the text (JSON Feed's content_text may be
		// rendered as HTML by some).
		it.ContentHTML = "<p>" + html.EscapeString(a.Summary) + "</p>"
	}
	if u := safeURL(a.URL); a.Excerpt && u != "" {
		// An excerpt's entry leads to the original, and says so.
		it.URL = u
		name := a.Outlet
		if h, err := url.Parse(u); name == "" && err == nil {
			name = h.Hostname()
		}
		it.ContentHTML += `<p><a href="` + template.HTMLEscapeString(u) + `">Read the full article at ` + template.HTMLEscapeString(name) + `</a></p>`
	}
	if a.Author != "" {
		it.Authors = []string{a.Author}
	} else if a.Outlet != "" {
		it.Authors = []string{a.Outlet}
	}
	for _, t := range a.Topics {
		it.Tags = append(it.Tags, t.Name)
	}
	for _, t := range a.Thread.Tags {
		it.Tags = append(it.Tags, t.Name)
	}
	return it
}

// feedEntryBudget bounds the bytes of feed entries a build keeps for
// later feeds (about 8,000 articles with 4 kB bodies): past it, an article's entry
// is made anew for each feed that carries it, which costs time, not
// memory.
const feedEntryBudget = 128 << 20

// feedEntries share each article's summary entry between the feeds that
// carry it (the site's, its tags' and its outlet's), so that it is
// cleaned, escaped and compacted once per format and not once per feed. An entry is dropped after the last of its feeds is written
// (or reused), and none is kept beyond feedEntryBudget, so that memory
// stays bounded however many articles the site has.
type feedEntries struct {
	slots map[*Article]*feedSlot // read-only once made
	kept  atomic.Int64           // bytes of the entries kept
}

type feedSlot struct {
	uses  atomic.Int32 // feeds yet to be written or reused that carry the article
	mu    sync.Mutex
	entry *feed.Entry // while kept
	size  int64
}

// feedEntries counts, on first use, how many feeds carry each article.
// The scopes must be the ones the build writes feeds for: an article of
// a scope missed here gets a new entry for each of its feeds, one
// counted but never written keeps its entry until the build ends.
func (b *builder) feedEntries() *feedEntries {
	b.feedOnce.Do(func() {
		fe := &feedEntries{slots: map[*Article]*feedSlot{}}
		count := func(articles []*Article) {
			for _, a := range b.feedItems(articles) {
				s := fe.slots[a]
				if s == nil {
					s = &feedSlot{}
					fe.slots[a] = s
				}
				s.uses.Add(1)
			}
		}
		count(b.m.Articles)
		for _, ts := range [][]*Term{b.m.Tags, b.m.Outlets} {
			for _, t := range ts {
				count(t.Articles)
			}
		}
		b.feedSlots = fe
	})
	return b.feedSlots
}

// entry returns a's entry, made by mk on first use and kept while
// more feeds need it and the budget allows.
func (fe *feedEntries) entry(a *Article, mk func() (*feed.Entry, error)) (*feed.Entry, error) {
	s := fe.slots[a]
	if s == nil {
		return mk()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entry != nil {
		return s.entry, nil
	}
	e, err := mk()
	if err != nil || s.uses.Load() <= 1 {
		return e, err
	}
	size := int64(e.Size())
	if fe.kept.Add(size) > feedEntryBudget {
		fe.kept.Add(-size)
		return e, nil
	}
	s.entry, s.size = e, size
	return e, nil
}

// done records that one of a's feeds is written (or reused), and drops
// a's entry after the last.
func (fe *feedEntries) done(a *Article) {
	s := fe.slots[a]
	if s == nil || s.uses.Add(-1) > 0 {
		return
	}
	s.mu.Lock()
	if s.entry != nil {
		fe.kept.Add(-s.size)
		s.entry, s.size = nil, 0
	}
	s.mu.Unlock()
}

// safeURL keeps only absolute http(s) links to originals.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
