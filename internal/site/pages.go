package site

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// homeJobs renders the home page and its further pages, ranked threads a
// page at a time, and the site's own feeds.
func (b *builder) homeJobs() []func() error {
	b.info.Feeds = feedLinks("", b.info)
	size := b.opt.Site.PageSize
	if size < 1 {
		size = 20
	}
	visible := b.m.Threads
	pages := pageCount(len(visible), size)
	var jobs []func() error
	for i := range pages {
		jobs = append(jobs, func() error {
			lo, hi := i*size, min((i+1)*size, len(visible))
			p := &Page{Kind: "home", Title: "", Description: orDefault(b.info.Description, "Top stories of "+b.info.Title+", each with its full coverage."), Threads: visible[lo:hi], Days: limitDays(b.m.Days, 7)}
			p.Pager = newPager("", i+1, pages, "stories")
			if i > 0 {
				p.Path = p.Pager.Path
				p.Title = fmt.Sprintf("Page %d", i+1)
			}
			items := make([]ldItem, len(p.Threads))
			for j, t := range p.Threads {
				items[j] = ldItem{Type: "ListItem", Position: lo + j + 1, URL: b.info.BaseURL + t.Path, Name: t.Headline}
			}
			ld := []any{ldItemList{Context: "https://schema.org", Type: "ItemList", Items: items}}
			if i == 0 {
				site := map[string]any{"@context": "https://schema.org", "@type": "WebSite", "name": b.info.Title, "url": b.info.BaseURL}
				if b.info.Search {
					site["potentialAction"] = map[string]any{
						"@type": "SearchAction", "target": b.info.BaseURL + "search/?q={search_term_string}",
						"query-input": "required name=search_term_string",
					}
				}
				ld = append([]any{site}, ld...)
			}
			p.ld = func() any { return ld }
			return b.page(p, lastmod(b.m.Now))
		})
	}
	jobs = append(jobs, func() error { return b.writeFeeds("", b.info.Title, b.info.Description, "site", b.m.Articles) })
	jobs = append(jobs, b.searchPage)
	return jobs
}

// storiesShown is how many of a topic's stories its first page lists.
const storiesShown = 50

// newPager is page n of pages of the list at dir: dir itself, then
// dir/page/2/, dir/page/3/ …
func newPager(dir string, n, pages int, items string) *Pager {
	p := &Pager{Page: n, Pages: pages, Items: items, Path: pagePath(dir, n)}
	if n > 1 {
		p.Prev = pagePath(dir, n-1)
	}
	if n < pages {
		p.Next = pagePath(dir, n+1)
	}
	return p
}

func pagePath(dir string, n int) string {
	if n <= 1 {
		return dir
	}
	return fmt.Sprintf("%spage/%d/", dir, n)
}

// pageCount is how many pages of size a list of n items takes: at least one.
func pageCount(n, size int) int {
	return max(1, (n+size-1)/size)
}

// archivePage is one page of a list that only grows at its newest end (a
// topic's, an outlet's or a day's articles, newest first): the list's own
// page shows the newest articles, from size to 2×size-1 of them, and the
// older ones are sealed in pages of exactly size, numbered from the
// oldest, so that a new article changes the first page (and, every size
// articles, seals one more) but no other page: their URLs always show the
// same articles, and an incremental build leaves them alone.
type archivePage struct {
	lo, hi int // the items on the page, [lo, hi) of the newest-first list
	pager  *Pager
}

func archivePages(dir string, n, size int, items string) []archivePage {
	sealed := max(0, n/size-1)
	pages := []archivePage{{lo: 0, hi: n - sealed*size, pager: &Pager{Path: dir, Items: items}}}
	if sealed > 0 {
		pages[0].pager.Next = archivePath(dir, sealed)
	}
	for k := sealed; k >= 1; k-- {
		p := &Pager{Page: k, Path: archivePath(dir, k), Items: items, Prev: dir}
		if k < sealed {
			p.Prev = archivePath(dir, k+1)
		}
		if k > 1 {
			p.Next = archivePath(dir, k-1)
		}
		pages = append(pages, archivePage{lo: n - k*size, hi: n - (k-1)*size, pager: p})
	}
	return pages
}

