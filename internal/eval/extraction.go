package eval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is one page of an extraction data set in the Zyte benchmark layout:
// DIR/html/<id>.html.gz, DIR/text-dumps.json and DIR/ground-truth.json.
type Page struct {
	ID   string
	URL  string // the page's address, from the ground truth
	Dump string // the page's visible text, one block a line
	Want string // the article body people marked
	dir  string
	path string // the page's file when not in the Zyte layout; not compressed
}

// HTML returns the page as fetched, decompressed.
func (p Page) HTML() ([]byte, error) {
	if p.path != "" {
		b, err := os.ReadFile(p.path)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		return b, nil
	}
	f, err := os.Open(filepath.Join(p.dir, "html", p.ID+".html.gz"))
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", p.ID, err)
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", p.ID, err)
	}
	return buf.Bytes(), nil
}

// LoadExtraction reads an extraction data set, pages sorted by id. A page
// without a text dump keeps Dump empty.
func LoadExtraction(dir string) ([]Page, error) {
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return nil, err
	}
	dumps := map[string]string{}
	if err := readJSON(filepath.Join(dir, "text-dumps.json"), &dumps); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	pages := make([]Page, 0, len(truth))
	for id, t := range truth {
		pages = append(pages, Page{ID: id, URL: t.URL, Dump: dumps[id], Want: t.ArticleBody, dir: dir})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// ReadabilityURL is the address Mozilla Readability's tests give every
// test page.
const ReadabilityURL = "http://fakehost/test/page.html"

// LoadReadability reads Mozilla Readability's test pages in their own
// layout: DIR/<name>/source.html and DIR/<name>/expected.html (the
// article Readability's authors expect). The expected article's text is
// the ground truth; every page's URL is ReadabilityURL.
func LoadReadability(dir string) ([]Page, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	var pages []Page
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		src := filepath.Join(dir, e.Name(), "source.html")
		want, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err != nil {
			continue
		}
		if _, err := os.Stat(src); err != nil {
			continue
		}
		pages = append(pages, Page{ID: e.Name(), URL: ReadabilityURL, Want: htmlText(want), dir: dir, path: src})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("eval: %s holds no test pages (<name>/source.html with <name>/expected.html)", dir)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// htmlText returns the text of an HTML fragment, one block a line.
func htmlText(b []byte) string {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return string(b)
	}
	var out strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			out.WriteString(n.Data)
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style:
				return
			case atom.P, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.Br, atom.Tr, atom.Pre, atom.Blockquote:
				out.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out.String()
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("eval: %s: %w", path, err)
	}
	return nil
}

// PageResult is one page's score.
type PageResult struct {
	ID    string
	Score ShingleScore
	Err   error
}

// ScorePages runs extract on every page and scores its text against the
// ground truth. A page whose extraction fails scores as an empty answer.
func ScorePages(pages []Page, extract func(Page) (string, error)) (PRF, []PageResult) {
	results := make([]PageResult, len(pages))
	scores := make([]ShingleScore, len(pages))
	for i, p := range pages {
		got, err := extract(p)
		scores[i] = Shingles(p.Want, got)
		results[i] = PageResult{ID: p.ID, Score: scores[i], Err: err}
	}
	return MeanShingles(scores), results
}
