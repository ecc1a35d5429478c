package extract

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Peers returns the article text each library finds on the page on its
// own, rendered as HTML renders the combination: the benchmark's
// reference columns. A library that fails gives "".
func Peers(r io.Reader, pageURL string) (trafilatura, readability string, err error) {
	raw, err := readPage(r, 0)
	if err != nil {
		return "", "", err
	}
	_, c, err := extract(raw, pageURL)
	return plainText(c.traf), plainText(c.read), err
}

// PageText returns the page's whole visible text as a plain-text dump of
// it would hold it: the <title> on the first line, then every block of the
// body, menus and footers included, one a line (hidden nodes, scripts
// and forms left out). The benchmark derives text dumps from pages that
// have none with it, to score the dump cleaner on them.
func PageText(r io.Reader) (string, error) {
	raw, err := readPage(r, 0)
	if err != nil {
		return "", err
	}
	doc, err := parse(decode(raw))
	if err != nil {
		return "", err
	}
	dropHidden(doc)
	var b strings.Builder
	if t := findFirst(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.DataAtom == atom.Title }); t != nil {
		b.WriteString(strings.Join(strings.Fields(textOf(t)), " "))
		b.WriteByte('\n')
	}
	b.WriteString(plainText(renderBlocks(bodyOf(doc), nil, nil)))
	return b.String(), nil
}
