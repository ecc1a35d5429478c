package fetch

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/sync/errgroup"

	"github.com/digest-news/digest/internal/ingest"
)

// Source is one feed or news sitemap to read.
type Source struct {
	URL      string
	Name     string // the outlet; default the feed's title, else its host
	Language string
	Include  []*regexp.Regexp // keep an item whose URL or title matches one (none: keep all)
	Exclude  []*regexp.Regexp // drop an item whose URL or title matches one
}

// Options configures a run.
type Options struct {
	Sources  []Source
	Client   ClientOptions
	MaxItems int           // new items taken from one source
	MaxAge   time.Duration // older items are skipped; 0 takes all
	Now      time.Time
	// Progress, when set, is called as pages are fetched.
	Progress func(done, total int)
}

// Report is what happened to one source.
type Report struct {
	Source      Source
	NotModified bool  // the feed had not changed since the last run
	Listed      int   // items in the feed
	New         int   // items not seen before that passed the filters
	Fetched     int   // pages fetched
	Failed      int   // pages that could not be fetched
	Err         error // the source itself failed
}

// Page is a fetched item: a raw record for the importer, and the source
// it came from.
type Page struct {
	Item     ingest.Item
	Source   int    // index in Options.Sources
	ItemURL  string // the URL the feed gave, the key of State.Seen
	Language string
}

// Result is a run's outcome.
type Result struct {
	Pages   []Page
	Reports []Report
	Errors  []error // pages that failed, each naming its URL and source
}

// Run reads every source, then fetches the pages of their new items. A
// source that fails is reported and the others go on. st is updated with
// the sources' validators; the caller marks pages seen (MarkSeen) once
// they are imported.
func Run(ctx context.Context, st *State, opt Options) *Result {
	c := NewClient(opt.Client)
	res := &Result{Reports: make([]Report, len(opt.Sources))}
	type todo struct {
		src  int
		item *gofeed.Item
		link string
		name string
	}
	lists := make([][]todo, len(opt.Sources))
	var mu sync.Mutex
	var g errgroup.Group
	for i, s := range opt.Sources {
		res.Reports[i].Source = s
		g.Go(func() error {
			rep := &res.Reports[i]
			mu.Lock()
			prev := st.Sources[s.URL]
			mu.Unlock()
			var v Validators
			if prev != nil {
				v = prev.Validators
			}
			resp, err := c.Get(ctx, s.URL, v)
			if err != nil {
				rep.Err = err
				return nil
			}
			next := &SourceState{Validators: resp.Validators, Checked: opt.Now.UTC().Format(time.RFC3339)}
			if resp.NotModified {
				rep.NotModified = true
				mu.Lock()
				st.Sources[s.URL] = next
				mu.Unlock()
				return nil
			}
			feed, err := parseFeed(resp)
			if err != nil {
				rep.Err = fmt.Errorf("%s: %w", s.URL, err)
				return nil
			}
			name := s.Name
			if name == "" {
				name = strings.TrimSpace(feed.Title)
			}
			if name == "" {
				if u, err := url.Parse(resp.URL); err == nil {
					name = strings.TrimPrefix(u.Hostname(), "www.")
				}
			}
			rep.Listed = len(feed.Items)
			base, _ := url.Parse(resp.URL)
			var fresh []todo
			taken := map[string]bool{}
			for _, it := range feed.Items {
				link := resolve(base, it.Link)
				if link == "" || taken[link] {
					continue
				}
				mu.Lock()
				_, seen := st.Seen[link]
				mu.Unlock()
				if seen || !s.keep(link, it.Title) {
					continue
				}
				if opt.MaxAge > 0 && it.PublishedParsed != nil && it.PublishedParsed.Before(opt.Now.Add(-opt.MaxAge)) {
					continue
				}
				taken[link] = true
				fresh = append(fresh, todo{src: i, item: it, link: link, name: name})
			}
			// The newest first, when there are more than a run takes.
			sort.SliceStable(fresh, func(a, b int) bool { return itemTime(fresh[a].item).After(itemTime(fresh[b].item)) })
			if len(fresh) > opt.MaxItems {
				fresh = fresh[:opt.MaxItems]
			}
			rep.New = len(fresh)
			lists[i] = fresh
			mu.Lock()
			st.Sources[s.URL] = next
			mu.Unlock()
			return nil
		})
	}
	g.Wait()

	var all []todo
	for _, l := range lists {
		all = append(all, l...)
	}
	pages := make([]*Page, len(all))
	errs := make([]error, len(all))
	var done int
	var pg errgroup.Group
	pg.SetLimit(max(opt.Client.Concurrency, 1) * 2)
	for k, t := range all {
		pg.Go(func() error {
			pages[k], errs[k] = fetchPage(ctx, c, t.link, t.item, t.name, opt.Sources[t.src])
			if pages[k] != nil {
				pages[k].Source = t.src
			}
			if opt.Progress != nil {
				mu.Lock()
				done++
				opt.Progress(done, len(all))
				mu.Unlock()
			}
			return nil
		})
	}
	pg.Wait()
	for k, t := range all {
		rep := &res.Reports[t.src]
		if errs[k] != nil {
			rep.Failed++
			res.Errors = append(res.Errors, fmt.Errorf("%s (item of %s): %w", t.link, opt.Sources[t.src].URL, trimURL(errs[k], t.link)))
			continue
		}
		rep.Fetched++
		res.Pages = append(res.Pages, *pages[k])
	}
	return res
}

