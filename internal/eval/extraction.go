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
)

// Page is one page of an extraction data set in the Zyte benchmark layout:
// DIR/html/<id>.html.gz, DIR/text-dumps.json and DIR/ground-truth.json.
type Page struct {
	ID   string
	URL  string // the page's address, from the ground truth
	Dump string // the page's visible text, one block a line
	Want string // the article body people marked
	dir  string
}

// HTML returns the page as fetched, decompressed.
func (p Page) HTML() ([]byte, error) {
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
