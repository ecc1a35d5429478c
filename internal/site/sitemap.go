package site

import (
	"bytes"
	"encoding/xml"
	"sort"
	"time"
)

// sitemapTime is a page's last change, from content dates.
type sitemapTime time.Time

func lastmod(t time.Time) sitemapTime { return sitemapTime(t) }

type sitemapEntry struct {
	Loc     string
	Lastmod sitemapTime
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	News    string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string       `xml:"loc"`
	Lastmod string       `xml:"lastmod,omitempty"`
	News    *newsSitemap `xml:"news:news,omitempty"`
}

type newsSitemap struct {
	Publication struct {
		Name     string `xml:"news:name"`
		Language string `xml:"news:language"`
	} `xml:"news:publication"`
	Date  string `xml:"news:publication_date"`
	Title string `xml:"news:title"`
}

// writeSitemaps writes sitemap.xml (every indexable page, with lastmod),
// news-sitemap.xml (the articles of the two days before the newest one,
// as Google News asks) and robots.txt pointing at both.
func (b *builder) writeSitemaps() error {
	entries := append([]sitemapEntry(nil), b.sitemap...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Loc < entries[j].Loc })
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, e := range entries {
		u := sitemapURL{Loc: e.Loc}
		if t := time.Time(e.Lastmod); !t.IsZero() {
			u.Lastmod = t.UTC().Format(time.RFC3339)
		}
		set.URLs = append(set.URLs, u)
	}
	if err := b.writeXML("sitemap.xml", set); err != nil {
		return err
	}

	news := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", News: "http://www.google.com/schemas/sitemap-news/0.9"}
	since := b.m.Now.Add(-48 * time.Hour)
	for _, a := range b.m.Articles {
		if a.Date.IsZero() || a.Date.Before(since) || a.Date.After(b.m.Now) || len(news.URLs) == 1000 {
			continue
		}
		n := &newsSitemap{Date: a.Date.UTC().Format(time.RFC3339), Title: a.Title}
		n.Publication.Name = b.info.Title
		n.Publication.Language = orDefault(a.Language, b.info.Language)
		news.URLs = append(news.URLs, sitemapURL{Loc: b.info.BaseURL + a.Path, News: n})
	}
	if err := b.writeXML("news-sitemap.xml", news); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + b.info.BaseURL + "sitemap.xml\nSitemap: " + b.info.BaseURL + "news-sitemap.xml\n"
	return b.out.Write("robots.txt", []byte(robots))
}

// writeXML writes v as an XML document. encoding/xml writes no spaces
// between elements, so a minified site gets the document as the minifier
// would leave it (no line breaks) without a pass over it: a large site's
// sitemap is megabytes, rewritten by every build.
func (b *builder) writeXML(name string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if b.out.Minify {
		buf.Truncate(buf.Len() - 1)
	}
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return err
	}
	if !b.out.Minify {
		buf.WriteByte('\n')
		return b.out.Write(name, buf.Bytes())
	}
	return b.out.WriteRaw(name, buf.Bytes())
}
