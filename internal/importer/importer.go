// Package importer is the import stage: it reads raw scraped files
// (ingest), recovers each article (clean for text dumps, extract for HTML,
// records as given), resolves metadata (meta), recognises articles it has
// already imported, threads the new ones against the threads already in
// content/ (thread), and writes them to the content store (content).
package importer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/digest-news/digest/internal/clean"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/ingest"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/thread"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// Options configures an import.
type Options struct {
	ContentDir  string // the content folder
	MaxFileSize int64  // raw files larger than this are refused
	// MaxArticleSize bounds one raw article (a page, a dump, a record's
	// html or text): a larger one is refused before any work on it.
	// 0 means DefaultMaxArticleSize.
	MaxArticleSize int64
	Timeout        time.Duration  // per raw item; 0 means 10 s
	Thread         thread.Options // threading settings
	// CacheDir, when set, keeps what an import learnt of content/ (each
	// file parsed and analysed for threading, by its hash) for the next
	// one, which then reads and analyses only the files that changed.
	// A stale or damaged cache is ignored.
	CacheDir string
	// Progress, when set, is called after each raw file is read.
	Progress func(done, total int)
	// Items are raw items already in memory (pages digest fetch got),
	// imported with the files in one batch. Their Origin names them in
	// reports (a URL).
	Items []ingest.Item
}

// Summary counts what an import did.
type Summary struct {
	Imported  int // new article files
	Updated   int // the tool's own files rewritten with new content
	Unchanged int // already imported exactly so
	Skipped   int // duplicates of other articles, and files edited by hand
	Failed    int // raw files or records that could not be imported
	// Moved counts the articles already in the site that the batch,
	// deciding their threads again with its own, moved to another
	// thread (or marked otherwise as a copy).
	Moved int
	// FileDated counts the articles the import wrote (imported or
	// updated, after dedupe) that state no date anywhere and were dated
	// by their file's modification time; LeadTitled those that had no
	// headline and were given their lead's.
	FileDated, LeadTitled int
}

func (s Summary) String() string {
	out := fmt.Sprintf("%d imported, %d unchanged, %d updated, %d skipped, %d failed", s.Imported, s.Unchanged, s.Updated, s.Skipped, s.Failed)
	if s.FileDated > 0 {
		out += fmt.Sprintf("; %d dated by file time", s.FileDated)
	}
	if s.LeadTitled > 0 {
		out += fmt.Sprintf("; %d headlines taken from the lead", s.LeadTitled)
	}
	if s.Moved > 0 {
		out += fmt.Sprintf("; %d earlier articles rethreaded", s.Moved)
	}
	return out
}

// Notice is something an editor should know that is not a failure: a
// duplicate skipped, a hand-edited file left alone.
type Notice struct {
	Origin string
	Msg    string
	// SameAs is the id of the article a skipped duplicate repeats.
	SameAs string
}

func (n Notice) String() string { return n.Origin + ": " + n.Msg }

// Result is what Run reports.
type Result struct {
	Summary Summary
	Errors  []error  // each names the file (and line) and what is wrong
	Notices []Notice // skipped duplicates and hand-edited files
	// Warnings are articles imported with something an editor should
	// check, such as a headline derived from the lead.
	Warnings []Notice
	Timings  Timings // where the time went
}

// Timings is the wall time of each phase of an import.
type Timings struct {
	Load time.Duration // reading content/ as it was
	// Read is reading the text dumps a first time, to learn their
	// boilerplate lines.
	Read time.Duration
	// Recover is reading every raw file and recovering its articles
	// (cleaning, extracting, metadata), on all cores.
	Recover time.Duration
	// Thread is dedupe and threading, in publication order, and writing
	// the threaded articles under temporary names, on all cores.
	Thread time.Duration
	Write  time.Duration // putting the files in place, and the cache
}

func (t Timings) String() string {
	r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	return fmt.Sprintf("load %s, read %s, recover %s, thread %s, write %s", r(t.Load), r(t.Read), r(t.Recover), r(t.Thread), r(t.Write))
}

