package feed

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MIME types of the three formats, for the publisher's Content-Type headers
// and for the type attributes of the feeds' own links.
const (
	RSSType  = "application/rss+xml"
	AtomType = "application/atom+xml"
	JSONType = "application/feed+json"
)

// DefaultLimit is how many items a feed keeps when Feed.Limit is zero.
const DefaultLimit = 50

// Feed is one feed, written identically in the three formats.
type Feed struct {
	Title, Description, Language string // language: BCP 47, e.g. "en"

	// ID is the stable id of the feed, used as the Atom feed id. It must
	// never change once published. Any absolute URI will do, but a dated
	// tag: URI (see TagURI) is best: its date is what an empty Atom feed
	// gives as its updated time.
	ID string

	// HomeURL is the absolute URL of the page the feed is about (its
	// alternate link).
	HomeURL string

	// RSSURL, AtomURL and JSONURL are the absolute URLs the three files are
	// published at (their self links). Each writer needs its own.
	RSSURL, AtomURL, JSONURL string

	// Author is the feed author or site name; the Title stands in when it
	// is empty, since Atom entries without an author need the feed's.
	Author string

	// Hub is the optional URL of a WebSub hub, linked from all three
	// formats.
	Hub string

	// Items may be in any order: the writers sort them newest first.
	Items []Item

	// Entries are more items, checked and cleaned beforehand by NewEntry
	// so that feeds which share an item share its encodings too (see
	// Entry). They are sorted and cut together with Items.
	Entries []*Entry

	// Limit is how many of the newest items are kept (0 = DefaultLimit).
	Limit int

	// Compact writes the feed without indentation and without a final
	// newline, byte for byte as the publisher's minifier (tdewolff's
	// XML and JSON minifiers) would make of the indented feed, so that
	// a minified site can write it as it is. Entries are compacted
	// once and reused; the feed's own part is compacted per feed.
	Compact bool
}

// Item is one article of a feed.
type Item struct {
	// ID is the stable entry id (a tag: URI, see TagURI). Readers key on
	// it, so changing it shows the article again as new. When empty, the
	// item's URL stands in.
	ID string

	URL         string // absolute URL of the article page; required
	Title       string // plain text; the URL stands in when empty
	Summary     string // plain text
	ContentHTML string // sanitised HTML fragment with absolute links

	// Published is required; a zero Updated means the item was never
	// changed after publication.
	Published, Updated time.Time

	Authors []string
	Tags    []string

	Source    string // outlet name (optional)
	SourceURL string // outlet or original article URL (optional)
	// Language is the item's own language (BCP 47), when known: Atom
	// writes it as the entry's xml:lang and JSON Feed as the item's
	// language; RSS 2.0 has a language for the channel only.
	Language string
}