// trimURL drops a leading "URL: " that the client's errors carry, when
// the message names the URL already.
func trimURL(err error, u string) error {
	if s, ok := strings.CutPrefix(err.Error(), u+": "); ok {
		return errors.New(s)
	}
	return err
}

// MarkSeen remembers item URLs as taken on the day of now.
func (st *State) MarkSeen(urls []string, now time.Time) {
	day := now.UTC().Format("2006-01-02")
	for _, u := range urls {
		if _, ok := st.Seen[u]; !ok {
			st.Seen[u] = day
		}
	}
}

func (s *Source) keep(link, title string) bool {
	text := link + "\n" + title
	for _, re := range s.Exclude {
		if re.MatchString(text) {
			return false
		}
	}
	if len(s.Include) == 0 {
		return true
	}
	for _, re := range s.Include {
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

func itemTime(it *gofeed.Item) time.Time {
	if it.PublishedParsed != nil {
		return *it.PublishedParsed
	}
	if it.UpdatedParsed != nil {
		return *it.UpdatedParsed
	}
	return time.Time{}
}

func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// fetchPage fetches an item's page into a raw record: the page's HTML
// with the feed's title, date, author and the outlet's name.
func fetchPage(ctx context.Context, c *Client, link string, it *gofeed.Item, name string, s Source) (*Page, error) {
	resp, err := c.Get(ctx, link, Validators{})
	if err != nil {
		return nil, err
	}
	if ct := strings.ToLower(resp.ContentType); ct != "" && !strings.Contains(ct, "html") {
		return nil, fmt.Errorf("is %s, not an HTML page", ct)
	}
	rec := &ingest.Rec{Title: strings.TrimSpace(it.Title), HTML: string(resp.Body), URL: resp.URL, Source: name}
	if len(it.Authors) > 0 && it.Authors[0] != nil {
		rec.Author = it.Authors[0].Name
	}
	if t := itemTime(it); !t.IsZero() {
		rec.Date = t.UTC()
		rec.Published = rec.Date.Format(time.RFC3339)
	}
	return &Page{Item: ingest.Item{Origin: link, Kind: ingest.Record, Rec: rec}, ItemURL: link, Language: s.Language}, nil
}

// parseFeed reads an RSS, Atom or JSON feed, or a news sitemap.
func parseFeed(resp *Response) (*gofeed.Feed, error) {
	head := resp.Body[:min(len(resp.Body), 2048)]
	if bytes.Contains(head, []byte("<urlset")) || bytes.Contains(head, []byte("<sitemapindex")) {
		return parseSitemap(resp.Body)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err == nil {
		return f, nil
	}
	if looksHTML(head, resp.ContentType) {
		if alt := feedLink(resp); alt != "" {
			return nil, fmt.Errorf("is an HTML page, not a feed; its feed seems to be %s: put that in url", alt)
		}
		return nil, errors.New("is an HTML page, not a feed; give the URL of the outlet's RSS, Atom or JSON feed or news sitemap")
	}
	return nil, fmt.Errorf("is not a feed digest can read (RSS, Atom, JSON Feed or news sitemap): %v", err)
}

func looksHTML(head []byte, ct string) bool {
	l := bytes.ToLower(head)
	return strings.Contains(strings.ToLower(ct), "html") || bytes.Contains(l, []byte("<html")) || bytes.Contains(l, []byte("<!doctype html"))
}

// feedLink finds a page's <link rel="alternate"> to a feed.
func feedLink(resp *Response) string {
	z := html.NewTokenizer(bytes.NewReader(resp.Body))
	base, _ := url.Parse(resp.URL)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			n, has := z.TagName()
			if string(n) != "link" || !has {
				continue
			}
			var rel, typ, href string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "rel":
					rel = strings.ToLower(string(v))
				case "type":
					typ = strings.ToLower(string(v))
				case "href":
					href = string(v)
				}
				if !more {
					break
				}
			}
			if strings.Contains(rel, "alternate") && (strings.Contains(typ, "rss") || strings.Contains(typ, "atom") || strings.Contains(typ, "feed+json")) {
				return resolve(base, href)
			}
		}
	}
}

// sitemap is a news sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
type sitemap struct {
	XMLName xml.Name
	URLs    []struct {
		Loc  string `xml:"loc"`
		Mod  string `xml:"lastmod"`
		News struct {
			Title string `xml:"title"`
			Date  string `xml:"publication_date"`
			Pub   struct {
				Name string `xml:"name"`
			} `xml:"publication"`
		} `xml:"news"`
	} `xml:"url"`
}

func parseSitemap(b []byte) (*gofeed.Feed, error) {
	var sm sitemap
	if err := xml.Unmarshal(b, &sm); err != nil {
		return nil, fmt.Errorf("is not a well-formed sitemap: %v", err)
	}
	if sm.XMLName.Local == "sitemapindex" {
		return nil, errors.New("is a sitemap index; name one of the news sitemaps it lists")
	}
	f := &gofeed.Feed{}
	for _, u := range sm.URLs {
		it := &gofeed.Item{Link: strings.TrimSpace(u.Loc), Title: strings.TrimSpace(u.News.Title)}
		for _, d := range []string{u.News.Date, u.Mod} {
			if t, ok := parseW3CDate(strings.TrimSpace(d)); ok {
				it.PublishedParsed = &t
				break
			}
		}
		if f.Title == "" {
			f.Title = strings.TrimSpace(u.News.Pub.Name)
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

func parseW3CDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