// Run imports the raw files and folders in paths into opt.ContentDir.
// One bad file never stops the batch: it is counted and reported.
func Run(ctx context.Context, paths []string, opt Options) (*Result, error) {
	if opt.Thread.Batch == "" {
		// An import's new articles are threaded as a batch.
		opt.Thread.Batch = thread.Average
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Second
	}
	gc := newCollector()
	defer gc.restore()
	res := &Result{}
	mark := time.Now()
	lap := func(d *time.Duration) {
		now := time.Now()
		*d += now.Sub(mark)
		mark = now
	}
	fsys := os.DirFS(opt.ContentDir)
	cache := loadCache(opt.CacheDir, opt.Thread)
	// Without a cache nothing is trusted by its stat, but the stats are
	// taken, for the next import's cache.
	trust := time.Unix(0, 1)
	var memo content.Memo
	if cache != nil {
		memo, trust = cache.Memo, cache.SavedAt.Add(-2*time.Second) // beyond any file system's clock resolution
	}
	existing, memo, loadErrs := content.LoadLazy(fsys, memo, trust)
	for _, err := range loadErrs {
		res.Errors = append(res.Errors, fmt.Errorf("content/%w", err))
	}

	lap(&res.Timings.Load)
	files, ferrs := ingest.Files(paths)
	res.Errors = append(res.Errors, ferrs...)
	res.Summary.Failed += len(ferrs)

	// The text dumps of the batch teach the cleaner which lines are the
	// sites' boilerplate, so they are read twice: once to learn it, then
	// again, a window of files at a time, to recover their articles. A
	// batch so never holds all its raw pages at once (at 100,000 dumps,
	// 900 MB), only its articles.
	gc.recovering()
	bp := learnBoilerplate(ctx, files, opt)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	lap(&res.Timings.Read)
	// The bodies wait in the spill from their recovery until their
	// threading and writing, which need them in publication order.
	var sp *spill
	if opt.CacheDir != "" {
		sp = newSpill(opt.CacheDir)
		defer sp.remove()
	}
	var ok []*draft
	var readErrs, recoverErrs []error
	var progress sync.Mutex
	done := 0
	for lo := 0; lo < len(files) || (lo == 0 && len(opt.Items) > 0); lo += readWindow {
		window := files[lo:min(lo+readWindow, len(files))]
		// Files are read on all cores (most of the time is the
		// system's), and their items kept in the order of the files.
		type read struct {
			items []ingest.Item
			errs  []error
		}
		reads := make([]read, len(window))
		parallel(ctx, len(window), func(i int) {
			reads[i].items, reads[i].errs = readWithin(ctx, window[i], opt, ingest.ReadFile)
			if opt.Progress != nil {
				progress.Lock()
				done++
				opt.Progress(done, len(files))
				progress.Unlock()
			}
		})
		if err := ctx.Err(); err != nil {
			return res, err
		}
		var items []ingest.Item
		if lo == 0 {
			items = append(items, opt.Items...)
			opt.Items = nil
		}
		for _, r := range reads {
			items = append(items, r.items...)
			readErrs = append(readErrs, r.errs...)
		}
		reads = nil
		drafts, errs := recoverWith(ctx, items, bp, opt)
		if err := ctx.Err(); err != nil {
			return res, err
		}
		for i, d := range drafts {
			if errs[i] != nil {
				recoverErrs = append(recoverErrs, &ingest.Error{Path: items[i].Origin, Line: items[i].Line, Msg: errs[i].Error()})
				continue
			}
			if sp != nil {
				d.body, d.spilled, d.Body = sp.addString(d.Body), true, ""
			}
			ok = append(ok, d)
		}
	}
	res.Errors = append(res.Errors, readErrs...)
	res.Errors = append(res.Errors, recoverErrs...)
	res.Summary.Failed += len(readErrs) + len(recoverErrs)
	cutSharedAffixes(ok)
	lap(&res.Timings.Recover)
	gc.threading()
	st := &state{fsys: fsys, existing: existing, cache: cache, spill: sp}
	writes, out := merge(ctx, res, st, ok, opt)
	lap(&res.Timings.Thread)
	written := report(res, writes, out)
	if err := ctx.Err(); err != nil {
		lap(&res.Timings.Write)
		return res, err
	}
	if opt.CacheDir != "" {
		// A cache that cannot be written makes the next import slower,
		// nothing worse.
		_ = saveCache(opt.CacheDir, opt.Thread, st.next(memo, writes, written, opt))
	}
	lap(&res.Timings.Write)
	return res, nil
}

// recoverItems turns the raw items of a batch into drafts, on all cores:
// the batch's text dumps teach the cleaner which lines are the sites'
// boilerplate, and the headlines of the batch the affixes each outlet
// puts on them. A draft is nil where its error is not.
func recoverItems(ctx context.Context, items []ingest.Item, opt Options) ([]*draft, []error) {
	l := clean.NewBoilerplateLearner()
	learnDumps(l, items)
	drafts, errs := recoverWith(ctx, items, l.Boilerplate(), opt)
	cutSharedAffixes(drafts)
	return drafts, errs
}

// readWindow is how many raw files are read and recovered at a time.
const readWindow = 512

