package feed

import (
	"bytes"
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
		Items: []*feeds.JSONItem{}, // spliced in: see below
	}
	if p.hub != "" {
		jf.Hubs = []*feeds.JSONHub{{Type: "WebSub", Url: p.hub}}
	}
	indent := "  "
	if p.compact {
		indent = ""
	}
	shell, err := encodeJSON(jf, "", indent)
	if err != nil {
		return err
	}
	// The items array is last and empty: the items go inside it.
	cut := bytes.LastIndexByte(shell, '[') + 1
	if cut == 0 {
		return fmt.Errorf("feed: no items array in the encoded feed")
	}
	head, tail := shell[:cut], shell[cut:]
	if p.compact {
		return writeSpliced(w, p, formatJSON, head, tail, ",")
	}
	if len(p.entries) == 0 {
		return writeSpliced(w, p, formatJSON, head, append(tail, '\n'), "")
	}
	head = append(head[:cut:cut], "\n"+jsonItemPrefix...)
	tail = append([]byte("\n  "), append(tail, '\n')...)
	return writeSpliced(w, p, formatJSON, head, tail, ",\n"+jsonItemPrefix)
}

// jsonItemLang fills a gorilla gap: JSON Feed 1.1's item language.
type jsonItemLang struct {
	*feeds.JSONItem
	Language string `json:"language,omitempty"`
}

// jsonItem is e as a JSON Feed item.
func jsonItem(e *entry) jsonItemLang {
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
	return jsonItemLang{it, e.language}
}
