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
	size := b.opt.Config.Build.PageSize
	if size < 1 {
		size = 20
	}
	visible := b.m.Threads
	pages := max(1, (len(visible)+size-1)/size)
	var jobs []func() error
	for i := range pages {
		jobs = append(jobs, func() error {
			lo, hi := i*size, min((i+1)*size, len(visible))
			p := &Page{Kind: "home", Title: "", Description: orDefault(b.info.Description, "Top stories of "+b.info.Title+", each with its full coverage."), Threads: visible[lo:hi], Days: limitDays(b.m.Days, 7)}
			p.Pager = &Pager{Page: i + 1, Pages: pages}
			if i > 0 {
				p.Path = fmt.Sprintf("page/%d/", i+1)
				p.Title = fmt.Sprintf("Page %d", i+1)
				p.Pager.Prev = pagePath(i)
			}
			if i+1 < pages {
				p.Pager.Next = pagePath(i + 2)
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
			p.JSONLD = jsonLD(ld)
			return b.page(p, lastmod(b.m.Now))
		})
	}
	jobs = append(jobs, func() error { return b.writeFeeds("", b.info.Title, b.info.Description, "site", b.m.Articles) })
	jobs = append(jobs, b.searchPage)
	return jobs
}

func pagePath(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf("page/%d/", n)
}

func (b *builder) thread(t *Thread) error {
	own := feedLinks(t.Path, b.info)
	p := &Page{Kind: "thread", Path: t.Path, Title: t.Headline, Thread: t, Feeds: append(own, b.info.Feeds...), Follow: own, Description: summaryOr(t.Summary, t.Headline)}
	items := make([]ldItem, len(t.Articles))
	for i, a := range t.Articles {
		items[i] = ldItem{Type: "ListItem", Position: i + 1, URL: b.info.BaseURL + a.Path, Name: a.Title}
	}
	p.JSONLD = jsonLD(map[string]any{
		"@context": "https://schema.org", "@type": "CollectionPage", "name": t.Headline, "url": b.info.BaseURL + t.Path,
		"description": p.Description,
		"mainEntity":  ldItemList{Type: "ItemList", Items: items},
	})
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

func (b *builder) term(t *Term, label string) error {
	own := feedLinks(t.Path, b.info)
	p := &Page{Kind: "term", Path: t.Path, Title: t.Name, Term: t, Feeds: append(own, b.info.Feeds...), Follow: own, Heading: label,
		Description: fmt.Sprintf("%s: %s — %d stories, %d articles.", label, t.Name, len(t.Threads), len(t.Articles))}
	p.JSONLD = jsonLD(collection(b.info, p, t.Articles))
	var latest time.Time
	if len(t.Articles) > 0 {
		latest = t.Articles[0].Date
	}
	if err := b.page(p, lastmod(latest)); err != nil {
		return err
	}
	return b.writeFeeds(t.Path, b.info.Title+" — "+t.Name, p.Description, strings.ToLower(label)+":"+t.Slug, t.Articles)
}

func (b *builder) day(d *Day) error {
	p := &Page{Kind: "day", Path: d.Path, Title: d.Date.Format("2 January 2006"), Articles: d.Articles, Listed: d.Listed,
		Description: fmt.Sprintf("News of %s: %d articles.", d.Date.Format("2 January 2006"), len(d.Articles))}
	p.JSONLD = jsonLD(collection(b.info, p, d.Articles))
	return b.page(p, lastmod(d.Articles[0].Date))
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