// archivePath is the path of sealed page k of the list at dir.
func archivePath(dir string, k int) string {
	return fmt.Sprintf("%spage/%d/", dir, k)
}

func (b *builder) thread(t *Thread) error {
	own := feedLinks(t.Path, b.info)
	p := &Page{Kind: "thread", Path: t.Path, Title: t.Headline, Thread: t, Feeds: append(own, b.info.Feeds...), Follow: own, Description: summaryOr(t.Summary, t.Headline)}
	p.ld = func() any {
		items := make([]ldItem, len(t.Articles))
		for i, a := range t.Articles {
			items[i] = ldItem{Type: "ListItem", Position: i + 1, URL: b.info.BaseURL + a.Path, Name: a.Title}
		}
		return map[string]any{
			"@context": "https://schema.org", "@type": "CollectionPage", "name": t.Headline, "url": b.info.BaseURL + t.Path,
			"description": p.Description,
			"mainEntity":  ldItemList{Type: "ItemList", Items: items},
		}
	}
	if err := b.page(p, lastmod(t.Latest)); err != nil {
		return err
	}
	return b.writeFeeds(t.Path, t.Headline, "Follow the story: "+t.Headline, "thread:"+t.ID, t.Articles)
}

func (b *builder) article(a *Article) error {
	own := feedLinks(a.Thread.Path, b.info)
	p := &Page{Kind: "article", Path: a.Path, Title: a.Title, Article: a, Thread: a.Thread, Feeds: append(own, b.info.Feeds...), Follow: own, Description: summaryOr(a.Summary, a.Title)}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle", "headline": truncate(a.Title, 110),
		"mainEntityOfPage": b.info.BaseURL + a.Path, "url": b.info.BaseURL + a.Path,
		"description": p.Description, "inLanguage": orDefault(a.Language, b.info.Language),
		"publisher": map[string]any{"@type": "Organization", "name": b.info.Title, "url": b.info.BaseURL},
	}
	if !a.Date.IsZero() {
		ld["datePublished"] = a.Date.UTC().Format(time.RFC3339)
		ld["dateModified"] = a.Date.UTC().Format(time.RFC3339)
	}
	if a.Author != "" {
		ld["author"] = map[string]any{"@type": "Person", "name": a.Author}
	} else if a.Outlet != "" {
		ld["author"] = map[string]any{"@type": "Organization", "name": a.Outlet}
	}
	if a.URL != "" {
		ld["isBasedOn"] = a.URL
	}
	if a.Dateline != "" {
		ld["dateline"] = a.Dateline
	}
	p.JSONLD = jsonLD(ld)
	return b.page(p, lastmod(a.Date))
}

// listSize is how many articles a page of a topic, an outlet or a day
// lists: a busy topic's thousands of articles are paged, not put on one
// page of megabytes.
func (b *builder) listSize() int {
	return max(1, b.opt.Site.ListSize)
}

// term renders a topic's or an outlet's pages (see archivePages) and its
// feeds.
func (b *builder) term(t *Term, label string) error {
	listSize := b.listSize()
	own := feedLinks(t.Path, b.info)
	description := fmt.Sprintf("%s: %s — %s, %s.", label, t.Name, plural(len(t.Threads), "story", "stories"), plural(len(t.Articles), "article", "articles"))
	for _, pg := range archivePages(t.Path, len(t.Listed), listSize, "articles") {
		list := t.Listed[pg.lo:pg.hi]
		p := &Page{Kind: "term", Title: t.Name, Term: t, Listed: list, Feeds: append(own, b.info.Feeds...), Follow: own, Heading: label,
			Description: description, Pager: pg.pager}
		p.Path = p.Pager.Path
		if n := p.Pager.Page; n == 0 {
			p.Threads = limitThreads(t.Threads, storiesShown)
		} else {
			p.Title = fmt.Sprintf("%s, page %d", t.Name, n)
			p.Description = fmt.Sprintf("%s: %s — older articles, archive page %d.", label, t.Name, n)
		}
		p.ld = func() any { return collection(b.info, p, list) }
		var latest time.Time
		if len(list) > 0 {
			latest = list[0].Date
		}
		if err := b.page(p, lastmod(latest)); err != nil {
			return err
		}
	}
	return b.writeFeeds(t.Path, b.info.Title+" — "+t.Name, description, strings.ToLower(label)+":"+t.Slug, t.Articles)
}