// TagURI returns the RFC 4151 tag URI "tag:authority,date:specific", e.g.
// TagURI("example.com", "2025-01-01", "article/abc") is
// "tag:example.com,2025-01-01:article/abc". The authority (a domain name or
// e-mail address the minter owned on date) is lower-cased; date is
// YYYY, YYYY-MM or YYYY-MM-DD; every byte of specific that RFC 4151 does
// not allow there, '%' and '#' included, is percent-encoded, so an already
// encoded specific is encoded again.
func TagURI(authority string, date string, specific string) string {
	var b strings.Builder
	b.WriteString("tag:")
	b.WriteString(strings.ToLower(strings.TrimSpace(authority)))
	b.WriteByte(',')
	b.WriteString(strings.TrimSpace(date))
	b.WriteByte(':')
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(specific); i++ {
		c := specific[i]
		if tagSpecificByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// tagSpecificByte reports whether c may appear unencoded in the specific
// part of a tag URI: pchar, '/' or '?' (RFC 4151 section 2.1), less '%'.
func tagSpecificByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}

// ErrInvalid is wrapped by every error about a Feed the writers refuse, so
// that callers can tell bad input from a failing io.Writer with errors.Is.
var ErrInvalid = errors.New("invalid feed")

// entry is an Item cleaned and checked, in the form all formats share.
type entry struct {
	id, url, title, summary, content string
	published, updated               time.Time // UTC, whole seconds
	authors, tags                    []string
	source, sourceURL                string
	language                         string
}

// prepared is a Feed cleaned and checked, its entries sorted and cut.
type prepared struct {
	title, description, language string
	id, home, rss, atom, json    string
	author, hub                  string
	compact                      bool
	entries                      []*Entry
	// published and updated are the newest publication and change among
	// the entries; both are zero for an empty feed.
	published, updated time.Time
}

// validLanguage reports whether s has the shape of a BCP 47 tag: a 2-8
// letter language subtag and then 1-8 character alphanumeric subtags.
func validLanguage(s string) bool {
	for i, sub := range strings.Split(s, "-") {
		if len(sub) < 1 || len(sub) > 8 || (i == 0 && len(sub) < 2) {
			return false
		}
		for _, c := range []byte(sub) {
			letter := 'a' <= c|0x20 && c|0x20 <= 'z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("feed: %w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// checkURL refuses anything but an absolute http(s) URL with a host.
func checkURL(field, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || !printable(s) || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalid("%s %q is not an absolute http(s) URL", field, s)
	}
	return nil
}

// checkID refuses anything but an absolute URI (an Atom id must be an IRI).
func checkID(field, s string) error {
	u, err := url.Parse(s)
	if err != nil || !printable(s) || u.Scheme == "" {
		return invalid("%s %q is not an absolute URI", field, s)
	}
	return nil
}

// printable reports whether s is valid UTF-8 with no spaces or controls,
// which no URL or URI may contain.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r <= ' ' || !xmlChar(r) {
			return false
		}
	}
	return true
}

// utc normalises a time for output: UTC, whole seconds (RFC 1123 has no
// fractions, and all formats must agree).
func utc(t time.Time) time.Time {
	return t.UTC().Truncate(time.Second)
}

func checkTime(field string, t time.Time) error {
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return invalid("%s %v is out of range", field, t)
	}
	return nil
}

// prepare checks and cleans f, sorts its items newest first (ties by id)
// and keeps the newest Limit of them.
func prepare(f Feed) (*prepared, error) {
	p := &prepared{
		title:       line(f.Title),
		description: line(f.Description),
		language:    f.Language,
		id:          f.ID,
		home:        f.HomeURL,
		rss:         f.RSSURL,
		atom:        f.AtomURL,
		json:        f.JSONURL,
		author:      line(f.Author),
		hub:         f.Hub,
	}
	if p.title == "" {
		return nil, invalid("Feed.Title is empty")
	}
	if p.author == "" {
		p.author = p.title
	}
	if p.language != "" && !validLanguage(p.language) {
		return nil, invalid("Feed.Language %q is not a BCP 47 tag", p.language)
	}
	if f.ID == "" {
		return nil, invalid("Feed.ID is empty")
	}
	if err := checkID("Feed.ID", f.ID); err != nil {
		return nil, err
	}
	if f.HomeURL == "" {
		return nil, invalid("Feed.HomeURL is empty")
	}
	for _, u := range []struct{ field, value string }{
		{"Feed.HomeURL", f.HomeURL}, {"Feed.RSSURL", f.RSSURL}, {"Feed.AtomURL", f.AtomURL},
		{"Feed.JSONURL", f.JSONURL}, {"Feed.Hub", f.Hub},
	} {
		if err := checkURL(u.field, u.value); err != nil {
			return nil, err
		}
	}
	limit := f.Limit
	switch {
	case limit < 0:
		return nil, invalid("Feed.Limit %d is negative", limit)
	case limit == 0:
		limit = DefaultLimit
	}

	entries := make([]*Entry, 0, len(f.Items)+len(f.Entries))
	for i, it := range f.Items {
		e, err := prepareItem(fmt.Sprintf("Items[%d]", i), it)
		if err != nil {
			return nil, err
		}
		entries = append(entries, &Entry{e: e})
	}
	for i, e := range f.Entries {
		if e == nil {
			return nil, invalid("Entries[%d] is nil", i)
		}
		entries = append(entries, e)
	}
	// name names entries[i] as the caller knows it.
	name := func(i int) string {
		if i < len(f.Items) {
			return fmt.Sprintf("Items[%d]", i)
		}
		return fmt.Sprintf("Entries[%d]", i-len(f.Items))
	}
	seen := make(map[string]int, len(entries))
	for i, e := range entries {
		if j, dup := seen[e.e.id]; dup {
			return nil, invalid("%s and %s share the id %q", name(j), name(i), e.e.id)
		}
		seen[e.e.id] = i
	}
	newer := func(a, b *Entry) int {
		if c := b.e.published.Compare(a.e.published); c != 0 {
			return c
		}
		return strings.Compare(a.e.id, b.e.id)
	}
	// Callers often pass items newest first already.
	if !slices.IsSortedFunc(entries, newer) {
		slices.SortFunc(entries, newer)
	}
	if len(entries) > limit {
		entries = entries[:limit]
	}
	p.entries = entries
	p.compact = f.Compact
	for _, e := range entries {
		if e.e.published.After(p.published) {
			p.published = e.e.published
		}
		if e.e.updated.After(p.updated) {
			p.updated = e.e.updated
		}
	}
	return p, nil
}

