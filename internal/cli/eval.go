package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/clean"
	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/eval"
	"github.com/digest-news/digest/internal/extract"
	"github.com/digest-news/digest/internal/importer"
	"github.com/digest-news/digest/internal/ingest"
	"github.com/digest-news/digest/internal/news"
)

func evalCommand() *command {
	return &command{
		name: "eval", args: "extract [DIR] | meta [DIR] | threads FILE...",
		short: "score the cleaner, the extractor and the threader on labelled data",
		long: `
digest eval extract [--suite zyte|readability|trafilatura] [DIR]
    scores the text-dump cleaner and the HTML extractor on a data set in the
    Zyte benchmark layout (DIR/html/*.html.gz, text-dumps.json,
    ground-truth.json; default testdata/extraction/dev), or on Mozilla
    Readability's test pages (--suite readability: DIR/<name>/source.html
    and expected.html; default testdata/extraction/readability, a subset),
    with the benchmark's shingle precision, recall and F1; go-trafilatura and
    go-readability alone are scored beside digest in the same run. Mozilla's
    pages have no text dumps: each page's whole visible text (its title,
    then every block, menus and footer included) is taken as its dump.
    --suite trafilatura scores the HTML extractor on trafilatura's own
    evaluation (DIR: the tests folder of github.com/adbar/trafilatura,
    evaldata.json or evaldata.py over cache/ and eval/) its own way:
    precision, recall and F1 of the snippets each page's text must and
    must not contain, for all pages and for the halves rules were
    developed on and held out from; the cleaner is scored the same way on
    each page's whole visible text taken as its dump.
digest eval meta [--suite labelled|htmldate] [DIR]
    imports every hand-labelled page of DIR (default testdata/meta:
    labels.json and the pages it names) as one batch, exactly as digest
    import reads a folder of .html files, and prints the share of
    headlines, publication days, outlets and languages that match the
    labels, for the whole set, the pages rules were developed on, and the
    held-out third; --pages lists every miss. --suite htmldate scores the
    publication days only, on htmldate's date evaluation (DIR: the tests
    folder of github.com/adbar/htmldate).
digest eval threads FILE...
    imports each labelled JSON Lines file (fields id, title, text, date,
    source, url, story) exactly as ` + "`digest import`" + ` would, with the
    site's settings, into an empty temporary content folder, reads each
    article's thread back from its front matter and prints BCubed and
    pairwise precision, recall and F1 against the labelled stories. A record
    the import refuses counts as a story of its own.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			kind := fs.String("kind", "both", "for extract: text, html or both")
			suite := fs.String("suite", "zyte", "for extract: the data set's layout, zyte (DIR/html, text-dumps.json, ground-truth.json), readability (Mozilla Readability's test/test-pages: DIR/<name>/source.html and expected.html) or trafilatura (trafilatura's tests folder: snippets that must be in or out of the text); for meta: labelled (default) or htmldate (htmldate's tests folder, dates only)")
			pages := fs.Bool("pages", false, "for extract: print every page's score, worst first")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usageError{"say what to evaluate: extract, meta or threads"}
				}
				// Flags may also follow the evaluation's name.
				if len(args) > 1 {
					if err := fs.Parse(args[1:]); err != nil {
						return usageError{err.Error()}
					}
					args = append(args[:1:1], fs.Args()...)
				}
				switch args[0] {
				case "extract":
					dir := "testdata/extraction/dev"
					if *suite == "readability" {
						dir = "testdata/extraction/readability"
					}
					if len(args) > 1 {
						dir = args[1]
					}
					if *suite == "trafilatura" {
						if len(args) < 2 {
							return usageError{"--suite trafilatura: name trafilatura's tests folder"}
						}
						return evalSnippets(e, dir, *pages)
					}
					return evalExtract(e, dir, *suite, *kind, *pages)
				case "meta":
					dir := "testdata/meta"
					if len(args) > 1 {
						dir = args[1]
					}
					s := *suite
					if s == "zyte" { // the flag's default is extract's
						s = "labelled"
					}
					if s == "htmldate" && len(args) < 2 {
						return usageError{"--suite htmldate: name htmldate's tests folder"}
					}
					return evalMeta(e, dir, s, *pages)
				case "threads":
					if len(args) < 2 {
						return usageError{"name one or more labelled .jsonl files"}
					}
					cfg, err := e.loadConfig()
					if err != nil {
						return err
					}
					return evalThreads(ctx, e, cfg, args[1:])
				}
				return usageError{fmt.Sprintf("unknown evaluation %q; use extract, meta or threads", args[0])}
			}
		},
	}
}

func evalExtract(e *env, dir, suite, kind string, perPage bool) error {
	if kind != "text" && kind != "html" && kind != "both" {
		return usageError{fmt.Sprintf("--kind %q: use text, html or both", kind)}
	}
	var pages []eval.Page
	var err error
	switch suite {
	case "zyte":
		pages, err = eval.LoadExtraction(dir)
	case "readability":
		pages, err = eval.LoadReadability(dir)
		if err == nil && kind != "html" {
			// The suite has no text dumps: each is derived from its
			// page, the whole visible text as a scraper dumps it, and
			// scored against the page's expected article like the HTML.
			err = derivePageDumps(pages)
		}
	default:
		return usageError{fmt.Sprintf("--suite %q: use zyte, readability or trafilatura", suite)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%-28s %6s %6s %6s  (%d pages)\n", "extraction", "P", "R", "F1", len(pages))
	if kind != "html" {
		var dumps []string
		for _, p := range pages {
			dumps = append(dumps, p.Dump)
		}
		bp := clean.LearnBoilerplate(dumps)
		prf, res := eval.ScorePages(pages, func(p eval.Page) (string, error) {
			return clean.Dump(p.Dump, clean.Options{Boilerplate: bp}).Text(), nil
		})
		report(e, "text dumps (clean)", prf, res, perPage)
		base, _ := eval.ScorePages(pages, func(p eval.Page) (string, error) { return p.Dump, nil })
		report(e, "text dumps (unchanged)", base, nil, false)
	}
	if kind != "text" {
		prf, res := eval.ScorePages(pages, func(p eval.Page) (string, error) {
			b, err := p.HTML()
			if err != nil {
				return "", err
			}
			r, err := extract.HTML(bytes.NewReader(b), p.URL, extract.Options{})
			return r.Text, err
		})
		report(e, "html (extract)", prf, res, perPage)
		var traf, read []string
		for _, p := range pages {
			b, err := p.HTML()
			if err != nil {
				return err
			}
			t, r, _ := extract.Peers(bytes.NewReader(b), p.URL)
			traf, read = append(traf, t), append(read, r)
		}
		i := 0
		tp, _ := eval.ScorePages(pages, func(eval.Page) (string, error) { i++; return traf[i-1], nil })
		report(e, "html (go-trafilatura alone)", tp, nil, false)
		i = 0
		rp, _ := eval.ScorePages(pages, func(eval.Page) (string, error) { i++; return read[i-1], nil })
		report(e, "html (go-readability alone)", rp, nil, false)
	}
	return nil
}

// derivePageDumps fills in each page's text dump from its HTML
// (extract.PageText).
func derivePageDumps(pages []eval.Page) error {
	for i := range pages {
		b, err := pages[i].HTML()
		if err != nil {
			return err
		}
		if pages[i].Dump, err = extract.PageText(bytes.NewReader(b)); err != nil {
			return fmt.Errorf("eval: deriving the text dump of %s: %w", pages[i].ID, err)
		}
	}
	return nil
}

func report(e *env, name string, prf eval.PRF, res []eval.PageResult, perPage bool) {
	fmt.Fprintf(e.stdout, "%-28s %6.3f %6.3f %6.3f\n", name, prf.P, prf.R, prf.F1)
	if !perPage {
		return
	}
	sorted := append([]eval.PageResult(nil), res...)
	sort.SliceStable(sorted, func(i, j int) bool { return f1(sorted[i].Score) < f1(sorted[j].Score) })
	for _, r := range sorted {
		msg := ""
		if r.Err != nil {
			msg = "  error: " + r.Err.Error()
		}
		fmt.Fprintf(e.stdout, "  %s %6.3f %6.3f %6.3f%s\n", r.ID[:min(len(r.ID), 12)], r.Score.Precision(), r.Score.Recall(), f1(r.Score), msg)
	}
}

func f1(s eval.ShingleScore) float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// evalMeta scores the metadata an import recovers from each labelled
// page.
func evalMeta(e *env, dir, suite string, perPage bool) error {
	var pages []eval.MetaPage
	var err error
	switch suite {
	case "labelled":
		pages, err = eval.LoadMeta(dir)
	case "htmldate":
		pages, err = eval.LoadHTMLDate(dir)
	default:
		return usageError{fmt.Sprintf("--suite %q: for meta, use labelled or htmldate", suite)}
	}
	if err != nil {
		return err
	}
	mod := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	groups := map[string]*eval.MetaScore{}
	names := []string{"all", "developed on", "held out"}
	var sources []string
	add := func(name string, p eval.MetaPage, g eval.MetaGot) (bool, bool, bool, bool) {
		s := groups[name]
		if s == nil {
			s = &eval.MetaScore{}
			groups[name] = s
			if !slices.Contains(names, name) {
				sources = append(sources, name)
			}
		}
		return s.Add(p, g)
	}
	// The pages are imported as one batch, as `digest import` imports a
	// folder of them: what an outlet's pages share is seen across them.
	var items []ingest.Item
	at := make([]int, len(pages)) // the index of each page's item, -1 when it could not be read
	readErrs := make([]error, len(pages))
	for i, p := range pages {
		at[i] = -1
		b, err := p.HTML()
		if err == nil {
			its, errs := ingest.Parse(p.Name+".html", ingest.HTMLPage, b, mod)
			if len(errs) > 0 {
				err = errs[0]
			} else {
				at[i] = len(items)
				items = append(items, its[0])
			}
		}
		readErrs[i] = err
	}
	articles, errs := importer.RecoverBatch(context.Background(), items)
	var misses []string
	for i, p := range pages {
		g := eval.MetaGot{}
		err := readErrs[i]
		if j := at[i]; j >= 0 {
			a := articles[j]
			err = errs[j]
			g.Title, g.Outlet, g.Lang = a.Title, a.Source, a.Language
			if !a.Date.IsZero() && a.DateSource != news.DateFromFile {
				g.Date = a.Date.Format("2006-01-02")
			}
		}
		g.Err = err
		part := "developed on"
		if p.HeldOut() {
			part = "held out"
		}
		add("all", p, g)
		add(part, p, g)
		t, d, o, l := add(p.Source, p, g)
		if p.Batch != "" {
			add("batch "+p.Batch, p, g)
		}
		if perPage {
			for _, m := range []struct {
				ok         bool
				field      string
				want, have string
			}{{t, "title", p.Title, g.Title}, {d, "date", p.Date, g.Date}, {o, "outlet", strings.Join(p.Outlet, " | "), g.Outlet}, {l, "lang", p.Lang, g.Lang}} {
				if !m.ok && (suite != "htmldate" || m.field == "date") {
					misses = append(misses, fmt.Sprintf("  %-22s %-6s want %q got %q", p.Name, m.field, m.want, m.have))
				}
			}
			if err != nil {
				misses = append(misses, fmt.Sprintf("  %-22s error  %v", p.Name, err))
			}
		}
	}
	sort.Strings(sources)
	if suite == "htmldate" {
		// Only the dates are labelled; the set has no held-out part.
		fmt.Fprintf(e.stdout, "%-20s %6s %6s\n", "dates", "pages", "date")
		for _, n := range append([]string{"all"}, sources...) {
			s := groups[n]
			_, d, _, _ := s.Share()
			fmt.Fprintf(e.stdout, "%-20s %6d %6.3f\n", n, s.Dated, d)
		}
		for _, m := range misses {
			fmt.Fprintln(e.stdout, m)
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "%-14s %6s %8s %6s %6s %6s\n", "metadata", "pages", "headline", "date", "outlet", "lang")
	for _, n := range append(names, sources...) {
		s := groups[n]
		if s == nil {
			continue
		}
		t, d, o, l := s.Share()
		fmt.Fprintf(e.stdout, "%-14s %6d %8.3f %6.3f %6.3f %6.3f\n", n, s.Pages, t, d, o, l)
	}
	for _, m := range misses {
		fmt.Fprintln(e.stdout, m)
	}
	return nil
}

// evalThreads imports each labelled file as `digest import` would and
// prints its scores.
func evalThreads(ctx context.Context, e *env, cfg config.Config, files []string) error {
	imp := func(ctx context.Context, paths []string, contentDir, cacheDir string) (eval.ImportResult, error) {
		res, err := importer.Run(ctx, paths, importOptions(cfg, contentDir, cacheDir))
		if err != nil {
			return eval.ImportResult{}, err
		}
		return eval.ImportResult{Failed: res.Summary.Failed, Errors: res.Errors, SameAs: res.Duplicates()}, nil
	}
	fmt.Fprintf(e.stdout, "%-28s %6s %8s %21s %21s\n", "", "", "imported", "BCubed P / R / F1", "pairwise P / R / F1")
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		sc, err := eval.ImportThreads(ctx, f, "", imp)
		if err != nil {
			return err
		}
		b, p := sc.BCubed, sc.Pairwise
		fmt.Fprintf(e.stdout, "%-28s %6d %8d  %.3f %.3f %.3f    %.3f %.3f %.3f   (%s)\n", filepath.Base(f), sc.Articles, sc.Imported, b.P, b.R, b.F1, p.P, p.R, p.F1, time.Since(start).Round(time.Millisecond))
		if sc.Duplicates > 0 {
			fmt.Fprintf(e.stdout, "  %d records skipped as duplicates of others, scored in their threads\n", sc.Duplicates)
		}
		if sc.Failed > 0 {
			first := ""
			if len(sc.Errors) > 0 {
				first = "; the first: " + sc.Errors[0].Error()
			}
			fmt.Fprintf(e.stdout, "  %d records refused by the import%s\n", sc.Failed, first)
		}
	}
	return nil
}

// evalSnippets scores the HTML extractor, and go-trafilatura alone, on
// trafilatura's evaluation in its own way: the snippets each page's text
// must and must not contain, counted over all pages.
func evalSnippets(e *env, dir string, perPage bool) error {
	suite, err := eval.LoadTrafilatura(dir)
	if err != nil {
		return err
	}
	type side struct{ all, dev, held eval.Confusion }
	var ours, peer side
	add := func(s *side, p eval.SnippetPage, c eval.Confusion) {
		s.all = s.all.Add(c)
		if p.HeldOut() {
			s.held = s.held.Add(c)
		} else {
			s.dev = s.dev.Add(c)
		}
	}
	type miss struct {
		n    int // snippets missed or kept
		text string
	}
	var misses []miss
	var dumps []string
	nHeld := 0
	for _, p := range suite.Pages {
		if p.HeldOut() {
			nHeld++
		}
		b, err := p.HTML()
		if err != nil {
			return err
		}
		// A page the extractor falls back on is scored on the fallback's
		// text, which is what an import keeps; one it fails on outright
		// has no text and scores as an empty answer, as trafilatura's
		// scorer counts a crash.
		r, _ := extract.HTML(bytes.NewReader(b), p.URL, extract.Options{})
		c := eval.CountSnippets(p, r.Text, suite.Normalize)
		add(&ours, p, c)
		t, _, _ := extract.Peers(bytes.NewReader(b), p.URL)
		add(&peer, p, eval.CountSnippets(p, t, suite.Normalize))
		// The page's text dump, for the cleaner (never tuned on these
		// pages): scored below, once the batch's boilerplate is known.
		d, _ := extract.PageText(bytes.NewReader(b))
		dumps = append(dumps, d)
		if perPage && (c.FN > 0 || c.FP > 0) {
			part := "dev "
			if p.HeldOut() {
				part = "held"
			}
			m := fmt.Sprintf("  %s %s", part, p.File)
			// Each miss says whether go-trafilatura alone got it right.
			peerNote := func(one eval.SnippetPage) string {
				if pc := eval.CountSnippets(one, t, suite.Normalize); pc.TP+pc.TN > 0 {
					return "  (go-trafilatura right)"
				}
				return ""
			}
			for _, s := range p.With {
				one := eval.SnippetPage{With: []string{s}}
				if eval.CountSnippets(one, r.Text, suite.Normalize).FN > 0 {
					m += fmt.Sprintf("\n      missing %q%s", s, peerNote(one))
				}
			}
			for _, s := range p.Without {
				one := eval.SnippetPage{Without: []string{s}}
				if eval.CountSnippets(one, r.Text, suite.Normalize).FP > 0 {
					m += fmt.Sprintf("\n      kept    %q%s", s, peerNote(one))
				}
			}
			misses = append(misses, miss{c.FN + c.FP, m})
		}
	}
	// The dumps are cleaned as `digest import` cleans a folder of them,
	// with the boilerplate learnt across the batch.
	var cleaned side
	bp := clean.LearnBoilerplate(dumps)
	for i, p := range suite.Pages {
		add(&cleaned, p, eval.CountSnippets(p, clean.Dump(dumps[i], clean.Options{Boilerplate: bp}).Text(), suite.Normalize))
	}
	fmt.Fprintf(e.stdout, "%-28s %6s %6s %6s  (%d pages: %d developed on, %d held out)\n", "trafilatura's evaluation", "P", "R", "F1", len(suite.Pages), len(suite.Pages)-nHeld, nHeld)
	for _, r := range []struct {
		name string
		s    side
	}{{"html (extract)", ours}, {"html (go-trafilatura alone)", peer}, {"text dumps (clean)", cleaned}} {
		report(e, r.name, r.s.all.PRF(), nil, false)
		report(e, "  developed on", r.s.dev.PRF(), nil, false)
		report(e, "  held out", r.s.held.PRF(), nil, false)
	}
	// Worst first, as --pages promises; pages tie in URL order.
	sort.SliceStable(misses, func(i, j int) bool { return misses[i].n > misses[j].n })
	for _, m := range misses {
		fmt.Fprintln(e.stdout, m.text)
	}
	return nil
}
