package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"
)

// FeedLink is one feed a page links to, for autodiscovery and for the
// visible subscribe links.
type FeedLink struct {
	Title string // "RSS", "Atom", "JSON Feed"
	Type  string // media type
	URL   string // absolute
}

// Asset is a fingerprinted static file.
type Asset struct {
	URL       string // root-relative, with the content hash in the name
	Integrity string // Subresource Integrity hash
}

// Page is the data every template gets.
type Page struct {
	Site        *SiteInfo
	Kind        string // home, thread, article, term, terms, day, archive, 404
	Title       string // the page's own title, without the site name
	Description string
	Path        string     // site path, "" for home
	Canonical   string     // absolute URL
	Feeds       []FeedLink // every feed that concerns the page, for autodiscovery
	Follow      []FeedLink // the page's own scope's feeds, for subscribe links
	JSONLD      template.JS
	ld          func() any // the JSON-LD data, made only when the page is rendered
	NoIndex     bool
	Image       string

	Threads  []*Thread
	Thread   *Thread
	Article  *Article
	Articles []*Article
	Listed   []*Article // Articles as a list shows them, copies folded under their originals
	Term     *Term
	Terms    []*Term
	Days     []*Day
	Pager    *Pager
	Heading  string
}

// SiteInfo is what every page knows of the site.
type SiteInfo struct {
	Title       string
	Description string
	Language    string
	BaseURL     string // absolute, ends in "/"
	BasePath    string // path part of BaseURL, ends in "/"
	Author      string
	CSS         Asset
	JS          Asset
	Feeds       []FeedLink // the whole site's feeds
	StoryFeeds  []FeedLink // one entry per story, updated as coverage grows
	Search      bool       // a search index is built
	// SearchBundles are the search index's shards, newest first, as
	// site paths ("pagefind/2025-07/"): the page loads the first's UI
	// and merges the others into it.
	SearchBundles []string
	// SearchIndex is the digest engine's index folder as a site path
	// ("search-index/"); empty with Pagefind.
	SearchIndex string
	Location    *time.Location
	LiveReload  string // script URL in serve mode, else ""
}

// Pager links the pages of a long list.
type Pager struct {
	// Page is the page's number: 1, 2 … N of Pages for the ranked home
	// pages; on topic, outlet and day lists the number of a sealed page
	// counted from the oldest, 0 for the list's own page, and Pages is 0.
	Page, Pages int
	Path        string // this page's site path
	Prev, Next  string // site paths, "" at the ends
	Items       string // what the list holds, for the links: "stories", "articles"
}

// templates holds the layouts, parsed once: a base layout and partials,
// cloned for each kind of page.
type templates struct {
	byKind map[string]*template.Template
	frags  *fragments
}

// fragments renders partials for partialCached: each partial once per
// object for the whole build, however many pages show it. A story of 40
// reports lists the other 39 on each report's page; a busy topic lists
// the same article on page after page.
type fragments struct {
	tpl  *template.Template // the base layout and partials, no page kind
	mu   sync.Mutex
	done map[fragmentKey]template.HTML
}

type fragmentKey struct {
	name string
	obj  any
}

// render executes the partial name with obj, or returns what it gave
// before. obj must be a pointer: the object's identity is the key.
func (f *fragments) render(name string, obj any) (template.HTML, error) {
	if v := reflect.ValueOf(obj); v.Kind() != reflect.Pointer {
		return "", fmt.Errorf("partialCached %q: the data must be a pointer (an article, a story, a term), not %T", name, obj)
	}
	k := fragmentKey{name, obj}
	f.mu.Lock()
	h, ok := f.done[k]
	f.mu.Unlock()
	if ok {
		return h, nil
	}
	var buf bytes.Buffer
	if err := f.tpl.ExecuteTemplate(&buf, name, obj); err != nil {
		return "", err
	}
	// The partial's output went through html/template's escaping in an
	// HTML text context, which is where partialCached is called.
	h = template.HTML(buf.String())
	f.mu.Lock()
	f.done[k] = h
	f.mu.Unlock()
	return h, nil
}

// each renders the partial name (as render does) for every element of
// list, a slice of pointers, but skip, each followed by a newline: a
// story's other reports on each report's page, without a template loop
// over the story's articles on every one of them (a story of 40 reports
// would evaluate 1,600 items for its pages).
func (f *fragments) each(name string, list, skip any) (template.HTML, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return "", fmt.Errorf("partialCachedEach %q: the list must be a slice (of articles, stories, topics), not %T", name, list)
	}
	// Rendered first and joined in one allocation: a builder grown by
	// doubling made twice the bytes (2 GB of a 100,000-article build).
	hs := make([]template.HTML, 0, v.Len())
	n := 0
	for i := range v.Len() {
		obj := v.Index(i).Interface()
		if obj == skip {
			continue
		}
		h, err := f.render(name, obj)
		if err != nil {
			return "", err
		}
		hs = append(hs, h)
		n += len(h) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range hs {
		b.WriteString(string(h))
		b.WriteByte('\n')
	}
	return template.HTML(b.String()), nil
}

