package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/digest-news/digest/internal/feed"
)

// storiesDir holds the story feeds: one entry per story, where the site's
// feeds have one per article.
const storiesDir = "stories/"

// storiesShownInEntry is how many of a story's newest reports its entry
// lists.
const storiesShownInEntry = 10

// storyFeeds writes the RSS, Atom and JSON feeds of stories. A story's
// entry keeps its id for good (the thread's) and takes the date of the
// story's latest report as its updated date, so that a reader shows a
// story once and refreshes it as coverage grows, instead of one item for
// each of three near-identical reports.
func (b *builder) storyFeeds() error {
	cfg := b.opt.Site
	host := b.base.Hostname()
	f := feed.Feed{
		Title: b.info.Title + " — stories", Description: "Every story of " + b.info.Title + ", one entry each, updated as coverage grows.",
		Language: cfg.Language, ID: feed.TagURI(host, cfg.TagDate, "feed:stories"), HomeURL: b.info.BaseURL,
		RSSURL: b.info.BaseURL + storiesDir + rssFile, AtomURL: b.info.BaseURL + storiesDir + atomFile, JSONURL: b.info.BaseURL + storiesDir + jsonFile,
		Author: orDefault(cfg.Author, cfg.Title), Hub: cfg.Hub, Limit: cfg.FeedLimit, Compact: b.out.Minify,
	}
	threads := make([]*Thread, 0, len(b.m.Threads))
	for _, t := range b.m.Threads {
		if !t.Latest.IsZero() {
			threads = append(threads, t)
		}
	}
	sort.SliceStable(threads, func(i, j int) bool {
		if !threads[i].Latest.Equal(threads[j].Latest) {
			return threads[i].Latest.After(threads[j].Latest)
		}
		return threads[i].ID < threads[j].ID
	})
	if len(threads) > cfg.FeedLimit {
		threads = threads[:cfg.FeedLimit]
	}
	for _, t := range threads {
		e, err := feed.NewEntry(b.storyItem(t))
		if err != nil {
			return fmt.Errorf("story feed: thread %s: %w", t.ID, err)
		}
		f.Entries = append(f.Entries, e)
	}
	var buf bytes.Buffer
	for _, w := range []struct {
		file  string
		write func(io.Writer, feed.Feed) error
	}{{rssFile, feed.RSS}, {atomFile, feed.Atom}, {jsonFile, feed.JSON}} {
		buf.Reset()
		if err := w.write(&buf, f); err != nil {
			return err
		}
		if err := b.out.WriteRaw(storiesDir+w.file, buf.Bytes()); err != nil {
			return err
		}
		b.wrote(storiesDir+w.file, output{})
	}
	b.mu.Lock()
	b.feeds += 3
	b.mu.Unlock()
	return nil
}

// storyItem is a story as its entry shows it: headline, summary, the
// outlets covering it and its newest reports.
func (b *builder) storyItem(t *Thread) feed.Item {
	cfg := b.opt.Site
	esc := template.HTMLEscapeString
	var c strings.Builder
	if t.Summary != "" {
		fmt.Fprintf(&c, "<p>%s</p>", esc(t.Summary))
	}
	fmt.Fprintf(&c, "<p>%d %s from %d %s: %s.</p><ul>", len(t.Articles), plural1(len(t.Articles), "report", "reports"),
		len(t.Outlets), plural1(len(t.Outlets), "outlet", "outlets"), esc(strings.Join(t.Outlets, ", ")))
	for i, a := range t.Articles {
		if i == storiesShownInEntry {
			break
		}
		fmt.Fprintf(&c, `<li><a href="%s">%s</a>`, esc(b.info.BaseURL+a.Path), esc(a.Title))
		if a.Outlet != "" {
			fmt.Fprintf(&c, " — %s", esc(a.Outlet))
		}
		c.WriteString("</li>")
	}
	fmt.Fprintf(&c, `</ul><p><a href="%s">Full coverage</a></p>`, esc(b.info.BaseURL+t.Path))
	it := feed.Item{
		ID: feed.TagURI(b.base.Hostname(), cfg.TagDate, "story:"+t.ID), URL: b.info.BaseURL + t.Path,
		Title: t.Headline, Summary: t.Summary, ContentHTML: c.String(),
		Published: t.First, Authors: t.Outlets,
	}
	if t.First.IsZero() {
		it.Published = t.Latest
	}
	if t.Latest.After(it.Published) {
		it.Updated = t.Latest
	}
	for _, tag := range t.Tags {
		it.Tags = append(it.Tags, tag.Name)
	}
	return it
}

func plural1(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
