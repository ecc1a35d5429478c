package site

import (
	"bytes"
	"io"
	"net/url"

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
// survive rebuilds, re-imports and template changes.
func (b *builder) writeFeeds(dir, title, description, scope string, articles []*Article) error {
	cfg := b.opt.Config
	host := b.base.Hostname()
	f := feed.Feed{
		Title: title, Description: orDefault(description, title), Language: cfg.Language,
		ID: feed.TagURI(host, cfg.Feeds.TagDate, "feed:"+scope), HomeURL: b.info.BaseURL + dir,
		RSSURL: b.info.BaseURL + dir + rssFile, AtomURL: b.info.BaseURL + dir + atomFile, JSONURL: b.info.BaseURL + dir + jsonFile,
		Author: orDefault(cfg.Author, cfg.Title), Hub: cfg.Feeds.Hub, Limit: cfg.Feeds.Limit,
	}
	// articles are newest first; the feed keeps the newest Limit. An
	// undated article has no place in a feed's order and is left out.
	var items []*Article
	for _, a := range articles {
		if len(items) == cfg.Feeds.Limit {
			break
		}
		if !a.Date.IsZero() {
			items = append(items, a)
		}
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
		it := feed.Item{
			ID: feed.TagURI(host, cfg.Feeds.TagDate, "article:"+a.ID), URL: b.info.BaseURL + a.Path,
			Title: a.Title, Summary: a.Summary, ContentHTML: string(a.HTML()),
			Published: a.Date, Source: a.Outlet, SourceURL: safeURL(a.URL),
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
		f.Items = append(f.Items, it)
	}
	for _, w := range todo {
		var buf bytes.Buffer
		if err := w.write(&buf, f); err != nil {
			return err
		}
		if err := b.out.Write(dir+w.file, buf.Bytes()); err != nil {
			return err
		}
		b.wrote(dir+w.file, output{Key: k})
	}
	return nil
}

// safeURL keeps only absolute http(s) links to originals.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