// day renders a day's pages (see archivePages).
func (b *builder) day(d *Day) error {
	listSize := b.listSize()
	date := d.Date.Format("2 January 2006")
	for _, pg := range archivePages(d.Path, len(d.Listed), listSize, "articles") {
		list := d.Listed[pg.lo:pg.hi]
		p := &Page{Kind: "day", Title: date, Heading: date, Articles: d.Articles, Listed: list,
			Description: fmt.Sprintf("News of %s: %d articles.", date, len(d.Articles)), Pager: pg.pager}
		p.Path = p.Pager.Path
		if n := p.Pager.Page; n > 0 {
			p.Title = fmt.Sprintf("%s, page %d", date, n)
			p.Description = fmt.Sprintf("News of %s: earlier articles, page %d.", date, n)
		}
		p.ld = func() any { return collection(b.info, p, list) }
		if err := b.page(p, lastmod(list[0].Date)); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) termsIndex(path, title string, terms []*Term) func() error {
	if path == "tags/" {
		title = "Topics" // readers know tags as topics, as the menu says
	}
	return func() error {
		sorted := append([]*Term(nil), terms...)
		sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i].Articles) > len(sorted[j].Articles) })
		p := &Page{Kind: "terms", Path: path, Title: title, Terms: sorted, Heading: title,
			Description: fmt.Sprintf("%s of %s.", title, b.info.Title)}
		return b.page(p, lastmod(b.m.Now))
	}
}

func (b *builder) archive() error {
	p := &Page{Kind: "archive", Path: "archive/", Title: "Archive", Days: b.m.Days, Threads: b.m.Threads,
		Description: fmt.Sprintf("Every day and every story of %s.", b.info.Title)}
	return b.page(p, lastmod(b.m.Now))
}

// searchPage is /search/: Pagefind's UI when the index is built, and in
// every case a plain form and links to browse by day, topic and outlet.
func (b *builder) searchPage() error {
	p := &Page{Kind: "search", Path: "search/", Title: "Search",
		Description: fmt.Sprintf("Search every story and article of %s.", b.info.Title)}
	return b.page(p, lastmod(b.m.Now))
}

func (b *builder) notFound() error {
	p := &Page{Kind: "404", Path: "404/", Title: "Page not found", NoIndex: true, Threads: limitThreads(b.m.Threads, 5),
		Description: "This page does not exist."}
	return b.page(p, sitemapTime{})
}

func limitDays(ds []*Day, n int) []*Day {
	if len(ds) > n {
		return ds[:n]
	}
	return ds
}

func limitThreads(ts []*Thread, n int) []*Thread {
	if len(ts) > n {
		return ts[:n]
	}
	return ts
}

type ldItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	URL      string `json:"url"`
	Name     string `json:"name,omitempty"`
}

type ldItemList struct {
	Context string   `json:"@context,omitempty"`
	Type    string   `json:"@type"`
	Items   []ldItem `json:"itemListElement"`
}

func collection(info *SiteInfo, p *Page, as []*Article) map[string]any {
	n := min(len(as), 100)
	items := make([]ldItem, n)
	for i, a := range as[:n] {
		items[i] = ldItem{Type: "ListItem", Position: i + 1, URL: info.BaseURL + a.Path, Name: a.Title}
	}
	return map[string]any{
		"@context": "https://schema.org", "@type": "CollectionPage", "name": p.Title, "url": info.BaseURL + p.Path,
		"mainEntity": ldItemList{Type: "ItemList", Items: items},
	}
}

func summaryOr(s, alt string) string {
	if s = strings.TrimSpace(s); s != "" {
		return truncate(s, 300)
	}
	return alt
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// truncate cuts s to at most n bytes at a word boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := s[:n]
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.ToValidUTF8(strings.TrimRight(cut, " ,;:"), "") + "…"
}