// learnBoilerplate reads the text dumps among files and opt.Items, on
// all cores, and learns their boilerplate lines, keeping none of their
// text. A file that cannot be read is left out (it is reported when it
// is read again to be recovered).
func learnBoilerplate(ctx context.Context, files []string, opt Options) *clean.Boilerplate {
	l := clean.NewBoilerplateLearner()
	learnDumps(l, opt.Items)
	var dumps []string
	for _, f := range files {
		if k, _ := ingest.KindOf(f); k == ingest.TextDump {
			dumps = append(dumps, f)
		}
	}
	parallel(ctx, len(dumps), func(i int) {
		items, _ := readWithin(ctx, dumps[i], opt, ingest.ReadFile)
		learnDumps(l, items)
	})
	return l.Boilerplate()
}

// learnDumps teaches l the text dumps among items.
func learnDumps(l *clean.BoilerplateLearner, items []ingest.Item) {
	for _, it := range items {
		if it.Kind == ingest.TextDump {
			l.Add(it.Text)
		}
	}
}

// recoverWith turns raw items into drafts, on all cores, with the
// boilerplate lines of their batch. A draft is nil where its error is
// not. Each item is stripped to what reports need of it (origin, line,
// kind) once it is worked on, so that memory holds the articles, not
// also their raw pages.
func recoverWith(ctx context.Context, items []ingest.Item, bp *clean.Boilerplate, opt Options) ([]*draft, []error) {
	drafts := make([]*draft, len(items))
	errs := make([]error, len(items))
	// Parsing an HTML page takes about forty times its size in memory
	// (a 12 MiB page of links, 400 MB), cleaning a dump about ten:
	// items are weighed by their raw bytes, and at most rawBudget of
	// them are worked on at once, so that memory does not grow with the
	// number of cores; no item is over opt.MaxArticleSize.
	pages := semaphore.NewWeighted(rawBudget)
	parallel(ctx, len(items), func(i int) {
		size := rawSize(items[i])
		if limit := opt.maxArticleSize(); size > limit {
			errs[i] = fmt.Errorf("is an article of %s, over the %s of import.max_article_size; split it, or raise import.max_article_size in digest.toml", mib(size), mib(limit))
			items[i] = ingest.Item{Origin: items[i].Origin, Line: items[i].Line, Kind: items[i].Kind}
			return
		}
		w := min(size, rawBudget)
		if err := pages.Acquire(ctx, w); err != nil {
			errs[i] = err
			return
		}
		drafts[i], errs[i] = assembleWithin(ctx, items[i], bp, opt, func() { pages.Release(w) })
		items[i] = ingest.Item{Origin: items[i].Origin, Line: items[i].Line, Kind: items[i].Kind}
		if drafts[i] != nil {
			drafts[i].item = items[i]
		}
	})
	for i := range drafts {
		if errs[i] != nil {
			drafts[i] = nil
		}
	}
	return drafts, errs
}

// RecoverBatch turns raw items into their articles exactly as an import
// does, as one batch (the boilerplate lines of its dumps, the affixes of
// its outlets' headlines), without dedupe, threading or writing: the
// evaluation of the metadata runs through it. The errors are those of
// the items at the same index.
func RecoverBatch(ctx context.Context, items []ingest.Item) ([]news.Article, []error) {
	items = slices.Clone(items)
	drafts, errs := recoverItems(ctx, items, Options{Timeout: 10 * time.Second})
	out := make([]news.Article, len(items))
	for i, d := range drafts {
		switch {
		case d != nil:
			out[i] = d.Article
		case errs[i] == nil:
			errs[i] = errors.New("not read: the batch was stopped")
			if err := ctx.Err(); err != nil {
				errs[i] = err
			}
		}
	}
	return out, errs
}

// Duplicates maps the origin of each skipped duplicate to the id of the
// article it repeats.
func (r *Result) Duplicates() map[string]string {
	out := map[string]string{}
	for _, n := range r.Notices {
		if n.SameAs != "" {
			out[n.Origin] = n.SameAs
		}
	}
	return out
}

// state is what merge reads of the content folder as it was and of the
// cache, and what it learnt for the next cache.
type state struct {
	fsys     fs.FS
	existing *content.Content
	cache    *importCache
	// known holds the encoded analyses of the articles in the content
	// folder, by file hash, with the terms of vocab.
	known map[string][]byte
	vocab *thread.Vocabulary
	// spill holds the batch's bodies and new analyses; nil when they
	// are kept in memory (Article.Body, pending.analysis).
	spill *spill
}