var pageKinds = []string{"home", "thread", "article", "term", "terms", "day", "archive", "search", "404"}

func parseTemplates(layouts fs.FS, info *SiteInfo) (*templates, error) {
	frags := &fragments{done: map[fragmentKey]template.HTML{}}
	fm := funcs(info)
	fm["partialCached"] = frags.render
	fm["partialCachedEach"] = frags.each
	root := template.New("baseof.html").Funcs(fm)
	root, err := root.ParseFS(layouts, "baseof.html")
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	if partials, _ := fs.Glob(layouts, "partials/*.html"); len(partials) > 0 {
		if root, err = root.ParseFS(layouts, partials...); err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
	}
	t := &templates{byKind: map[string]*template.Template{}, frags: frags}
	for _, kind := range pageKinds {
		c, err := root.Clone()
		if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		if c, err = c.ParseFS(layouts, kind+".html"); err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		t.byKind[kind] = c
	}
	// Cloned last: html/template clones only templates never executed.
	if frags.tpl, err = root.Clone(); err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	return t, nil
}

// render executes p's layout into buf.
func (t *templates) render(buf *bytes.Buffer, p *Page) error {
	if err := t.byKind[p.Kind].ExecuteTemplate(buf, "baseof.html", p); err != nil {
		return fmt.Errorf("layouts: %s page %q: %w", p.Kind, p.Path, err)
	}
	return nil
}

// buffers lends the buffers pages and feeds are rendered into, each
// given back once its file is written. A fresh buffer for each of a
// 100,000-article build's 150,000 files, grown by doubling to the
// page's size, was a fifth of all the bytes the build allocated.
type buffers struct{ pool sync.Pool }

// maxPooledBuffer bounds the buffers kept: an odd huge page (the
// archive of a large site) is not held for the rest of the build.
const maxPooledBuffer = 4 << 20

func (bs *buffers) get() *bytes.Buffer {
	if b, ok := bs.pool.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

func (bs *buffers) put(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		bs.pool.Put(b)
	}
}

func funcs(info *SiteInfo) template.FuncMap {
	return template.FuncMap{
		// url turns a site path into a root-relative URL.
		"url": func(p string) string { return info.BasePath + p },
		// abs turns a site path into an absolute URL.
		"abs": func(p string) string { return info.BaseURL + p },
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(info.Location).Format("2 January 2006")
		},
		"datetime": func(t time.Time) string { return showDateTime(t, info.Location) },
		"iso": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.UTC().Format(time.RFC3339)
		},
		"plural": plural,
		"join":   strings.Join,
		"sub":    func(a, b int) int { return a - b },
		"host": func(s string) string {
			u, err := url.Parse(s)
			if err != nil {
				return ""
			}
			return strings.TrimPrefix(u.Hostname(), "www.")
		},
		// clip shortens text for a teaser, at a word boundary.
		"clip": func(n int, s string) string { return truncate(s, n) },
		// outlets names the outlets of articles, once each, in order;
		// articles without an outlet are counted as "n more".
		"outlets": func(as []*Article) string {
			var names []string
			seen := map[string]bool{}
			unnamed := 0
			for _, a := range as {
				switch {
				case a.Outlet == "":
					unnamed++
				case !seen[a.Outlet]:
					seen[a.Outlet] = true
					names = append(names, a.Outlet)
				}
			}
			if unnamed > 0 {
				if len(names) == 0 {
					names = append(names, plural(unnamed, "other report", "other reports"))
				} else {
					names = append(names, plural(unnamed, "other", "others"))
				}
			}
			return strings.Join(names, ", ")
		},
		"limit": func(n int, as []*Article) []*Article {
			if len(as) > n {
				return as[:n]
			}
			return as
		},
	}
}

// jsonLD encodes structured data for a <script type="application/ld+json">.
// encoding/json escapes <, > and &, so no text can close the script.
func jsonLD(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// plural counts n things: "1 article", "3 articles".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// showDateTime is a date and time as pages show it, in the site's time
// zone; the search index's results show the same.
func showDateTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	// A date without a time of day comes in as midnight; showing
	// "00:00" would claim a precision the source never gave.
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006, 15:04 MST")
}
