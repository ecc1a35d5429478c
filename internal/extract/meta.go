package extract

import (
	"net/url"

	"golang.org/x/net/html"
)

func metadata(doc *html.Node, base *url.URL, c candidates) Result {
	return Result{Title: c.trafMeta.Title}
}
