// Package site is the build stage: it loads content/, assembles threads,
// tags, outlets and days, renders every page with goldmark and the
// html/template layouts, writes the feeds, sitemaps and fingerprinted
// assets, and hands each file to the publisher.
package site

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/publish"
	"github.com/digest-news/digest/internal/thread"
	"golang.org/x/sync/errgroup"
)

// Options configures a build.
type Options struct {
	Site    Settings
	Content fs.FS  // the content folder
	Layouts fs.FS  // the layouts folder
	Assets  fs.FS  // the assets folder
	Out     string // the output folder, replaced whole when the build succeeds
	// Force replaces an output folder that holds files digest did not
	// put there (see publish.CheckReplaceable); without it such a
	// folder is refused.
	Force      bool
	LiveReload string // serve mode: a script URL injected into every page
	NoMinify   bool
	Search     bool // build the search index (see search.go)
	// SearchEngine writes the index: config.SearchDigest (also "") or
	// config.SearchPagefind.
	SearchEngine string
	Logf         func(string, ...any) // notes for the user, e.g. why search is off; nil discards
	// CacheDir, when set, keeps what a build learnt for the next one
	// (parsed content, thread descriptions, the inputs of every page),
	// so that after a change only the pages and feeds it touches are
	// rendered, and only files whose bytes change are written. The
	// output is byte for byte that of a build without the cache.
	CacheDir string
	// Clock is the build's clock, by which dates in the future are
	// found; nil is the system's.
	Clock func() time.Time
	// Progress, when set, is called after each page job with the number
	// done and the total, one call at a time.
	Progress func(done, total int)
}

// Settings are the parts of the site's configuration a build reads: the
// cache key hashes exactly these, so a change elsewhere in digest.toml
// (the preview server's address, import limits) re-renders nothing.
type Settings struct {
	Title, Description, Language, Author string
	BaseURL                              string            // absolute, ending in "/"
	Location                             *time.Location    // dates are shown in it; nil is UTC
	Outlets                              map[string]string // source as imported → display name
	PageSize                             int               // threads per home page
	ListSize                             int               // articles per page of a topic, an outlet or a day
	TopicMinStories                      int               // stories a topic must span for pages of its own
	FeedLimit                            int               // newest entries per feed
	TagDate                              string            // the date in feed ids' tag: URIs
	Hub                                  string            // WebSub hub the feeds announce, if any
	// Publish is the site's publish mode ("", "full" or "excerpt"); an
	// article's own front matter wins. An excerpt's lead is at most
	// LeadSentences sentences and LeadWords words.
	Publish                  string
	LeadSentences, LeadWords int
}

// SettingsFrom picks from the configuration what a build reads.
func SettingsFrom(cfg config.Config) Settings {
	return Settings{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language, Author: cfg.Author,
		BaseURL: cfg.BaseURL, Location: cfg.Location, Outlets: cfg.Outlets,
		PageSize: cfg.Build.PageSize, ListSize: cfg.Build.ListSize, TopicMinStories: cfg.Build.TopicMinStories,
		FeedLimit: cfg.Feeds.Limit, TagDate: cfg.Feeds.TagDate, Hub: cfg.Feeds.Hub,
		Publish: cfg.Publish, LeadSentences: cfg.Excerpt.Sentences, LeadWords: cfg.Excerpt.Words,
	}
}

// outletName is the display name of a source.
func (s Settings) outletName(source string) string {
	if n, ok := s.Outlets[source]; ok {
		return n
	}
	return source
}

// key is the settings in a stable text form for the cache key.
func (s Settings) key() string {
	loc := ""
	if s.Location != nil {
		loc = s.Location.String()
	}
	names := make([]string, 0, len(s.Outlets))
	for k := range s.Outlets {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%q %q %q %q %q %q %d %d %d %d %q %q %q %d %d", s.Title, s.Description, s.Language, s.Author, s.BaseURL, loc,
		s.PageSize, s.ListSize, s.TopicMinStories, s.FeedLimit, s.TagDate, s.Hub, s.Publish, s.LeadSentences, s.LeadWords)
	for _, k := range names {
		fmt.Fprintf(&b, " %q=%q", k, s.Outlets[k])
	}
	return b.String()
}

