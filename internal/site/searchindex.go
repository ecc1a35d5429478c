package site

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/search"
	"golang.org/x/sync/errgroup"
)

// searchIndexDir is where the digest engine's index lives in the site:
// manifest.json, and one folder a shard, named by the shard and its key
// ("2025-06-<key>/"), written once and never changed (see
// internal/search for the files in it).
const searchIndexDir = "search-index"

// writeSearchIndex writes the digest engine's index of the staging
// folder dir. With a cache, each shard is written once into
// .digest-cache/search/ and linked from there; a shard folder the
// staging folder already has under its current name (the previous
// site's) is kept as it is: the name is its content's key, so one new
// article writes its shard and the manifest, and nothing else.
func writeSearchIndex(ctx context.Context, dir string, shards []*searchShard, opt Options, loc *time.Location) error {
	root := filepath.Join(dir, searchIndexDir)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	store := ""
	if opt.CacheDir != "" {
		store = filepath.Join(opt.CacheDir, "search")
		if err := os.MkdirAll(store, 0o755); err != nil {
			return fmt.Errorf("search: %w", err)
		}
	}
	keep := map[string]bool{"manifest.json": true}
	var refs []search.SegmentRef
	for _, s := range shards {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := fmt.Sprintf("%s-%x", s.Name, s.Key[:8])
		keep[name] = true
		dst := filepath.Join(root, name)
		var info search.Info
		var err error
		if store == "" {
			if err := os.RemoveAll(dst); err != nil {
				return fmt.Errorf("search: %w", err)
			}
			info, err = writeSegment(ctx, dst, s.Articles, opt, loc)
		} else {
			src := filepath.Join(store, name)
			if info, err = readSegmentInfo(src); err != nil {
				info, err = writeSegment(ctx, src, s.Articles, opt, loc)
			}
			if err == nil {
				if _, statErr := os.Stat(dst); statErr != nil {
					err = linkWhole(src, dst)
				}
			}
		}
		if err != nil {
			return fmt.Errorf("search: shard %s: %w", s.Name, err)
		}
		refs = append(refs, search.SegmentRef{Dir: name, Info: info})
	}
	if err := removeExcept(root, keep); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if store != "" {
		if err := removeExcept(store, keep); err != nil {
			return fmt.Errorf("search: %w", err)
		}
	}
	m, err := search.Manifest(refs)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, "manifest.json"), m, 0o644)
}

// readSegmentInfo reads a finished segment's meta.json; a folder is
// renamed into place only once whole, so a meta.json means all of it.
func readSegmentInfo(dir string) (search.Info, error) {
	var info search.Info
	b, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(b, &info); err != nil || info.Buckets < 1 {
		return info, fmt.Errorf("%s: bad meta.json", dir)
	}
	return info, nil
}

// linkWhole links the folder src as dst, by way of a temporary name: a
// folder under its final name is always complete.
func linkWhole(src, dst string) error {
	tmp := dst + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := linkTree(src, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// removeExcept removes every entry of dir whose name is not in keep.
func removeExcept(dir string, keep map[string]bool) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !keep[e.Name()] {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// analysisWindow is how many articles are analysed at once before they
// are added to the segment in order: it bounds the texts held.
const analysisWindow = 256

// writeSegment indexes the articles, newest first, into the folder dir,
// written under a temporary name and renamed when whole. Articles are
// read and analysed on every core, a window at a time; each body is read
// once and let go.
func writeSegment(ctx context.Context, dir string, arts []*Article, opt Options, loc *time.Location) (search.Info, error) {
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return search.Info{}, err
	}
	for _, sub := range []string{"d", "t"} {
		if err := os.MkdirAll(filepath.Join(tmp, sub), 0o755); err != nil {
			return search.Info{}, err
		}
	}
	seg := search.NewSegment(func(name string, data []byte) error {
		return os.WriteFile(filepath.Join(tmp, filepath.FromSlash(name)), data, 0o644)
	})
	workers := runtime.GOMAXPROCS(0)
	analyzers := make(chan *search.Analyzer, workers)
	for range workers {
		analyzers <- search.NewAnalyzer()
	}
	// One goroutine adds a window's documents, in order, while the next
	// window is analysed.
	windows := make(chan []search.Analyzed, 1)
	added := make(chan error, 1)
	go func() {
		var err error
		for xs := range windows {
			for _, x := range xs {
				if err == nil {
					err = seg.Add(x)
				}
			}
		}
		added <- err
	}()
	analyze := func() error {
		defer close(windows)
		for start := 0; start < len(arts); start += analysisWindow {
			window := arts[start:min(start+analysisWindow, len(arts))]
			xs := make([]search.Analyzed, len(window))
			g, gctx := errgroup.WithContext(ctx)
			g.SetLimit(workers)
			for i, a := range window {
				g.Go(func() error {
					if err := gctx.Err(); err != nil {
						return err
					}
					an := <-analyzers
					defer func() { analyzers <- an }()
					var err error
					xs[i], err = an.Analyze(searchDoc(a, opt, loc))
					return err
				})
			}
			if err := g.Wait(); err != nil {
				return err
			}
			windows <- xs
		}
		return nil
	}
	err := analyze()
	if addErr := <-added; err == nil {
		err = addErr
	}
	if err != nil {
		return search.Info{}, err
	}
	info, err := seg.Close()
	if err != nil {
		return info, err
	}
	return info, os.Rename(tmp, dir)
}

// searchDoc is what the index reads of an article: what its page shows
// (the lead only, for an excerpt), in plain text.
func searchDoc(a *Article, opt Options, loc *time.Location) search.Doc {
	text := ""
	if a.Excerpt {
		text = a.Lead()
	} else {
		text = a.Text()
	}
	lang := a.Language
	if lang == "" {
		lang = opt.Site.Language
	}
	d := search.Doc{Path: a.Path, Title: a.Title, Outlet: a.Outlet, Language: lang, Text: strings.TrimSpace(text)}
	if !a.Date.IsZero() {
		d.Date, d.ISODate = showDateTime(a.Date, loc), a.Date.UTC().Format(time.RFC3339)
	}
	return d
}