// body is the body of a, an article of the content folder, read from
// its file when the folder was loaded without it.
func (st *state) body(a *news.Article) (string, error) {
	off, unread := st.existing.Unread[a.File]
	if !unread {
		return a.Body, nil
	}
	b, err := content.ReadBody(st.fsys, a.File, off)
	if err != nil {
		return "", fmt.Errorf("content/%s: changed while being imported into; import again", a.File)
	}
	return b, nil
}

// next is the cache to leave: the memo of the files now in the content
// folder and their analyses.
func (st *state) next(memo content.Memo, writes []pending, written []content.Written, opt Options) *importCache {
	sums := make(map[string]string, len(st.existing.Sums)+len(writes)) // path → hash
	for p, s := range st.existing.Sums {
		sums[p] = string(s[:])
	}
	analyses := st.known
	spilled := map[string]span{}
	for i, w := range writes {
		wr := written[i]
		if !wr.OK {
			continue
		}
		key := string(wr.Sum[:])
		sums[w.d.Article.File] = key
		if wr.HasParsed {
			// The memo names each file as Unmarshal does: the next
			// import trusts a file by its stat only under its name.
			p := wr.Parsed
			p.Article.File = w.d.Article.File
			memo[key] = p
		}
		a := &w.d.Article
		// The analysis of the text as threaded is that of the text as it
		// will be read back when the file gives back the same title and
		// the same body (content.Marshal trims it and ends it with a line
		// break, as the importer's bodies already are).
		if w.encoded && wr.HasParsed && wr.Parsed.Article.Title == a.Title && w.bodyTrimmed {
			if w.analysis != nil {
				analyses[key] = w.analysis
			} else {
				spilled[key] = w.spilled
			}
		}
	}
	c := &importCache{
		SavedAt: time.Now(),
		Memo:    make(content.Memo, len(sums)), Analyses: make(map[string][]byte, len(sums)),
		Terms: st.vocab.Terms(), Spilled: map[string]span{}, spill: st.spill,
	}
	for _, key := range sums {
		if m, ok := memo[key]; ok {
			c.Memo[key] = m
		}
		if an, ok := analyses[key]; ok {
			c.Analyses[key] = an
		} else if sp, ok := spilled[key]; ok {
			c.Spilled[key] = sp
		}
	}
	return c
}

// A collector sets the garbage collector's GOGC for each phase of an
// import, unless the user set GOGC. Most of an import's heap is kept
// for the whole batch (the content folder and cache as they were, then
// the threading state of every article), so the default, which lets the
// heap grow to twice what is live, would about double the peak memory:
// collecting at half that growth costs CPU and saves a fifth of the peak
// (30,000 articles: 742 -> 591 MiB). Recovery is the exception: it makes
// most of the garbage (the raw pages, their cleaning) over a live heap
// of drafts well under the threading state to come, so the default
// growth there costs no peak memory and half the collections.
type collector struct {
	set  bool // the user's GOGC is left alone
	prev int  // GOGC before the import
}

func newCollector() *collector {
	c := &collector{}
	if gcPercent, ok := os.LookupEnv("GOGC"); !ok || gcPercent == "" {
		c.set, c.prev = true, debug.SetGCPercent(importGCPercent)
	}
	return c
}

// recovering is the collector of the recovery.
func (c *collector) recovering() {
	if c.set {
		debug.SetGCPercent(recoverGCPercent)
	}
}

// threading is the collector from threading on.
func (c *collector) threading() {
	if c.set {
		debug.SetGCPercent(importGCPercent)
	}
}

// restore puts back the collector as it was before the import.
func (c *collector) restore() {
	if c.set {
		debug.SetGCPercent(c.prev)
	}
}

// importGCPercent is the collector's GOGC during an import but its
// recovery, recoverGCPercent during it.
const (
	importGCPercent  = 50
	recoverGCPercent = 100
)

// rawBudget bounds the raw bytes of the items worked on at once.
const rawBudget = 16 << 20

// DefaultMaxArticleSize is Options.MaxArticleSize when it is 0, as
// import.max_article_size is by default.
const DefaultMaxArticleSize = 10 << 20

// rawSize is the bytes of raw article an item holds: its page, its text
// or its record's html and text.
func rawSize(it ingest.Item) int64 {
	n := len(it.HTML) + len(it.Text)
	if it.Rec != nil {
		n += len(it.Rec.HTML) + len(it.Rec.Text)
	}
	return int64(n)
}