// Stats counts what a build wrote.
type Stats struct {
	Articles, Threads, Pages, Feeds, Files int
	Rendered, Reused                       int // pages and feed files rendered, and reused from the published site
	Timings                                Timings
}

// Timings is the wall time of each phase of a build.
type Timings struct {
	Load     time.Duration // reading and parsing content/
	Assemble time.Duration // Markdown, threads, terms, days
	Render   time.Duration // pages, feeds, sitemaps: templates, minify, write
	Search   time.Duration // the search index
	Commit   time.Duration // the swap into place and removal of the old site
}

func (t Timings) String() string {
	r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	return fmt.Sprintf("load %s, assemble %s, render %s, search %s, commit %s", r(t.Load), r(t.Assemble), r(t.Render), r(t.Search), r(t.Commit))
}

func (s Stats) String() string {
	return fmt.Sprintf("%d articles, %d threads, %d pages, %d feeds", s.Articles, s.Threads, s.Pages, s.Feeds)
}

// ContentErrors is every problem found in the content folder. The build
// stops without touching the published site.
type ContentErrors []error

func (e ContentErrors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem(s) in content/:", len(e))
	for _, err := range e {
		b.WriteString("\n  content/")
		b.WriteString(err.Error())
	}
	return b.String()
}

// Build renders the site into opt.Out. The new site is written beside it
// and swapped in only when everything succeeded. Its phases: load the
// content, open the staging folder, assemble the model, render the pages
// and feeds (and the search index), swap, save what the next build reuses.
func Build(ctx context.Context, opt Options) (Stats, error) {
	var stats Stats
	var tm Timings
	mark := time.Now()
	lap := func(d *time.Duration) {
		now := time.Now()
		*d += now.Sub(mark)
		mark = now
	}
	prev := loadCache(opt.CacheDir)
	c, memo, err := loadContent(opt, prev)
	if err != nil {
		return stats, err
	}
	info, base, err := siteInfo(opt)
	if err != nil {
		return stats, err
	}
	st, err := openStaging(opt)
	if err != nil {
		return stats, err
	}
	out := st.out
	ok := false
	defer func() {
		if !ok {
			out.Abort()
		}
	}()

	// The key reads every layout and asset first, refusing what is not
	// a regular file before the templates open any.
	global, err := globalKey(opt, info.Search)
	if err != nil {
		return stats, err
	}
	if err := writeAssets(out, opt.Assets, info); err != nil {
		return stats, fmt.Errorf("assets: %w", err)
	}
	tpl, err := parseTemplates(opt.Layouts, info)
	if err != nil {
		return stats, err
	}
	lap(&tm.Load)
	md := newMarkdown(base)
	next := &buildCache{Describe: map[string]thread.Meta{}}
	clock := time.Now
	if opt.Clock != nil {
		clock = opt.Clock
	}
	m := assemble(c, clock(), md, opt.Site.outletName, opt.Site.TopicMinStories, func(ts []*Thread) []thread.Meta {
		return describeAll(ctx, ts, c.Sums, prev.Describe, next.Describe)
	}, func(path string, offset int) (string, error) { return content.ReadBody(opt.Content, path, offset) })
	if len(m.Problems) > 0 {
		return stats, ContentErrors(m.Problems)
	}
	if opt.Logf != nil {
		for _, n := range m.Notices {
			opt.Logf("note: %s\n", n)
		}
	}
	for _, a := range m.Articles {
		a.setPublish(opt.Site)
	}
	d := newDigests(global, m, c.Sums)
	var shards []*searchShard
	if info.Search {
		shards = planSearch(m, info.Location, d, opt.pagefind())
		if opt.pagefind() {
			for _, s := range shards {
				info.SearchBundles = append(info.SearchBundles, "pagefind/"+s.Name+"/")
			}
		} else {
			info.SearchIndex = searchIndexDir + "/"
		}
	}
	lap(&tm.Assemble)
	b := &builder{opt: opt, info: info, tpl: tpl, out: out, m: m, base: base, keys: d, prev: st.published, spare: st.spare, next: map[string]output{}, redirects: threadRedirects(c, m)}
	if err := b.run(ctx); err != nil {
		return stats, err
	}
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	lap(&tm.Render)
	if info.Search {
		if err := freshSearchIndex(ctx, out.Dir(), shards, opt, info.Location); err != nil {
			return stats, err
		}
	} else if err := removeSearchIndexes(out.Dir()); err != nil {
		return stats, err
	}
	lap(&tm.Search)
	// A build killed between the swap and saving the cache leaves the
	// old cache, whose outputs name the old folder's inode: the next
	// build trusts none of them.
	if err := out.Commit(); err != nil {
		return stats, err
	}
	ok = true
	lap(&tm.Commit)
	if opt.CacheDir != "" {
		if err := saveState(opt, out, b.next, st.published, next, prev, memo); err != nil {
			return stats, err
		}
	}
	stats = Stats{Articles: len(m.Articles), Threads: len(m.Threads), Pages: b.pages, Feeds: b.feeds, Files: len(out.Files()), Timings: tm, Rendered: b.rendered, Reused: b.reused}
	return stats, nil
}

