package feed

import (
	"encoding/xml"
	"html"
	"io"
	"net/url"
	"time"

	"github.com/gorilla/feeds"
)

// rssRoot is gorilla's feeds.RssFeedXml with the atom and dc namespaces
// the extensions below need.
type rssRoot struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Content string   `xml:"xmlns:content,attr"`
	Atom    string   `xml:"xmlns:atom,attr"`
	DC      string   `xml:"xmlns:dc,attr"`
	Channel *rssChannel
}

// rssChannel adds the self and hub links to gorilla's channel; its Items
// shadow gorilla's (same element name, shallower field wins) and are
// always left empty: the writer splices in each item's own encoding.
type rssChannel struct {
	feeds.RssFeed
	Links []rssAtomLink
	Items []*rssItem `xml:"item"`
}

// rssAtomLink is an atom:link inside RSS (RSS Best Practices: a channel
// should carry a self link).
type rssAtomLink struct {
	XMLName xml.Name `xml:"atom:link"`
	Href    string   `xml:"href,attr"`
	Rel     string   `xml:"rel,attr"`
	Type    string   `xml:"type,attr,omitempty"`
}

// rssItem fills gorilla's item gaps: several categories instead of one,
// dc:creator for author names (RSS author must be an e-mail address),
// a source with its required url, and a description that is left out when
// empty. Each of these has the XML name of a gorilla field and so shadows
// it (encoding/xml keeps the shallower field).
type rssItem struct {
	feeds.RssItem
	Description string     `xml:"description,omitempty"`
	Creators    []string   `xml:"dc:creator"`
	Categories  []string   `xml:"category"`
	Source      *rssSource `xml:"source"`
}

type rssSource struct {
	URL  string `xml:"url,attr"`
	Name string `xml:",chardata"`
}

const (
	contentNS = "http://purl.org/rss/1.0/modules/content/"
	atomNS    = "http://www.w3.org/2005/Atom"
	dcNS      = "http://purl.org/dc/elements/1.1/"
)

// rssDate is RFC 1123 with a numeric zone, as RSS 2.0 (RFC 822) wants.
func rssDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC1123Z)
}

// RSS writes f as RSS 2.0 with an atom:link to itself (and to the hub),
// each item's content as content:encoded, its id as a guid with
// isPermaLink="false", its authors as dc:creator and its tags as category.
// The channel's pubDate and lastBuildDate are the newest item's publication
// and change; an empty feed has neither, since both are optional and there
// is no content to date them by. Item descriptions carry the plain-text
// summary escaped as HTML, because readers render description as HTML.
// f.RSSURL is required.
func RSS(w io.Writer, f Feed) error {
	p, err := prepare(f)
	if err != nil {
		return err
	}
	if p.rss == "" {
		return invalid("Feed.RSSURL is empty")
	}
	description := p.description
	if description == "" {
		// Required by RSS 2.0 and refused empty by validators.
		description = p.title
	}
	ch := &rssChannel{
		RssFeed: feeds.RssFeed{
			Title:         p.title,
			Link:          p.home,
			Description:   description,
			Language:      p.language,
			PubDate:       rssDate(p.published),
			LastBuildDate: rssDate(p.updated),
		},
		Links: []rssAtomLink{{Href: p.rss, Rel: "self", Type: RSSType}},
	}
	if p.hub != "" {
		ch.Links = append(ch.Links, rssAtomLink{Href: p.hub, Rel: "hub"})
	}
	root := &rssRoot{Version: "2.0", Content: contentNS, Atom: atomNS, DC: dcNS, Channel: ch}
	return writeXMLFeed(w, p, formatRSS, root, "\n  </channel>\n</rss>\n")
}

// rssItemOf is e as an RSS item.
func rssItemOf(e *entry) *rssItem {
	it := &rssItem{
		RssItem: feeds.RssItem{
			Title:   e.title,
			Link:    e.url,
			Guid:    &feeds.RssGuid{Id: e.id, IsPermaLink: "false"},
			PubDate: rssDate(e.published),
		},
		Description: html.EscapeString(e.summary),
		Creators:    e.authors,
		Categories:  e.tags,
	}
	if e.content != "" {
		it.Content = &feeds.RssContent{Content: e.content}
	}
	if e.sourceURL != "" {
		name := e.source
		if name == "" {
			name = hostOf(e.sourceURL)
		}
		it.Source = &rssSource{URL: e.sourceURL, Name: name}
	}
	return it
}

// hostOf names a source by its host when the caller gave only its URL (an
// RSS source element must not be empty).
func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	return u.Host
}