func prepareItem(name string, it Item) (entry, error) {
	if it.URL == "" {
		return entry{}, invalid("%s.URL is empty", name)
	}
	if err := checkURL(name+".URL", it.URL); err != nil {
		return entry{}, err
	}
	if err := checkURL(name+".SourceURL", it.SourceURL); err != nil {
		return entry{}, err
	}
	e := entry{
		id:        it.ID,
		url:       it.URL,
		title:     line(it.Title),
		summary:   strings.TrimSpace(cleanText(it.Summary)),
		content:   strings.TrimSpace(cleanText(it.ContentHTML)),
		authors:   lines(it.Authors),
		tags:      lines(it.Tags),
		source:    line(it.Source),
		sourceURL: it.SourceURL,
		language:  strings.TrimSpace(it.Language),
	}
	if e.language != "" && !validLanguage(e.language) {
		return entry{}, invalid("%s.Language %q is not a BCP 47 tag", name, e.language)
	}
	if e.id == "" {
		e.id = it.URL
	}
	if err := checkID(name+".ID", e.id); err != nil {
		return entry{}, err
	}
	if e.title == "" {
		e.title = it.URL
	}
	if it.Published.IsZero() {
		return entry{}, invalid("%s.Published of %q is zero", name, e.id)
	}
	if err := checkTime(name+".Published", it.Published); err != nil {
		return entry{}, err
	}
	if err := checkTime(name+".Updated", it.Updated); err != nil {
		return entry{}, err
	}
	e.published = utc(it.Published)
	e.updated = e.published
	if u := utc(it.Updated); u.After(e.updated) {
		// An Updated before Published is a slip; Atom wants updated to
		// be no earlier than published.
		e.updated = u
	}
	return e, nil
}

// tagDate returns the date of a tag: URI ("tag:example.com,2025-01-01:x"
// gives 2025-01-01T00:00:00Z), and false if id is not a dated tag URI.
func tagDate(id string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(id, "tag:")
	if !ok {
		return time.Time{}, false
	}
	_, rest, ok = strings.Cut(rest, ",")
	if !ok {
		return time.Time{}, false
	}
	date, _, ok := strings.Cut(rest, ":")
	if !ok {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(date) == len(layout) {
			if t, err := time.Parse(layout, date); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