// freshSearchIndex builds the search index of the staging folder, which
// may be the previous site brought up to date: Pagefind's is built
// afresh, never on top of the old one; digest's keeps the shard folders
// whose key is current (writeSearchIndex). The other engine's index,
// if any, is removed.
func freshSearchIndex(ctx context.Context, dir string, shards []*searchShard, opt Options, loc *time.Location) error {
	if err := os.RemoveAll(filepath.Join(dir, "pagefind")); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if !opt.pagefind() {
		return writeSearchIndex(ctx, dir, shards, opt, loc)
	}
	if err := os.RemoveAll(filepath.Join(dir, searchIndexDir)); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return indexSearch(ctx, dir, shards, opt)
}

// removeSearchIndexes removes both engines' indexes from a staging
// folder that may be an earlier site, for a build without search.
func removeSearchIndexes(dir string) error {
	for _, d := range []string{"pagefind", searchIndexDir} {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			return fmt.Errorf("search: %w", err)
		}
	}
	return nil
}

// loadContent reads content/, with the parsed files the last build kept
// in memo, holding at most bodyBudget bytes of bodies from the start:
// the others are read again when they are shown (Article.HTML), not held
// from here to the end: a large archive's would not fit in memory (nor
// all be read in before the budget let most go), a small one's saves
// reading each file twice more.
func loadContent(opt Options, prev *buildCache) (*content.Content, content.Memo, error) {
	var trust time.Time
	if !prev.SavedAt.IsZero() {
		trust = prev.SavedAt.Add(-2 * time.Second) // beyond any file system's clock resolution
	}
	c, memo, errs := content.LoadLazyBudget(opt.Content, prev.memo, trust, bodyBudget)
	if len(errs) > 0 {
		return nil, nil, ContentErrors(errs)
	}
	// No page shows an article's related teasers (the aggregator's tail
	// the importer keeps in front matter, about 1.3 kB an article): they
	// are let go here, and the build's memo keeps none.
	for _, a := range c.Articles {
		a.Related = nil
	}
	for k, p := range memo {
		if p.Article.Related != nil {
			p.Article.Related = nil
			memo[k] = p
		}
	}
	return c, memo, nil
}

// siteInfo is what every page knows of the site.
func siteInfo(opt Options) (*SiteInfo, *url.URL, error) {
	base, err := url.Parse(opt.Site.BaseURL)
	if err != nil {
		return nil, nil, fmt.Errorf("build: base URL: %w", err)
	}
	info := &SiteInfo{
		Title: opt.Site.Title, Description: opt.Site.Description, Language: opt.Site.Language,
		BaseURL: opt.Site.BaseURL, BasePath: base.Path, Author: opt.Site.Author,
		Location: opt.Site.Location, LiveReload: opt.LiveReload,
		Search: searchAvailable(opt),
	}
	if info.Location == nil {
		info.Location = time.UTC
	}
	return info, base, nil
}

