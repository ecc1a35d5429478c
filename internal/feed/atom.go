package feed

import (
	"io"
	"time"

	"github.com/gorilla/feeds"
)

// atomFeed fills gorilla's feed gaps: an xml:lang, several links (self,
// alternate, hub) and entries of the extended kind below. A field with the
// same XML name as one of gorilla's shadows it (encoding/xml keeps the
// shallower), so gorilla's single Link and its Entries are never written;
// Entries stays empty: the writer splices in each entry's own encoding.
type atomFeed struct {
	feeds.AtomFeed
	Lang    string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Links   []atomLink   `xml:"link"`
	Entries []*atomEntry `xml:"entry"`
}

// atomEntry fills gorilla's entry gaps: several authors and categories,
// and links with a title (for the rel="via" link to the source). Authors
// and Categories shadow gorilla's single Author and Category by XML name;
// Links shadows gorilla's Links by Go name, which is its XML name too (a
// slice field takes no name from its elements' XMLName).
type atomEntry struct {
	feeds.AtomEntry
	Lang       string             `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Authors    []feeds.AtomAuthor `xml:"author"`
	Categories []atomCategory     `xml:"category"`
	Links      []atomLink
}

type atomLink struct {
	feeds.AtomLink
	Title string `xml:"title,attr,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// atomDate is RFC 3339 in UTC, as RFC 4287 dates are.
func atomDate(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// Atom writes f as an RFC 4287 feed whose id is f.ID, with self,
// alternate and (if set) hub links, and entries with id, published,
// updated, authors (the feed's author covers entries without one), a
// plain-text summary, HTML content, categories, an alternate link to the
// article and a rel="via" link to the source.
//
// The feed's updated is its newest entry's updated. An empty feed has no
// content to date it by, yet Atom requires updated; it then uses the date
// in f.ID, which must be a dated tag: URI (see TagURI): the day its
// minter started the feed is a true lower bound of its last change,
// deterministic and unlike the Unix epoch not a made-up date. f.AtomURL
// is required.
func Atom(w io.Writer, f Feed) error {
	p, err := prepare(f)
	if err != nil {
		return err
	}
	if p.atom == "" {
		return invalid("Feed.AtomURL is empty")
	}
	updated := p.updated
	if updated.IsZero() {
		d, ok := tagDate(p.id)
		if !ok {
			return invalid("an empty Atom feed needs a dated tag: URI as Feed.ID to date it, not %q", p.id)
		}
		updated = d
	}
	af := &atomFeed{
		AtomFeed: feeds.AtomFeed{
			Xmlns:    atomNS,
			Title:    p.title,
			Id:       p.id,
			Updated:  atomDate(updated),
			Subtitle: p.description,
			Author:   &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: p.author}},
		},
		Lang: p.language,
		Links: []atomLink{
			link(p.atom, "self", AtomType),
			link(p.home, "alternate", "text/html"),
		},
	}
	if p.hub != "" {
		af.Links = append(af.Links, link(p.hub, "hub", ""))
	}
	return writeXMLFeed(w, p, formatAtom, af, "\n</feed>\n")
}

// atomEntryOf is e as an Atom entry.
func atomEntryOf(e *entry) *atomEntry {
	ae := &atomEntry{
		AtomEntry: feeds.AtomEntry{
			Title:     e.title,
			Id:        e.id,
			Updated:   atomDate(e.updated),
			Published: atomDate(e.published),
		},
		Lang:  e.language,
		Links: []atomLink{link(e.url, "alternate", "text/html")},
	}
	if e.summary != "" {
		ae.Summary = &feeds.AtomSummary{Content: e.summary, Type: "text"}
	}
	if e.content != "" {
		ae.Content = &feeds.AtomContent{Content: e.content, Type: "html"}
	}
	for _, a := range e.authors {
		ae.Authors = append(ae.Authors, feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: a}})
	}
	for _, t := range e.tags {
		ae.Categories = append(ae.Categories, atomCategory{Term: t})
	}
	if e.sourceURL != "" {
		via := link(e.sourceURL, "via", "")
		via.Title = e.source
		ae.Links = append(ae.Links, via)
	}
	return ae
}

func link(href, rel, typ string) atomLink {
	return atomLink{AtomLink: feeds.AtomLink{Href: href, Rel: rel, Type: typ}}
}
