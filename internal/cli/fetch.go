package cli

import (
	"context"
	"flag"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/config"
	crawl "github.com/digest-news/digest/internal/fetch"
	"github.com/digest-news/digest/internal/importer"
)

func fetchCommand() *command {
	return &command{
		name: "fetch", args: "",
		short: "fetch new articles from the [[sources]] of digest.toml and import them",
		long: `
Reads every source (an RSS, Atom or JSON feed, or a news sitemap), fetches
the pages of the items it has not seen, extracts each article as import
does an HTML page and imports them all, threaded, in one batch. It is a
polite crawler: conditional requests (ETag, Last-Modified), robots.txt,
fetch.rate requests a second and fetch.per_host in flight per host,
timeouts, retries with backoff on 429 and 5xx (Retry-After honoured), a
size limit and a redirect limit, and fetch.user_agent on every request.
What it has seen is kept in fetch.state_file (fetch-state.json): commit it.
A source or a page that fails is reported and the rest go on; the exit
code is then 1.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fs, flagContent)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q; fetch reads the [[sources]] of digest.toml", args[0])}
				}
				cfg, err := e.loadConfigWith(&o)
				if err != nil {
					return err
				}
				unlock, err := e.lock("fetch")
				if err != nil {
					return err
				}
				defer unlock()
				return runFetch(ctx, e, cfg)
			}
		},
	}
}

func runFetch(ctx context.Context, e *env, cfg config.Config) error {
	start := time.Now()
	if len(cfg.Sources) == 0 {
		e.printf("fetch: no [[sources]] in %s; nothing to fetch\n", config.FileName)
		return nil
	}
	statePath := e.path(cfg.Fetch.StateFile)
	st, err := crawl.LoadState(statePath)
	if err != nil {
		return err
	}
	opt := crawl.Options{
		Client: crawl.ClientOptions{
			UserAgent: cfg.Fetch.UserAgent, Timeout: cfg.FetchTimeout(), MaxBytes: cfg.Fetch.MaxBytes,
			Rate: cfg.Fetch.Rate, PerHost: cfg.Fetch.PerHost, Concurrency: cfg.Fetch.Concurrency,
			Retries: cfg.Fetch.Retries, Redirects: cfg.Fetch.Redirects,
		},
		MaxItems: cfg.Fetch.MaxItems, MaxAge: cfg.FetchMaxAge(), Now: start,
	}
	for _, s := range cfg.Sources {
		src := crawl.Source{URL: s.URL, Name: s.Name, Language: s.Language, Publish: cfg.SourcePublish(s)}
		for _, p := range s.Include {
			src.Include = append(src.Include, regexp.MustCompile(p)) // validated with the config
		}
		for _, p := range s.Exclude {
			src.Exclude = append(src.Exclude, regexp.MustCompile(p))
		}
		opt.Sources = append(opt.Sources, src)
	}
	if isTerminal(e.stderr) && !e.quiet {
		var last time.Time
		opt.Progress = func(done, total int) {
			if now := time.Now(); done == total || now.Sub(last) > 100*time.Millisecond {
				last = now
				fmt.Fprintf(e.stderr, "\rfetching %d/%d pages", done, total)
				if done == total {
					fmt.Fprint(e.stderr, "\r\033[K")
				}
			}
		}
	}
	res := crawl.Run(ctx, st, opt)
	if err := ctx.Err(); err != nil {
		return err
	}
	failed := 0
	for _, r := range res.Reports {
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(e.stderr, "error: source %s: %v\n", r.Source.URL, r.Err)
		case r.NotModified:
			e.verbosef("%s: not modified\n", r.Source.URL)
		default:
			e.verbosef("%s: %d items, %d new, %d fetched, %d failed\n", r.Source.URL, r.Listed, r.New, r.Fetched, r.Failed)
		}
	}
	for _, err := range res.Errors {
		fmt.Fprintf(e.stderr, "error: %v\n", err)
	}
	iopt := importOptions(cfg, e.path(cfg.Build.ContentDir), e.path(".digest-cache"))
	iopt.MaxFileSize = max(iopt.MaxFileSize, cfg.Fetch.MaxBytes)
	iopt.MaxArticleSize = max(iopt.MaxArticleSize, cfg.Fetch.MaxBytes)
	for _, p := range res.Pages {
		iopt.Items = append(iopt.Items, p.Item)
	}
	var sum importer.Summary
	bad := map[string]bool{}
	if len(iopt.Items) > 0 {
		ires, err := importer.Run(ctx, nil, iopt)
		if err != nil {
			return err
		}
		for _, err := range ires.Errors {
			fmt.Fprintf(e.stderr, "error: %v\n", err)
			// Errors name the item's URL first: such an item is tried
			// again on the next run.
			if u, _, ok := strings.Cut(err.Error(), ": "); ok {
				bad[u] = true
			}
		}
		for _, n := range ires.Notices {
			e.verbosef("note: %s\n", n)
		}
		sum = ires.Summary
	}
	var seen []string
	for _, p := range res.Pages {
		if !bad[p.ItemURL] {
			seen = append(seen, p.ItemURL)
		}
	}
	st.MarkSeen(seen, start)
	if err := st.Save(statePath, start); err != nil {
		return fmt.Errorf("fetch: saving %s: %w", cfg.Fetch.StateFile, err)
	}
	notModified, pages := 0, 0
	for _, r := range res.Reports {
		if r.NotModified {
			notModified++
		}
		pages += r.Fetched
	}
	e.printf("fetch: %d sources (%d unchanged, %d failed), %d pages fetched, %d failed; %s (%s)\n",
		len(res.Reports), notModified, failed, pages, len(res.Errors), sum, time.Since(start).Round(time.Millisecond))
	if failed > 0 || len(res.Errors) > 0 || sum.Failed > 0 {
		return silentError{ExitFailure}
	}
	return nil
}