// staging is the folder a build writes, with what the cache knows of the
// published site and of the spare.
type staging struct {
	out              *publish.Site
	published, spare map[string]output
}

// openStaging opens the folder the build writes. With a cache, the site
// the last build replaced is kept as a spare and brought up to date in
// place: only what changed since it was published is written. The
// published folder is read, never touched, until the swap.
func openStaging(opt Options) (staging, error) {
	var st staging
	trs := loadTrees(opt.CacheDir)
	st.published, st.spare = trs.find(opt.Out), trs.find(publish.SparePath(opt.Out))
	// A folder the cache knows as the site it published (an earlier
	// digest's, from before the marker) may be replaced too.
	if st.published == nil {
		if err := publish.CheckReplaceable(opt.Out, opt.Force); err != nil {
			return st, err
		}
	}
	if st.spare != nil {
		// From here until its state is saved again, the spare's
		// contents are unknown to any other build.
		trs.forget(publish.SparePath(opt.Out))
		if err := writeTrees(opt.CacheDir, trs); err != nil {
			return st, err
		}
		had := make([]string, 0, len(st.spare))
		for f := range st.spare {
			had = append(had, f)
		}
		if s, err := publish.Resume(opt.Out, had); err == nil {
			st.out = s
		}
	}
	if st.out == nil {
		st.spare = nil
		out, err := publish.New(opt.Out)
		if err != nil {
			return st, err
		}
		out.KeepOld = opt.CacheDir != ""
		st.out = out
	}
	st.out.Minify = !opt.NoMinify
	st.out.Reuse = st.published != nil
	return st, nil
}

// saveState records, after the swap, what the next build reuses: the
// outputs of the new published folder and of the old one (now the spare),
// the parsed-content memo, and the thread descriptions.
func saveState(opt Options, out *publish.Site, outputs, published map[string]output, next, prev *buildCache, memo content.Memo) error {
	newTrees := &trees{}
	for _, f := range out.Files() {
		if _, ok := outputs[f]; !ok {
			outputs[f] = output{} // assets, sitemaps: written every time
		}
	}
	if id, ok := folderID(opt.Out); ok {
		newTrees.Trees = append(newTrees.Trees, tree{Folder: id, Outputs: outputs})
	}
	if id, ok := folderID(publish.SparePath(opt.Out)); ok && published != nil {
		newTrees.Trees = append(newTrees.Trees, tree{Folder: id, Outputs: published})
	}
	if err := writeTrees(opt.CacheDir, newTrees); err != nil {
		return err
	}
	next.SavedAt = time.Now()
	if err := saveMemo(opt.CacheDir, next, prev, memo); err != nil {
		return err
	}
	return saveCache(opt.CacheDir, next)
}

// bodyBudget bounds the bytes of article bodies a build holds in memory
// from loading to rendering (about 25,000 articles of 5 kB).
const bodyBudget = 128 << 20

// globalKey hashes everything every page depends on: the program, the
// configuration, the options, whether there is a search index and its
// engine, the layouts and the assets.
func globalKey(opt Options, search bool) (key, error) {
	h := &hasher{}
	prog := cache.Program()
	h.str(cacheKind).bytes(prog[:]).str(opt.Site.key()).str(opt.LiveReload).bool(opt.NoMinify).bool(search).bool(opt.pagefind())
	if err := fsKey(h.str("layouts"), opt.Layouts); err != nil {
		return key{}, fmt.Errorf("layouts: %w", err)
	}
	if err := fsKey(h.str("assets"), opt.Assets); err != nil {
		return key{}, fmt.Errorf("assets: %w", err)
	}
	return h.sum(), nil
}

