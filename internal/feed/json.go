package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/gorilla/feeds"
)

// jsonFeedVersion is the version URL JSON Feed 1.1 documents carry.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonFeed shadows gorilla's Items, which is omitted when empty although
// JSON Feed requires the array.
type jsonFeed struct {
	feeds.JSONFeed
	Items []*feeds.JSONItem `json:"items"`
}

// JSON writes f as JSON Feed 1.1 with version, title, home_page_url,
// feed_url, description, language, authors and hubs, and items with id,
// url, external_url (the source), title, content_html (content_text, the
// summary, when there is no HTML: one of the two is required), summary,
// date_published, date_modified, authors and tags. f.JSONURL is required.
func JSON(w io.Writer, f Feed) error {
	p, err := prepare(f)
	if err != nil {
		return err
	}
	if p.json == "" {
		return invalid("Feed.JSONURL is empty")
	}
	jf := &jsonFeed{
		JSONFeed: feeds.JSONFeed{
			Version:     jsonFeedVersion,
			Title:       p.title,
			Language:    p.language,
			HomePageUrl: p.home,
			FeedUrl:     p.json,
			Description: p.description,
			Authors:     []*feeds.JSONAuthor{{Name: p.author}},
		},
		Items: make([]*feeds.JSONItem, 0, len(p.entries)),
	}
	if p.hub != "" {
		jf.Hubs = []*feeds.JSONHub{{Type: "WebSub", Url: p.hub}}
	}
	for _, e := range p.entries {
		published, updated := e.published, e.updated
		it := &feeds.JSONItem{
			Id:            e.id,
			Url:           e.url,
			ExternalUrl:   e.sourceURL,
			Title:         e.title,
			ContentHTML:   e.content,
			Summary:       e.summary,
			PublishedDate: &published,
			ModifiedDate:  &updated,
			Tags:          e.tags,
		}
		if it.ContentHTML == "" {
			it.ContentText = e.summary
			if it.ContentText == "" {
				it.ContentText = e.title
			}
		}
		for _, a := range e.authors {
			it.Authors = append(it.Authors, &feeds.JSONAuthor{Name: a})
		}
		jf.Items = append(jf.Items, it)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	// The file is served as application/feed+json, never inlined in HTML,
	// so <, > and & need no \u escapes.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jf); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}
