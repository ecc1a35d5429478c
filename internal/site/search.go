package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/search"
)

// Search has two engines, both static files any host can serve. The
// default, digest's own (internal/search, searchindex.go), indexes the
// articles from the model, in Go, under search-index/. Pagefind, chosen
// with [search] engine = "pagefind", indexes the finished article pages
// (the part marked data-pagefind-body) under pagefind/ and needs npx.
// Both group the articles into shards by month (planSearch) and keep a
// shard whose articles did not change from .digest-cache/search/.

// pagefindVersion is pinned: the same pages must give the same index.
const pagefindVersion = "1.6.0"

// pagefindCommand is the indexer's command line for a staging folder. npx
// fetches Pagefind (and its prebuilt binary, @pagefind/<platform>) from
// npm on first use and caches it.
func pagefindCommand(dir string) []string {
	return []string{"npx", "--yes", "pagefind@" + pagefindVersion, "--site", dir, "--output-subdir", "pagefind"}
}

// PagefindCommand is the command line that indexes a folder of HTML pages
// with the Pagefind the build uses, for comparisons (digest bench runs it
// over Hugo's output).
func PagefindCommand(dir string) []string { return pagefindCommand(dir) }

// searchAvailable reports whether this build can make a search index: it
// was asked for, and with Pagefind, npx is on PATH. Pages are rendered
// knowing the answer, so the search page can say when search is
// unavailable.
func searchAvailable(opt Options) bool {
	if !opt.Search {
		return false
	}
	if !opt.pagefind() {
		return true
	}
	if _, err := exec.LookPath("npx"); err != nil {
		logf(opt, "build: note: npx (Node.js) is not on PATH, so the site has no search index; install Node.js 18+ for Pagefind, or set [search] engine = \"digest\"\n")
		return false
	}
	return true
}

// npmQuiet keeps npx from printing notices or asking the registry when
// the pinned Pagefind is already cached.
var npmQuiet = []string{"npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false", "npm_config_loglevel=error", "npm_config_prefer_offline=true"}

// A search shard is the index of one month's articles (by publication
// date in the site's time zone; undated articles have their own; the
// newest month is split into weeks, see planSearch). Only
// article pages are indexed (stories, topics and days repeat their
// text). A month that gets no new articles keeps its index byte for byte:
// with a cache, an unchanged shard is not indexed again but linked from
// .digest-cache/search/. The browser searches all shards as one
// (Pagefind's mergeIndex), the newest as the primary bundle.
type searchShard struct {
	Name     string // "2025-06", "2025-07-w2" in the newest month, or "undated"
	Pages    []searchPage
	Articles []*Article // newest first
	Key      key
}

// pagefind reports whether the build's search engine is Pagefind.
func (opt Options) pagefind() bool { return opt.SearchEngine == config.SearchPagefind }

// planSearch groups the articles into shards, newest first, with the key
// of each: the program, configuration, layouts (global) and every
// article's own inputs.
func planSearch(m *Model, loc *time.Location, d *digests, pagefind bool) []*searchShard {
	// The newest month is the open period, where new articles land: it
	// is split into weeks (days 1–7, 8–14 …), so that a new article
	// re-indexes a week's articles, not a month's. When a newer month
	// begins, the month is indexed once as a whole and stays so.
	open := ""
	for _, a := range m.Articles {
		if !a.Date.IsZero() {
			open = max(open, a.Date.In(loc).Format("2006-01"))
		}
	}
	byName := map[string]*searchShard{}
	for _, a := range m.Articles {
		name := "undated"
		if !a.Date.IsZero() {
			t := a.Date.In(loc)
			if name = t.Format("2006-01"); name == open {
				name += fmt.Sprintf("-w%d", (t.Day()-1)/7+1)
			}
		}
		s := byName[name]
		if s == nil {
			s = &searchShard{Name: name}
			byName[name] = s
		}
		s.Pages = append(s.Pages, searchPage{URL: "/" + a.Path, File: a.Path + "index.html"})
		s.Articles = append(s.Articles, a)
	}
	var shards []*searchShard
	for _, s := range byName {
		slices.SortFunc(s.Pages, func(x, y searchPage) int { return strings.Compare(x.URL, y.URL) })
		slices.SortFunc(s.Articles, func(x, y *Article) int {
			if c := y.Date.Compare(x.Date); c != 0 {
				return c
			}
			return strings.Compare(x.Path, y.Path)
		})
		shards = append(shards, s)
	}
	engine := fmt.Sprintf("digest %d", search.FormatVersion)
	if pagefind {
		engine = "pagefind " + pagefindVersion
	}
	keyOf := map[string]key{}
	for _, a := range m.Articles {
		keyOf["/"+a.Path] = d.article[a]
	}
	for _, s := range shards {
		h := &hasher{}
		h.bytes(d.global[:]).str("search").str(engine).str(s.Name)
		for _, p := range s.Pages {
			k := keyOf[p.URL]
			h.str(p.URL).bytes(k[:])
		}
		s.Key = h.sum()
	}
	// Newest first; "undated" sorts after every month.
	slices.SortFunc(shards, func(x, y *searchShard) int {
		if (x.Name == "undated") != (y.Name == "undated") {
			if x.Name == "undated" {
				return 1
			}
			return -1
		}
		return strings.Compare(y.Name, x.Name)
	})
	return shards
}