// describeAll describes the threads on all cores, reusing descriptions
// whose inputs have not changed; it records every description in next.
func describeAll(ctx context.Context, ts []*Thread, sums map[string][32]byte, old, next map[string]thread.Meta) []thread.Meta {
	metas := make([]thread.Meta, len(ts))
	keys := make([]key, len(ts))
	jobs := make([]func() error, len(ts))
	for i, t := range ts {
		jobs[i] = func() error {
			keys[i] = describeKey(t, sums)
			if m, ok := old[string(keys[i][:])]; ok {
				metas[i] = m
				return nil
			}
			metas[i] = thread.Describe(t.docs())
			return nil
		}
	}
	runAll(context.WithoutCancel(ctx), jobs, nil)
	for i := range ts {
		next[string(keys[i][:])] = metas[i]
	}
	return metas
}

// builder renders one assembled model.
type builder struct {
	opt  Options
	info *SiteInfo
	tpl  *templates
	out  *publish.Site
	// redirects are the old addresses of merged stories.
	redirects []Redirect
	m         *Model
	base      *url.URL

	keys  *digests
	prev  map[string]output // the published files, from the cache
	spare map[string]output // the spare's, when it is updated in place
	next  map[string]output // this build's, for the next

	feedOnce  sync.Once
	feedSlots *feedEntries // see feedEntries

	bufs buffers // what pages and feeds are rendered into

	mu                             sync.Mutex
	pages, feeds, rendered, reused int
	sitemap                        []sitemapEntry
}

// reuse links the published file when it was made from the same inputs,
// and returns what the cache knows of it.
func (b *builder) reuse(file string, k key) (output, bool) {
	if k == (key{}) {
		return output{}, false // rendered every time
	}
	o, ok := b.spare[file]
	if ok && o.Key == k && b.out.Keep(file) == nil {
		// already right in the spare being updated
	} else if o, ok = b.prev[file]; !ok || o.Key != k || b.out.Link(file) != nil {
		return output{}, false
	}
	b.mu.Lock()
	b.next[file] = o
	b.reused++
	b.mu.Unlock()
	return o, true
}

// wrote records a file rendered from inputs with key k (zero: rendered
// every time).
func (b *builder) wrote(file string, o output) {
	b.mu.Lock()
	b.next[file] = o
	b.rendered++
	b.mu.Unlock()
}

// reuseArticle reuses an article's page without even assembling its data
// when nothing it shows has changed.
func (b *builder) reuseArticle(a *Article) bool {
	o, ok := b.reuse(a.Path+"index.html", b.keys.articlePage(a))
	if !ok {
		return false
	}
	b.mu.Lock()
	b.pages++
	if o.Loc != "" {
		var t time.Time
		if o.Lastmod != 0 {
			t = time.Unix(0, o.Lastmod).UTC()
		}
		b.sitemap = append(b.sitemap, sitemapEntry{Loc: o.Loc, Lastmod: b.notAfterNow(lastmod(t))})
	}
	b.mu.Unlock()
	return true
}

func (b *builder) run(ctx context.Context) error {
	var jobs []func() error
	jobs = append(jobs, b.homeJobs()...)
	// A story's pages and feeds and its articles' pages are one job: an
	// article's body is rendered for its story's feeds and its page
	// together, and let go when they are written. The feeds of topics,
	// outlets and the site reuse the feed entries kept meanwhile (see
	// feedEntries), or render the few bodies they need again.
	for _, t := range b.m.Threads {
		jobs = append(jobs, func() error {
			if err := b.thread(t); err != nil {
				return err
			}
			for _, a := range t.Articles {
				if !b.reuseArticle(a) {
					if err := b.article(a); err != nil {
						return err
					}
				}
				a.release()
			}
			return nil
		})
	}
	for _, t := range b.m.Tags {
		jobs = append(jobs, func() error { return b.term(t, "Tag") })
	}
	for _, t := range b.m.Outlets {
		jobs = append(jobs, func() error { return b.term(t, "Outlet") })
	}
	for _, d := range b.m.Days {
		jobs = append(jobs, func() error { return b.day(d) })
	}
	jobs = append(jobs, b.termsIndex("tags/", "Tags", b.m.Tags), b.termsIndex("outlets/", "Outlets", b.m.Outlets), b.archive, b.notFound)
	if err := runAll(ctx, jobs, b.opt.Progress); err != nil {
		return err
	}
	if err := b.writeRedirects(); err != nil {
		return err
	}
	return b.writeSitemaps()
}