// readWithin reads one raw file with read (ingest.ReadFile) within the
// import's timeout, as assembleWithin bounds the work on it: a file on a
// stalled network share or a special file that blocks is reported, not
// waited for.
func readWithin(ctx context.Context, path string, opt Options, read func(string, ingest.Options) ([]ingest.Item, []error)) ([]ingest.Item, []error) {
	type out struct {
		items []ingest.Item
		errs  []error
	}
	ch := make(chan out, 1)
	go func() {
		items, errs := read(path, ingest.Options{MaxFileSize: opt.MaxFileSize})
		ch <- out{items, errs}
	}()
	select {
	case o := <-ch:
		return o.items, o.errs
	case <-time.After(opt.Timeout):
		return nil, []error{&ingest.Error{Path: path, Msg: fmt.Sprintf("took longer than %s to read; raise import.timeout in digest.toml if the file is sound", opt.Timeout)}}
	case <-ctx.Done():
		return nil, []error{&ingest.Error{Path: path, Msg: ctx.Err().Error()}}
	}
}

// mib writes a size in MiB, to a tenth.
func mib(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}

// maxArticleSize is the import's bound on one raw article's bytes.
func (opt Options) maxArticleSize() int64 {
	if opt.MaxArticleSize > 0 {
		return opt.MaxArticleSize
	}
	return DefaultMaxArticleSize
}

