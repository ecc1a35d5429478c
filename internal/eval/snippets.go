package eval

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// SnippetPage is one page of trafilatura's evaluation (github.com/adbar/
// trafilatura, tests/): a page and short pieces of its text that an
// extraction must contain (With) and must not contain (Without), chosen
// by trafilatura's authors at the edges of the article and in its
// boilerplate.
type SnippetPage struct {
	URL, File     string
	With, Without []string
	path          string // the page's file, under cache/ or eval/
}

// HTML returns the page's bytes as stored.
func (p SnippetPage) HTML() ([]byte, error) {
	b, err := os.ReadFile(p.path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return b, nil
}

// HeldOut reports whether the page belongs to the half of the suite that
// rules are never developed on. The halves are fixed by the page's file
// name, so a page stays on its side across versions of the suite.
func (p SnippetPage) HeldOut() bool {
	h := fnv.New32a()
	h.Write([]byte(p.File))
	return h.Sum32()%2 == 1
}

// SnippetSuite is trafilatura's evaluation as one version of it stores it.
type SnippetSuite struct {
	Pages []SnippetPage // sorted by URL
	// Normalize is set for the JSON version of the annotations
	// (evaldata.json), whose scorer collapses runs of white space in the
	// extraction and the snippets before matching; the older scorer
	// (comparison.py over evaldata.py) matched them as written.
	Normalize bool
}

// LoadTrafilatura reads trafilatura's evaluation from its tests folder:
// the annotations in DIR/evaldata.json or, in versions before mid-2024,
// DIR/evaldata.py (a Python dict literal, EVAL_PAGES = {url: {"file",
// "with", "without"}}), and the pages from DIR/cache or DIR/eval. An
// annotation whose file is empty is skipped, as trafilatura's scorers
// skip it; one whose file is missing is an error.
func LoadTrafilatura(dir string) (SnippetSuite, error) {
	type entry struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	var (
		entries map[string]entry
		suite   SnippetSuite
	)
	if b, err := os.ReadFile(filepath.Join(dir, "evaldata.json")); err == nil {
		if err := json.Unmarshal(b, &entries); err != nil {
			return suite, fmt.Errorf("eval: %s: %w", filepath.Join(dir, "evaldata.json"), err)
		}
		suite.Normalize = true
	} else if !os.IsNotExist(err) {
		return suite, fmt.Errorf("eval: %w", err)
	} else {
		path := filepath.Join(dir, "evaldata.py")
		b, err := os.ReadFile(path)
		if err != nil {
			if os.IsNotExist(err) {
				return suite, fmt.Errorf("eval: %s holds neither evaldata.json nor evaldata.py (name trafilatura's tests folder)", dir)
			}
			return suite, fmt.Errorf("eval: %w", err)
		}
		v, err := parsePythonAssignment(string(b))
		if err != nil {
			return suite, fmt.Errorf("eval: %s: %w", path, err)
		}
		m, ok := v.(map[string]any)
		if !ok {
			return suite, fmt.Errorf("eval: %s: the assigned value is not a dict", path)
		}
		entries = map[string]entry{}
		// In the order of the URLs, so that of several faults the same
		// one is named each run.
		for _, url := range slices.Sorted(maps.Keys(m)) {
			d, ok := m[url].(map[string]any)
			if !ok {
				return suite, fmt.Errorf("eval: %s: %q: not a dict", path, url)
			}
			var e entry
			// A missing or None value is empty, as null is in the JSON
			// version; a value of another type is an error there and here.
			if f, ok := d["file"].(string); ok || d["file"] == nil {
				e.File = f
			} else {
				return suite, fmt.Errorf("eval: %s: %q: file is not a string", path, url)
			}
			for _, f := range []struct {
				key string
				dst *[]string
			}{{"with", &e.With}, {"without", &e.Without}} {
				key := f.key
				l, ok := d[key].([]any)
				if !ok && d[key] != nil {
					return suite, fmt.Errorf("eval: %s: %q: %s is not a list", path, url, key)
				}
				for _, v := range l {
					str, ok := v.(string)
					if !ok {
						return suite, fmt.Errorf("eval: %s: %q: %s holds a non-string", path, url, key)
					}
					*f.dst = append(*f.dst, str)
				}
			}
			entries[url] = e
		}
	}
	for _, url := range slices.Sorted(maps.Keys(entries)) {
		e := entries[url]
		if e.File == "" {
			continue
		}
		if !filepath.IsLocal(e.File) {
			return suite, fmt.Errorf("eval: %s: page %q is not a file inside %s", url, e.File, dir)
		}
		p := SnippetPage{URL: url, File: e.File, With: e.With, Without: e.Without}
		for _, sub := range []string{"cache", "eval"} {
			if path := filepath.Join(dir, sub, e.File); fileExists(path) {
				p.path = path
				break
			}
		}
		if p.path == "" {
			return suite, fmt.Errorf("eval: %s: page %s is in neither %s/cache nor %s/eval", url, e.File, dir, dir)
		}
		suite.Pages = append(suite.Pages, p)
	}
	if len(suite.Pages) == 0 {
		return suite, fmt.Errorf("eval: %s: no annotated pages", dir)
	}
	return suite, nil // sorted by URL, as entries were read
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// Confusion counts snippets: With snippets found (TP) and missed (FN),
// Without snippets found (FP) and left out (TN).
type Confusion struct {
	TP, FP, FN, TN int
}

// Add returns the sum of two counts.
func (c Confusion) Add(o Confusion) Confusion {
	return Confusion{TP: c.TP + o.TP, FP: c.FP + o.FP, FN: c.FN + o.FN, TN: c.TN + o.TN}
}

// PRF returns precision, recall and F1 over the summed counts, as
// trafilatura's scorer reports them (F1 = 2TP / (2TP + FP + FN)).
func (c Confusion) PRF() PRF {
	var p PRF
	if c.TP+c.FP > 0 {
		p.P = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.TP+c.FN > 0 {
		p.R = float64(c.TP) / float64(c.TP+c.FN)
	}
	if d := 2*c.TP + c.FP + c.FN; d > 0 {
		p.F1 = float64(2*c.TP) / float64(d)
	}
	return p
}

// CountSnippets scores one extraction of the page: a snippet counts as
// found when it is a substring of the text (after collapsing white space
// on both sides when normalize is set).
func CountSnippets(p SnippetPage, text string, normalize bool) Confusion {
	if normalize {
		text = collapseSpace(text)
	}
	in := func(s string) bool {
		if normalize {
			s = collapseSpace(s)
		}
		return strings.Contains(text, s)
	}
	var c Confusion
	for _, s := range p.With {
		if in(s) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, s := range p.Without {
		if in(s) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}

// collapseSpace joins the words of s with single spaces, as Python's
// re.sub(r"\s+", " ", s).strip() does.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
