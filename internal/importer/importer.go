// Package importer is the import stage: it reads raw scraped files
// (ingest), recovers each article (clean for text dumps, extract for HTML,
// records as given), resolves metadata (meta), recognises articles it has
// already imported, threads the new ones against the threads already in
// content/ (thread), and writes them to the content store (content).
package importer

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/digest-news/digest/internal/clean"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/ingest"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/thread"
)

// Options configures an import.
type Options struct {
	ContentDir  string         // the content folder
	MaxFileSize int64          // raw files larger than this are refused
	Timeout     time.Duration  // per raw item; 0 means 10 s
	Thread      thread.Options // threading settings
	// Progress, when set, is called after each raw file is read.
	Progress func(done, total int)
}

// Summary counts what an import did.
type Summary struct {
	Imported  int // new article files
	Updated   int // the tool's own files rewritten with new content
	Unchanged int // already imported exactly so
	Skipped   int // duplicates of other articles, and files edited by hand
	Failed    int // raw files or records that could not be imported
}

func (s Summary) String() string {
	return fmt.Sprintf("%d imported, %d unchanged, %d updated, %d skipped, %d failed", s.Imported, s.Unchanged, s.Updated, s.Skipped, s.Failed)
}

// Notice is something an editor should know that is not a failure: a
// duplicate skipped, a hand-edited file left alone.
type Notice struct {
	Origin string
	Msg    string
}

func (n Notice) String() string { return n.Origin + ": " + n.Msg }

// Result is what Run reports.
type Result struct {
	Summary Summary
	Errors  []error  // each names the file (and line) and what is wrong
	Notices []Notice // skipped duplicates and hand-edited files
	Timings Timings  // where the time went
}

// Timings is the wall time of each phase of an import.
type Timings struct {
	Load    time.Duration // reading content/ as it was
	Read    time.Duration // reading and decoding the raw files
	Recover time.Duration // cleaning, extracting and metadata, on all cores
	Thread  time.Duration // dedupe and threading, in publication order
	Write   time.Duration // writing the article files, on all cores
}

func (t Timings) String() string {
	r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	return fmt.Sprintf("load %s, read %s, recover %s, thread %s, write %s", r(t.Load), r(t.Read), r(t.Recover), r(t.Thread), r(t.Write))
}

// Run imports the raw files and folders in paths into opt.ContentDir.
// One bad file never stops the batch: it is counted and reported.
func Run(ctx context.Context, paths []string, opt Options) (*Result, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Second
	}
	res := &Result{}
	mark := time.Now()
	lap := func(d *time.Duration) {
		now := time.Now()
		*d += now.Sub(mark)
		mark = now
	}
	existing, loadErrs := content.Load(os.DirFS(opt.ContentDir))
	for _, err := range loadErrs {
		res.Errors = append(res.Errors, fmt.Errorf("content/%w", err))
	}

	lap(&res.Timings.Load)
	files, ferrs := ingest.Files(paths)
	res.Errors = append(res.Errors, ferrs...)
	res.Summary.Failed += len(ferrs)

	// Read every raw file; the text dumps of the batch teach the cleaner
	// which lines are the sites' boilerplate.
	var items []ingest.Item
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		its, errs := ingest.ReadFile(f, ingest.Options{MaxFileSize: opt.MaxFileSize})
		items = append(items, its...)
		res.Errors = append(res.Errors, errs...)
		res.Summary.Failed += len(errs)
		if opt.Progress != nil {
			opt.Progress(i+1, len(files))
		}
	}
	var dumps []string
	for _, it := range items {
		if it.Kind == ingest.TextDump {
			dumps = append(dumps, it.Text)
		}
	}
	lap(&res.Timings.Read)
	bp := clean.LearnBoilerplate(dumps)
	dumps = nil // the raw texts go as soon as each item is read

	drafts := make([]*draft, len(items))
	errs := make([]error, len(items))
	parallel(ctx, len(items), func(i int) {
		drafts[i], errs[i] = assembleWithin(ctx, items[i], bp, opt)
		// Keep only what reports need of the raw item, so that memory
		// holds one batch's articles, not also their raw pages.
		items[i] = ingest.Item{Origin: items[i].Origin, Line: items[i].Line, Kind: items[i].Kind}
		if drafts[i] != nil {
			drafts[i].item = items[i]
		}
	})
	if err := ctx.Err(); err != nil {
		return res, err
	}
	var ok []*draft
	for i, d := range drafts {
		if errs[i] != nil {
			res.Errors = append(res.Errors, &ingest.Error{Path: items[i].Origin, Line: items[i].Line, Msg: errs[i].Error()})
			res.Summary.Failed++
			continue
		}
		ok = append(ok, d)
	}
	lap(&res.Timings.Recover)
	writes := merge(res, existing, ok, opt)
	lap(&res.Timings.Thread)
	writeAll(ctx, res, writes, opt)
	lap(&res.Timings.Write)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// assembleWithin bounds the time one item may take: a pathological page