// runAll runs jobs on all cores and returns the first error, in job order
// so that the message does not depend on scheduling. Once ctx is done no
// job is started.
func runAll(ctx context.Context, jobs []func() error, progress func(done, total int)) error {
	errs := make([]error, len(jobs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	done := 0
	for i, job := range jobs {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			errs[i] = job()
			if progress != nil {
				mu.Lock()
				done++
				progress(done, len(jobs))
				mu.Unlock()
			}
			return nil
		})
	}
	g.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstNonNil(errs)
}

func firstNonNil(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// page renders p and writes it at p.Path + "index.html".
// notAfterNow keeps a sitemap date from passing the site's "now": an
// article dated in the future (reported by assemble) would give search
// engines a date they refuse.
func (b *builder) notAfterNow(t sitemapTime) sitemapTime {
	if !b.m.Now.IsZero() && time.Time(t).After(b.m.Now) {
		return lastmod(b.m.Now)
	}
	return t
}

func (b *builder) page(p *Page, lastmod sitemapTime) error {
	p.Site = b.info
	own := b.info.BaseURL + p.Path
	if p.Canonical == "" {
		p.Canonical = own
	}
	if p.Feeds == nil {
		p.Feeds = b.info.Feeds
	}
	file := p.Path + "index.html"
	if p.Kind == "404" {
		file = "404.html"
	}
	k, keyed := b.keys.page(p)
	o := output{Key: k}
	if !p.NoIndex {
		o.Loc = own
		if t := time.Time(lastmod); !t.IsZero() {
			o.Lastmod = t.UnixNano()
		}
	}
	reused := false
	if keyed {
		_, reused = b.reuse(file, k)
	}
	if !reused {
		if p.ld != nil {
			p.JSONLD = jsonLD(p.ld())
		}
		buf := b.bufs.get()
		defer b.bufs.put(buf) // Write keeps nothing of the bytes
		if err := b.tpl.render(buf, p); err != nil {
			return err
		}
		if err := b.out.Write(file, buf.Bytes()); err != nil {
			return err
		}
		if !keyed {
			o.Key = key{}
		}
		b.wrote(file, o)
	}
	b.mu.Lock()
	b.pages++
	if !p.NoIndex {
		b.sitemap = append(b.sitemap, sitemapEntry{Loc: own, Lastmod: b.notAfterNow(lastmod)})
	}
	b.mu.Unlock()
	return nil
}

// writeAssets copies assets/ into the site, fingerprinting CSS and JS by
// content hash so they can be cached for a year.
func writeAssets(out *publish.Site, assets fs.FS, info *SiteInfo) error {
	if assets == nil {
		return nil
	}
	var files []string
	err := fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !strings.HasPrefix(path.Base(p), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		b, err := fs.ReadFile(assets, p)
		if err != nil {
			return err
		}
		ext := path.Ext(p)
		if ext != ".css" && ext != ".js" {
			if err := out.Write(p, b); err != nil {
				return err
			}
			continue
		}
		if mb, err := out.MinifyBytes(p, b); err == nil {
			b = mb
		}
		sum := sha256.Sum256(b)
		name := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		// b is minified already; a second pass may change it (the JS
		// minifier renames again), and the integrity hash is of b.
		if err := out.WriteRaw("assets/"+name, b); err != nil {
			return err
		}
		integrity := sha512.Sum384(b)
		a := Asset{URL: info.BasePath + "assets/" + name, Integrity: "sha384-" + base64.StdEncoding.EncodeToString(integrity[:])}
		switch p {
		case "style.css":
			info.CSS = a
		case "search.js":
			info.JS = a
		}
	}
	return nil
}
