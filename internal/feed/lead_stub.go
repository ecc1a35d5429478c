package feed

import (
	"encoding/json"
	"io"
	"time"

	"github.com/gorilla/feeds"
)

// Temporary stand-in until the feed package lands; removed at merge.

type Feed struct {
	Title, Description, Language string
	ID                           string
	HomeURL                      string
	RSSURL, AtomURL, JSONURL     string
	Author                       string
	Hub                          string
	Items                        []Item
	Limit                        int
}
type Item struct {
	ID, URL, Title, Summary, ContentHTML string
	Published, Updated                   time.Time
	Authors, Tags                        []string
	Source, SourceURL                    string
}

const (
	RSSType  = "application/rss+xml"
	AtomType = "application/atom+xml"
	JSONType = "application/feed+json"
)

func TagURI(authority, date, specific string) string {
	return "tag:" + authority + "," + date + ":" + specific
}

func gf(f Feed) *feeds.Feed {
	g := &feeds.Feed{Title: f.Title, Link: &feeds.Link{Href: f.HomeURL}, Description: f.Description, Id: f.ID}
	for _, it := range f.Items {
		g.Items = append(g.Items, &feeds.Item{Id: it.ID, Title: it.Title, Link: &feeds.Link{Href: it.URL}, Description: it.Summary, Content: it.ContentHTML, Created: it.Published})
	}
	return g
}
func RSS(w io.Writer, f Feed) error  { return gf(f).WriteRss(w) }
func Atom(w io.Writer, f Feed) error { return gf(f).WriteAtom(w) }
func JSON(w io.Writer, f Feed) error { return json.NewEncoder(w).Encode(f) }