// is reported, not allowed to hang the batch.
func assembleWithin(ctx context.Context, it ingest.Item, bp *clean.Boilerplate, opt Options) (*draft, error) {
	type out struct {
		d   *draft
		err error
	}
	ch := make(chan out, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- out{err: fmt.Errorf("could not be read (internal error: %v); please report it with the file", r)}
			}
		}()
		d, err := assemble(it, bp, opt.MaxFileSize)
		ch <- out{d, err}
	}()
	select {
	case o := <-ch:
		return o.d, o.err
	case <-time.After(opt.Timeout):
		return nil, fmt.Errorf("took longer than %s to read; raise import.timeout in digest.toml if the file is sound", opt.Timeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// parallel runs fn(0..n-1) on all cores.
func parallel(ctx context.Context, n int, fn func(i int)) {
	parallelN(ctx, n, runtime.GOMAXPROCS(0), fn)
}

// parallelN runs fn(0..n-1) on the given number of goroutines.
func parallelN(ctx context.Context, n, workers int, fn func(i int)) {
	workers = min(workers, max(n, 1))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// merge recognises drafts already in the content folder and threads the
// new ones in publication order. It returns the drafts to write.
func merge(res *Result, existing *content.Content, drafts []*draft, opt Options) []pending {
	var writes []pending
	byID := map[string]*news.Article{}
	byURL := map[string]*news.Article{}
	byOrigin := map[string]*news.Article{}
	byPrint := map[string]*news.Article{}
	for _, a := range existing.Articles {
		byID[a.ID] = a
		if c := canonicalURL(a.URL); c != "" {
			byURL[c] = a
		}
		if a.Origin != "" {
			byOrigin[a.Origin] = a
		}
	}

	// Threading is online and in publication order, so that the result
	// does not depend on the order of files or on how batches were split.
	sortByDate(drafts)
	t := thread.New(opt.Thread)
	known := append([]*news.Article(nil), existing.Articles...)
	sortArticles(known)
	for _, a := range known {
		if a.Thread != "" {
			t.Add(thread.Doc{ID: a.ID, Title: a.Title, Text: a.Body, Source: a.Source, Date: threadDate(a), Thread: a.Thread})
		}
	}

	seen := map[string]string{} // ids of this batch → origin
	for _, d := range drafts {
		a := &d.Article
		origin := d.item.Origin
		if d.item.Line > 0 {
			origin = fmt.Sprintf("%s:%d", origin, d.item.Line)
			a.Origin = origin
		}
		if first, dup := seen[a.ID]; dup {
			res.Notices = append(res.Notices, Notice{origin, "same article as " + first + " in this batch; skipped"})
			res.Summary.Skipped++
			continue
		}
		if other, dup := byPrint[d.fingerprint]; dup {
			res.Notices = append(res.Notices, Notice{origin, "same text as " + other.Origin + " in this batch; skipped"})
			res.Summary.Skipped++
			continue
		}
		seen[a.ID] = origin
		byPrint[d.fingerprint] = a

		prev := byID[a.ID]
		if prev == nil && a.URL != "" {
			prev = byURL[canonicalURL(a.URL)]
		}
		if prev == nil {
			prev = byOrigin[a.Origin]
		}
		if prev != nil && prev.Origin != a.Origin && prev.Origin != "" {
			// The same article, arrived again from another file or format.
			res.Notices = append(res.Notices, Notice{origin, "already imported as content/" + prev.Path + " (from " + prev.Origin + "); skipped"})
			res.Summary.Skipped++
			continue
		}
		if prev != nil {
			if prev.Edited {
				res.Notices = append(res.Notices, Notice{origin, "content/" + prev.Path + " was edited by hand; left as it is"})
				res.Summary.Skipped++
				continue
			}
			// The tool's own file: keep its id, file and thread.
			a.ID, a.Path, a.Thread = prev.ID, prev.Path, prev.Thread
			a.CopyOf = prev.CopyOf
			a.Tags = prev.Tags
		} else {
			as := t.Add(thread.Doc{ID: a.ID, Title: a.Title, Text: a.Body, Source: a.Source, Date: threadDate(a)})
			a.Thread, a.CopyOf = as.Thread, as.CopyOf
		}
		writes = append(writes, pending{d: d, origin: origin})
	}
	return writes
}

// pending is a draft to write, with the origin its notices name.
type pending struct {
	d      *draft
	origin string
}

// writeAll writes the articles as one batch (on all cores, one flush to
// disk for all), then reports the outcomes in publication order.
func writeAll(ctx context.Context, res *Result, writes []pending, opt Options) {
	articles := make([]*news.Article, len(writes))
	for i, w := range writes {
		articles[i] = &w.d.Article
	}
	var outcomes []content.WriteOutcome
	var errs []error
	if ctx.Err() == nil {
		outcomes, errs = content.WriteArticles(opt.ContentDir, articles)
	} else {
		outcomes, errs = make([]content.WriteOutcome, len(writes)), make([]error, len(writes))
		for i := range errs {
			errs[i] = ctx.Err()
		}
	}
	for i, w := range writes {
		d, a, origin, outcome, err := w.d, &w.d.Article, w.origin, outcomes[i], errs[i]
		if err != nil {
			res.Errors = append(res.Errors, &ingest.Error{Path: d.item.Origin, Line: d.item.Line, Msg: err.Error()})
			res.Summary.Failed++
			continue
		}
		switch outcome {
		case content.Created:
			res.Summary.Imported++
		case content.Updated:
			res.Summary.Updated++
		case content.Unchanged:
			res.Summary.Unchanged++
		case content.Kept:
			res.Notices = append(res.Notices, Notice{origin, "content/" + a.Path + " was edited by hand; left as it is"})
			res.Summary.Skipped++
		}
	}
}

// threadDate is the date threading may trust: a file's modification time
// says when it was scraped or copied, not when the story happened, so an
// article dated only by it is threaded as undated.
func threadDate(a *news.Article) time.Time {
	if a.DateSource == news.DateFromFile {
		return time.Time{}
	}
	return a.Date
}

func sortByDate(ds []*draft) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := &ds[i].Article, &ds[j].Article
		return lessArticle(a, b)
	})
}

func sortArticles(as []*news.Article) {
	sort.SliceStable(as, func(i, j int) bool { return lessArticle(as[i], as[j]) })
}

// lessArticle orders articles as threading sees them: by trusted date,
// undated last; then by origin, since scrapers name files in the order
// they fetched them, which tells an original from its copy when no date
// does; then by id. The order never depends on the order files were named
// on the command line.
func lessArticle(a, b *news.Article) bool {
	da, db := threadDate(a), threadDate(b)
	if da.IsZero() != db.IsZero() {
		return !da.IsZero()
	}
	if !da.Equal(db) {
		return da.Before(db)
	}
	if a.Origin != b.Origin {
		return a.Origin < b.Origin
	}
	return a.ID < b.ID
}