// indexSearch writes every shard's index under pagefind/ in the staging
// folder, before the swap, so the published site is never half indexed.
// Shards whose key is in the cache are linked from there; the others are
// indexed by one Pagefind service, one shard at a time. An indexer that
// fails (no network on a machine that never fetched it, say) leaves the
// site without search and says why; the search page then falls back to
// its plain text. Only a cancelled build is an error.
func indexSearch(ctx context.Context, dir string, shards []*searchShard, opt Options) error {
	root := filepath.Join(dir, "pagefind")
	err := writeShards(ctx, dir, root, shards, opt)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		if rmErr := os.RemoveAll(root); rmErr != nil {
			return fmt.Errorf("search: remove partial index: %w", rmErr)
		}
		logf(opt, "build: note: the search index was not built (%v); the site works without it\n", err)
	}
	return nil
}

func writeShards(ctx context.Context, dir, root string, shards []*searchShard, opt Options) error {
	store := ""
	if opt.CacheDir != "" {
		store = filepath.Join(opt.CacheDir, "search")
		if err := os.MkdirAll(store, 0o755); err != nil {
			return err
		}
	}
	stored := func(s *searchShard) string { return filepath.Join(store, fmt.Sprintf("%s-%x", s.Name, s.Key[:8])) }
	var svc *pagefindService
	defer func() {
		if svc != nil {
			svc.close()
		}
	}()
	keep := map[string]bool{}
	for _, s := range shards {
		if err := ctx.Err(); err != nil {
			return err
		}
		dst := filepath.Join(root, s.Name)
		src := ""
		if store != "" {
			src = stored(s)
			keep[filepath.Base(src)] = true
			if _, err := os.Stat(src); err == nil {
				if err := linkTree(src, dst); err != nil {
					return err
				}
				continue
			}
		}
		if svc == nil {
			var err error
			if svc, err = startPagefind(ctx, pagefindServiceCommand(ctx, opt.CacheDir)); err != nil {
				return err
			}
		}
		pages := make([]searchPage, len(s.Pages))
		for i, p := range s.Pages {
			pages[i] = searchPage{URL: p.URL, File: filepath.Join(dir, filepath.FromSlash(p.File))}
		}
		if store == "" {
			if err := svc.index(pages, dst); err != nil {
				return fmt.Errorf("shard %s: %w\n%s", s.Name, err, lastLines(svc.log.String(), 5))
			}
			continue
		}
		// Written whole under a temporary name, then renamed: a shard in
		// the store is always complete.
		tmp := src + ".tmp"
		if err := os.RemoveAll(tmp); err != nil {
			return err
		}
		if err := svc.index(pages, tmp); err != nil {
			return fmt.Errorf("shard %s: %w\n%s", s.Name, err, lastLines(svc.log.String(), 5))
		}
		if err := os.Rename(tmp, src); err != nil {
			return err
		}
		if err := linkTree(src, dst); err != nil {
			return err
		}
	}
	if store != "" {
		// Shards no longer current are dropped.
		return removeExcept(store, keep)
	}
	return nil
}

// linkTree makes dst a copy of the folder src by hard links (a copy where
// links cannot be made). Nothing ever writes into a linked file: shards
// in the store are replaced whole, never changed.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if err := os.Link(p, target); err == nil {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// pagefindServiceCommand starts the pinned Pagefind as a service: its
// binary itself when pagefindBinary finds it, else through npx.
func pagefindServiceCommand(ctx context.Context, cacheDir string) []string {
	if p := pagefindBinary(ctx, cacheDir); p != "" {
		return []string{p, "--service"}
	}
	return []string{"npx", "--yes", "pagefind@" + pagefindVersion, "--service"}
}

// pagefindBinaryFile, in the cache folder, names the pinned Pagefind's
// binary, which npx's wrapper would run.
const pagefindBinaryFile = "pagefind-binary"

// pagefindBinary returns the path of the binary that `npx pagefind@1.6.0`
// runs, so that a build can start it directly: npx and Pagefind's Node
// wrapper are two Node.js processes that cost about 0.7 s of CPU and 2 s
// of wall time on a busy 2-core machine before Pagefind starts, a third
// of a build after one new article. The path is asked of the wrapper
// (its --verbose line) and kept in the cache folder; a kept path is used
// only while the file there answers --version with the pinned version.
// It returns "" when the binary cannot be found, and the build uses npx.
func pagefindBinary(ctx context.Context, cacheDir string) string {
	kept := ""
	if cacheDir != "" {
		kept = filepath.Join(cacheDir, pagefindBinaryFile)
		if b, err := os.ReadFile(kept); err == nil && isPagefind(ctx, string(b)) {
			return string(b)
		}
	}
	cmd := exec.CommandContext(ctx, "npx", "--yes", "pagefind@"+pagefindVersion, "--version", "--verbose")
	cmd.Env = append(os.Environ(), npmQuiet...)
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	const prefix = "pagefind npm wrapper: Running the executable at "
	p := ""
	for line := range strings.Lines(string(out)) {
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			p = strings.TrimRight(rest, "\r\n")
			break
		}
	}
	if !isPagefind(ctx, p) {
		return ""
	}
	if kept != "" {
		// Not fatal: the next build asks npx again.
		_ = cache.WriteFile(kept, []byte(p), cache.Volatile)
	}
	return p
}

// isPagefind reports whether p is an absolute path to the pinned Pagefind.
func isPagefind(ctx context.Context, p string) bool {
	if p == "" || !filepath.IsAbs(p) {
		return false
	}
	out, err := exec.CommandContext(ctx, p, "--version").Output()
	return err == nil && strings.TrimSpace(string(out)) == "pagefind "+pagefindVersion
}

func logf(opt Options, format string, args ...any) {
	if opt.Logf != nil {
		opt.Logf(format, args...)
	}
}

// lastLines keeps the end of a tool's output, where the reason usually is.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "  " + strings.Join(lines, "\n  ")
}
