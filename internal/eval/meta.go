package eval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MetaPage is one hand-labelled page of a metadata set (testdata/meta):
// the page as fetched and what a reader sees as its headline, publication
// day, outlet and language.
type MetaPage struct {
	Name   string   `json:"name"`
	File   string   `json:"file"`   // the page, relative to the set's folder; .gz is decompressed
	URL    string   `json:"url"`    // where it was fetched from, "" if unknown
	Title  string   `json:"title"`  // the headline, site name removed
	Date   string   `json:"date"`   // YYYY-MM-DD in the page's own time zone; "" when the page states none
	Outlet []string `json:"outlet"` // the publication's name; alternatives are equally right
	Lang   string   `json:"lang"`   // primary language subtag of the article's text
	Source string   `json:"source"` // which collection the page comes from
	Batch  string   `json:"batch"`  // the blind batch the page was labelled in, "" for the first pages
	dir    string
}

// HeldOut reports whether the page belongs to the held-out third of the
// set, which rules are never tuned on.
func (p MetaPage) HeldOut() bool {
	h := fnv.New32a()
	h.Write([]byte(p.Name))
	return h.Sum32()%3 == 0
}

// HTML returns the page's bytes.
func (p MetaPage) HTML() ([]byte, error) {
	path := filepath.Join(p.dir, filepath.FromSlash(p.File))
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	return out, nil
}

// LoadMeta reads DIR/labels.json.
func LoadMeta(dir string) ([]MetaPage, error) {
	var pages []MetaPage
	if err := readJSON(filepath.Join(dir, "labels.json"), &pages); err != nil {
		return nil, err
	}
	for i := range pages {
		pages[i].dir = dir
	}
	return pages, nil
}

// MetaGot is what a program found on a page.
type MetaGot struct {
	Title, Date, Outlet, Lang string
	Err                       error
}

// MetaScore counts right answers per field. Dates are counted only on
// pages whose label has one.
type MetaScore struct {
	Pages, Title, Outlet, Lang int
	Dated, Date                int
}

// Add scores one page.
func (s *MetaScore) Add(p MetaPage, g MetaGot) (title, date, outlet, lang bool) {
	s.Pages++
	title = SameHeadline(p.Title, g.Title)
	outlet = false
	for _, o := range p.Outlet {
		if SameName(o, g.Outlet) {
			outlet = true
		}
	}
	lang = strings.EqualFold(primary(p.Lang), primary(g.Lang))
	date = true
	if p.Date != "" {
		s.Dated++
		date = g.Date == p.Date
		if date {
			s.Date++
		}
	}
	for _, ok := range []struct {
		hit bool
		n   *int
	}{{title, &s.Title}, {outlet, &s.Outlet}, {lang, &s.Lang}} {
		if ok.hit {
			*ok.n++
		}
	}
	return title, date, outlet, lang
}

// Share returns the fractions right: headline, date, outlet, language.
func (s MetaScore) Share() (title, date, outlet, lang float64) {
	f := func(n, d int) float64 {
		if d == 0 {
			return 0
		}
		return float64(n) / float64(d)
	}
	return f(s.Title, s.Pages), f(s.Date, s.Dated), f(s.Outlet, s.Pages), f(s.Lang, s.Pages)
}

func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(strings.TrimSpace(tag))
}

// SameHeadline compares headlines as a reader would: Unicode forms,
// typographic quotes and dashes, spacing and letter case do not matter.
func SameHeadline(want, got string) bool {
	return foldText(want) == foldText(got) && foldText(want) != ""
}

// SameName compares outlet names, ignoring case, spacing, punctuation and
// a leading "The".
func SameName(want, got string) bool {
	w, g := foldName(want), foldName(got)
	return w != "" && w == g
}

func foldText(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '‘', '’', '‚', '‛', '′', '`', '´':
			r = '\''
		case '“', '”', '„', '‟', '″', '«', '»':
			r = '"'
		case '–', '—', '−', '‒':
			r = '-'
		case '…':
			b.WriteString("...")
			space = false
			continue
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimRight(b.String(), " .")
}

func foldName(s string) string {
	s = foldText(s)
	s = strings.TrimPrefix(s, "the ")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LoadHTMLDate reads the date evaluation of htmldate (github.com/adbar/htmldate,
// its tests/ folder): eval_default.json, whose pages are in eval/ or
// cache/, and eval_mediacloud_2020.json, whose pages are in test_set/.
// Only dates are labelled; entries without a day are left out.
func LoadHTMLDate(dir string) ([]MetaPage, error) {
	var pages []MetaPage
	for _, set := range []struct {
		file, source string
		folders      []string
	}{
		{"eval_default.json", "htmldate default", []string{"eval", "cache"}},
		{"eval_mediacloud_2020.json", "htmldate mediacloud", []string{"test_set"}},
	} {
		b, err := os.ReadFile(filepath.Join(dir, set.file))
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		// The file writes a missing date as NaN, which JSON does not have.
		b = bytes.ReplaceAll(b, []byte(": NaN"), []byte(": null"))
		var labels map[string]struct {
			File string  `json:"file"`
			Date *string `json:"date"`
		}
		if err := json.Unmarshal(b, &labels); err != nil {
			return nil, fmt.Errorf("eval: %s: %w", set.file, err)
		}
		for u, l := range labels {
			if l.Date == nil || len(*l.Date) != len("2006-01-02") {
				continue
			}
			for _, f := range set.folders {
				rel := filepath.ToSlash(filepath.Join(f, l.File))
				if _, err := os.Stat(filepath.Join(dir, rel)); err == nil {
					pages = append(pages, MetaPage{Name: rel, File: rel, URL: u, Date: *l.Date, Source: set.source, dir: dir})
					break
				}
			}
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Name < pages[j].Name })
	if len(pages) == 0 {
		return nil, fmt.Errorf("eval: %s holds no htmldate evaluation pages (eval_default.json with eval/ and cache/, eval_mediacloud_2020.json with test_set/)", dir)
	}
	return pages, nil
}
