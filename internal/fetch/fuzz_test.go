package fetch

import (
	"testing"
)

// FuzzParseFeed feeds arbitrary bytes to the source parser (feeds, news
// sitemaps, HTML pages): it must return a feed or an error, never panic
// or hang, and every item link it gives must resolve to http(s).
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(rss("http://127.0.0.1", "/a.html", "/b.html")), "application/rss+xml")
	f.Add([]byte(`<?xml version="1.0"?><urlset><url><loc>http://x/1</loc><news:news><news:title>T</news:title><news:publication_date>2025-07-12</news:publication_date></news:news></url></urlset>`), "application/xml")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"http://x/1","title":"One"}]}`), "application/feed+json")
	f.Add([]byte(`<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>`), "text/html")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><link href="javascript:alert(1)"/></entry></feed>`), "")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		feed, err := parseFeed(&Response{URL: "http://127.0.0.1/feed", Body: body, ContentType: ct})
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if l := resolve(nil, it.Link); l != "" && l[:4] != "http" {
				t.Errorf("link %q", l)
			}
		}
	})
}