// assembleWithin bounds the time one item may take: a pathological page
// is reported, not allowed to hang the batch.
// release is called when the work ends, which may be after the timeout.
func assembleWithin(ctx context.Context, it ingest.Item, bp *clean.Boilerplate, opt Options, release func()) (*draft, error) {
	type out struct {
		d   *draft
		err error
	}
	ch := make(chan out, 1)
	go func() {
		defer release()
		defer func() {
			if r := recover(); r != nil {
				ch <- out{err: fmt.Errorf("could not be read (internal error: %v); please report it with the file", r)}
			}
		}()
		d, err := assemble(it, bp, opt.maxArticleSize())
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

// parallel runs fn(0..n-1) on all cores, and stops starting new calls
// once ctx is done.
func parallel(ctx context.Context, n int, fn func(i int)) {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := 0; i < n && ctx.Err() == nil; i++ {
		g.Go(func() error {
			fn(i)
			return nil
		})
	}
	g.Wait()
}

// merge recognises drafts already in the content folder, threads the
// new ones in publication order and writes them all (see writer). It
// returns the drafts written, without their bodies, and the outcomes.
func merge(ctx context.Context, res *Result, st *state, drafts []*draft, opt Options) ([]pending, batchOutcomes) {
	existing := st.existing
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

	// Articles are threaded in publication order, so that the result
	// does not depend on the order of files; decided as a batch, the
	// site's open threads are decided again with the new articles, so
	// that it does not depend on how batches were split either.
	sortByDate(drafts)
	t := thread.New(opt.Thread)
	batched := opt.Thread.Batch != thread.Online

	seen := map[string]string{} // ids of this batch → origin
	var fresh []int             // indexes in writes of the articles to thread
	for _, d := range drafts {
		a := &d.Article
		origin := d.item.Origin
		if d.item.Line > 0 {
			origin = fmt.Sprintf("%s:%d", origin, d.item.Line)
			a.Origin = origin
		}
		if first, dup := seen[a.ID]; dup {
			res.Notices = append(res.Notices, Notice{Origin: origin, Msg: "same article as " + first + " in this batch; skipped"})
			res.Summary.Skipped++
			continue
		}
		if other, dup := byPrint[d.fingerprint]; dup {
			res.Notices = append(res.Notices, Notice{origin, "same text as " + other.Origin + " in this batch; skipped", other.ID})
			res.Summary.Skipped++
			continue
		}
		seen[a.ID] = origin
		byPrint[d.fingerprint] = a
		if d.warning != "" {
			res.Warnings = append(res.Warnings, Notice{Origin: origin, Msg: d.warning})
		}

		prev := byID[a.ID]
		if prev == nil && a.URL != "" {
			prev = byURL[canonicalURL(a.URL)]
		}
		if prev == nil {
			prev = byOrigin[a.Origin]
		}
		if prev != nil && prev.Origin != a.Origin && prev.Origin != "" {
			// The same article, arrived again from another file or format.
			res.Notices = append(res.Notices, Notice{origin, "already imported as content/" + prev.File + " (from " + prev.Origin + "); skipped", prev.ID})
			res.Summary.Skipped++
			continue
		}
		if prev != nil {
			if prev.Edited {
				res.Notices = append(res.Notices, Notice{Origin: origin, Msg: "content/" + prev.File + " was edited by hand; left as it is"})
				res.Summary.Skipped++
				continue
			}
			// The tool's own file: keep its id, file and thread.
			a.ID, a.File, a.Thread = prev.ID, prev.File, prev.Thread
			a.CopyOf = prev.CopyOf
			a.Tags = prev.Tags
		} else {
			fresh = append(fresh, len(writes))
		}
		writes = append(writes, pending{d: d, origin: origin})
	}

	var known []*news.Article
	for _, a := range existing.Articles {
		if a.Thread != "" {
			known = append(known, a)
		}
	}
	sortArticles(known)
	// The open threads (thread.Open) are decided again: their articles
	// are added with the new ones, in publication order, an editor's
	// still fixed; the others join their threads' state as they are.
	// The window is placed by every article's date, its file's time
	// included (thread.Stamp).
	var open map[string]bool
	if batched {
		stamp := func(a *news.Article) thread.Stamp {
			return thread.Stamp{Thread: a.Thread, Date: a.Date, Scraped: a.DateSource == news.DateFromFile}
		}
		site := make([]thread.Stamp, len(known))
		for i, a := range known {
			site[i] = stamp(a)
		}
		batch := make([]thread.Stamp, len(fresh))
		for i, w := range fresh {
			batch[i] = stamp(&writes[w].d.Article)
		}
		open = thread.Open(site, batch, opt.Thread)
	}
	// The order of threading: the site's articles, then the new ones;
	// decided as a batch, the two merged in publication order.
	type step struct {
		known *news.Article // an article of the site, or nil
		fresh int           // else an index in fresh
	}
	steps := make([]step, 0, len(known)+len(fresh))
	i, j := 0, 0
	for i < len(known) || j < len(fresh) {
		if j == len(fresh) || i < len(known) && (!batched || !lessArticle(&writes[fresh[j]].d.Article, known[i])) {
			steps = append(steps, step{known: known[i]})
			i++
		} else {
			steps = append(steps, step{known: nil, fresh: j})
			j++
		}
	}
	// The analyses of the site's articles come from the cache when their
	// files have not changed: the cache's are decoded on all cores with
	// its vocabulary as it was; new analyses are encoded in order with
	// one that grows from it.
	st.known = make(map[string][]byte, len(known))
	var cached *thread.Vocabulary
	if st.cache != nil {
		cached = thread.NewVocabulary(st.cache.Terms)
		st.vocab = thread.NewVocabulary(st.cache.Terms)
	} else {
		st.vocab = thread.NewVocabulary(nil)
	}
	doc := func(a *news.Article) thread.Doc {
		return thread.Doc{ID: a.ID, Title: a.Title, Text: a.Body, Source: a.Source, Date: threadDate(a)}
	}
	wr := &writer{batch: content.NewBatch(opt.ContentDir), writes: writes, spill: st.spill}
	type prepped struct {
		an   *thread.Analysis
		body string // of a new article
		key  string // of a site's article: its file's hash
		enc  []byte // of a site's article: its analysis, from the cache
		err  error
	}
	// redone are the site's articles decided again, with their encoded
	// analyses when the import keeps a cache.
	var redone []redecided
	pipeline(ctx, len(steps), func(i int) prepped {
		if a := steps[i].known; a != nil {
			sum := existing.Sums[a.File]
			p := prepped{key: string(sum[:])}
			if cached != nil {
				if enc, ok := st.cache.Analyses[p.key]; ok {
					// The cache's bytes are never written to.
					if an, err := cached.Decode(enc); err == nil {
						p.an, p.enc = an, enc
						return p
					}
				}
			}
			body, err := st.body(a)
			if err != nil {
				p.err = err
				return p
			}
			p.an = thread.Analyse(thread.Doc{Title: a.Title, Text: body}, opt.Thread)
			return p
		}
		d := writes[fresh[steps[i].fresh]].d
		body, err := d.readBody(st.spill)
		if err != nil {
			return prepped{err: err}
		}
		dc := doc(&d.Article)
		dc.Text = body
		return prepped{an: thread.Analyse(dc, opt.Thread), body: body}
	}, func(i int, p prepped) {
		if a := steps[i].known; a != nil {
			if p.err != nil {
				res.Errors = append(res.Errors, p.err)
				return
			}
			d := thread.Doc{ID: a.ID, Title: a.Title, Source: a.Source, Date: threadDate(a), Thread: a.Thread}
			switch {
			case !open[a.Thread]:
				t.Restore(d, p.an)
			case a.Edited:
				// An editor's choice stays fixed, and is weighed
				// against the articles before it like any other.
				t.AddAnalysed(d, p.an)
			default:
				d.Thread, d.Prior = "", a.Thread
				t.AddAnalysed(d, p.an)
			}
			if p.enc == nil && opt.CacheDir != "" {
				p.enc = st.vocab.Encode(p.an)
			}
			st.known[p.key] = p.enc
			if open[a.Thread] && !a.Edited {
				redone = append(redone, redecided{a, p.enc})
			}
			return
		}
		fi := steps[i].fresh
		w := &writes[fresh[fi]]
		if p.err != nil || wr.err != nil {
			wr.err = cmp.Or(wr.err, p.err)
			return
		}
		an := p.an
		a := &w.d.Article
		dc := doc(a)
		dc.Text = p.body
		as := t.AddAnalysed(dc, an)
		a.Thread, a.CopyOf = as.Thread, as.CopyOf
		// Decided as a batch, threads are final only once the whole
		// batch is: nothing is written before, and a spilled body
		// stays in the spill until then.
		if !batched || !w.d.spilled {
			a.Body, w.d.spilled = p.body, false
		}
		if opt.CacheDir != "" {
			w.encoded = true
			if enc := st.vocab.Encode(an); st.spill != nil {
				w.spilled = st.spill.add(enc)
			} else {
				w.analysis = enc
			}
		}
		if batched {
			return
		}
		// Every draft before the next new one is now complete.
		ready := len(writes)
		if fi+1 < len(fresh) {
			ready = fresh[fi+1]
		}
		if ready-wr.done >= writeChunk && ctx.Err() == nil && wr.err == nil {
			wr.write(ready)
		}
	})
	if batched {
		// The batch as a whole decides, then its files are written.
		final := map[string]thread.Assignment{}
		for _, as := range t.Resolve() {
			final[as.ID] = as
		}
		for _, i := range fresh {
			a := &writes[i].d.Article
			if as, ok := final[a.ID]; ok {
				a.Thread, a.CopyOf = as.Thread, as.CopyOf
			}
		}
		writes = rewriteMoved(res, st, writes, redone, final)
		wr.writes = writes
	}
	return writes, wr.finish(ctx)
}

// redecided is an article of the site decided again with a batch, with
// its encoded analysis when the import keeps a cache.
type redecided struct {
	a   *news.Article
	enc []byte
}

// rewriteMoved adds to writes the site's articles decided again whose
// thread or copy mark the batch changed (an editor's are never decided
// again); one the batch imports again gets its new thread in its draft.
func rewriteMoved(res *Result, st *state, writes []pending, redone []redecided, final map[string]thread.Assignment) []pending {
	again := map[string]*news.Article{}
	for i := range writes {
		again[writes[i].d.ID] = &writes[i].d.Article
	}
	for _, r := range redone {
		as, ok := final[r.a.ID]
		if !ok {
			continue
		}
		if a, ok := again[r.a.ID]; ok {
			a.Thread, a.CopyOf = as.Thread, as.CopyOf
			continue
		}
		if as.Thread == r.a.Thread && as.CopyOf == r.a.CopyOf {
			continue
		}
		body, err := st.body(r.a)
		if err != nil {
			res.Errors = append(res.Errors, err)
			continue
		}
		d := &draft{Article: *r.a, item: ingest.Item{Origin: "content/" + r.a.File}}
		d.Thread, d.CopyOf, d.Body = as.Thread, as.CopyOf, body
		writes = append(writes, pending{d: d, origin: d.item.Origin, moved: true, encoded: r.enc != nil, analysis: r.enc})
	}
	return writes
}

// writeChunk is how many complete drafts wait before they are written.
const writeChunk = 1024

// writer writes the drafts of a batch as they are threaded, a chunk at a
// time, and lets each draft's body go once its file is written: the
// threaded part of a batch waits on disk, under temporary names, not in
// memory. All of the batch's files are put in place at the end, with one
// flush to disk (content.Batch), so an interrupted import writes
// nothing.
type writer struct {
	batch  *content.Batch
	writes []pending
	done   int // writes[:done] are written
	spill  *spill
	err    error // a body that could not be read back: nothing is written
}

// write writes writes[w.done:upTo].
func (w *writer) write(upTo int) {
	part := make([]*news.Article, 0, upTo-w.done)
	for i := w.done; i < upTo; i++ {
		d := w.writes[i].d
		body, err := d.readBody(w.spill)
		if err != nil {
			w.err = err
			return
		}
		d.Body, d.spilled = body, false
		part = append(part, &d.Article)
	}
	w.batch.Write(part)
	for i := w.done; i < upTo; i++ {
		p := &w.writes[i]
		a := &p.d.Article
		p.bodyTrimmed = a.Body == strings.TrimSpace(a.Body)+"\n"
		a.Body = ""
	}
	w.done = upTo
}

// batchOutcomes is what became of each draft written, by its index.
type batchOutcomes struct {
	outcomes []content.WriteOutcome
	written  []content.Written
	errs     []error
}

// finish writes the drafts left and puts every file in place; when ctx
// is done it writes nothing and each draft's error is ctx's.
func (w *writer) finish(ctx context.Context) batchOutcomes {
	for w.done < len(w.writes) && ctx.Err() == nil && w.err == nil {
		w.write(min(w.done+writeChunk, len(w.writes)))
	}
	if err := cmp.Or(w.err, ctx.Err()); err != nil {
		w.batch.Abort()
		out := batchOutcomes{make([]content.WriteOutcome, len(w.writes)), make([]content.Written, len(w.writes)), make([]error, len(w.writes))}
		for i := range out.errs {
			out.errs[i] = err
		}
		return out
	}
	outcomes, written, errs := w.batch.Commit()
	return batchOutcomes{outcomes, written, errs}
}

// pipeline runs prep(0..n-1) on all cores a window at a time, ahead of
// use(i, prep(i)), which runs in order on the calling goroutine: the
// window bounds how many results are held at once.
func pipeline[T any](ctx context.Context, n int, prep func(i int) T, use func(i int, v T)) {
	const window = 256
	type batch struct {
		lo int
		vs []T
	}
	ready := make(chan batch, 1)
	go func() {
		defer close(ready)
		for lo := 0; lo < n && ctx.Err() == nil; lo += window {
			vs := make([]T, min(window, n-lo))
			parallel(ctx, len(vs), func(i int) { vs[i] = prep(lo + i) })
			ready <- batch{lo, vs}
		}
	}()
	for b := range ready {
		for i, v := range b.vs {
			use(b.lo+i, v)
		}
	}
}

// pending is a draft to write, with the origin its notices name.
type pending struct {
	d      *draft
	origin string
	// encoded says a new article's thread.Analysis was encoded for the
	// cache: it is analysis, or at spilled in the state's spill.
	encoded  bool
	analysis []byte
	spilled  span
	// bodyTrimmed says the body, let go once written, was trimmed and
	// ended with a line break, as content.Marshal writes it.
	bodyTrimmed bool
	// moved says the draft is an article of the site the batch moved to
	// another thread (or whose copy mark it changed).
	moved bool
}

// report counts the outcomes of the batch's writes, in publication
// order, and returns what was written.
func report(res *Result, writes []pending, out batchOutcomes) []content.Written {
	for i, w := range writes {
		d, a, origin, outcome, err := w.d, &w.d.Article, w.origin, out.outcomes[i], out.errs[i]
		if err != nil {
			res.Errors = append(res.Errors, &ingest.Error{Path: d.item.Origin, Line: d.item.Line, Msg: err.Error()})
			res.Summary.Failed++
			continue
		}
		if w.moved {
			if outcome == content.Updated {
				res.Summary.Moved++
			}
			continue
		}
		if outcome == content.Created || outcome == content.Updated {
			if a.DateSource == news.DateFromFile {
				res.Summary.FileDated++
			}
			if a.TitleSource == news.TitleFromText {
				res.Summary.LeadTitled++
			}
		}
		switch outcome {
		case content.Created:
			res.Summary.Imported++
		case content.Updated:
			res.Summary.Updated++
		case content.Unchanged:
			res.Summary.Unchanged++
		case content.Kept:
			res.Notices = append(res.Notices, Notice{Origin: origin, Msg: "content/" + a.File + " was edited by hand; left as it is"})
			res.Summary.Skipped++
		}
	}
	return out.written
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
// undated last; then by the file of origin, since scrapers name files in
// the order they fetched them, which tells an original from its copy when
// no date does; then by id. The order never depends on the order files were named
// on the command line.
func lessArticle(a, b *news.Article) bool {
	da, db := threadDate(a), threadDate(b)
	if da.IsZero() != db.IsZero() {
		return !da.IsZero()
	}
	if !da.Equal(db) {
		return da.Before(db)
	}
	if fa, fb := originFile(a.Origin), originFile(b.Origin); fa != fb {
		return fa < fb
	}
	return a.ID < b.ID
}

// originFile is an origin without the line a record's has ("file:12"):
// the drafts of a batch are ordered before their origins get one, so
// the articles of the site, whose origins have it, are ordered by the
// same rule, with the records of one file by id.
func originFile(origin string) string {
	if i := strings.LastIndexByte(origin, ':'); i >= 0 && i+1 < len(origin) {
		for _, r := range origin[i+1:] {
			if r < '0' || r > '9' {
				return origin
			}
		}
		return origin[:i]
	}
	return origin
}
