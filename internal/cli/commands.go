package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/importer"
	"github.com/digest-news/digest/internal/publish"
	"github.com/digest-news/digest/internal/site"
)

// version is set at link time (-ldflags "-X ...cli.version=v1.2.3"); when
// it is not, programVersion reads the module version that `go install
// …/cmd/digest@v1.2.3` records in the binary.
var version = "devel"

// programVersion is the version `digest version` prints.
func programVersion() string {
	if version != "devel" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}

func importCommand() *command {
	return &command{
		name: "import", args: "PATH...",
		short: "clean raw scraped articles into content/articles/",
		long: `
PATH is a raw article file or a folder of them, walked recursively:
  .txt         a plain-text dump of a page (title, paragraphs, then whatever
               the scraper caught: menus, teasers, comments …)
  .html .htm   an HTML page as fetched
  .jsonl       JSON Lines, one record an article; .json: an array of records
               (fields: id, title, text or html, url, source, author,
               published — see the README)
Each article becomes one Markdown file with front matter under
CONTENT/articles/, threaded into a story. Importing the same files again
changes nothing; a file an editor has changed is never overwritten. One bad
file never stops the batch: it is reported, and the exit code is 1.

With --done DIR each raw file moves to DIR as soon as the batch has
imported it (--done '' with --rejects deletes it instead); with --rejects
DIR a file that cannot be read (or a .json array with a bad record) moves
there, and a .jsonl file's bad lines are kept there while its good records
are imported; a .errors.txt beside each names the lines and what is wrong. An
inbox emptied so never holds a run back.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fs, flagContent)
			done := fs.String("done", "", "move each raw file that was imported to this `folder`")
			rejects := fs.String("rejects", "", "move raw files that cannot be imported, and the bad records of JSON files, to this `folder`")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usageError{"no PATH given; name raw article files or folders to import"}
				}
				cfg, err := e.loadConfigWith(&o)
				if err != nil {
					return err
				}
				unlock, err := e.lock("import")
				if err != nil {
					return err
				}
				defer unlock()
				if *done == "" && *rejects == "" {
					return runImport(ctx, e, cfg, e.path(cfg.Build.ContentDir), args)
				}
				return runInbox(ctx, e, cfg, args, *done, *rejects)
			}
		},
	}
}

// runInbox imports every file of paths in one batch, then moves each as
// --done and --rejects say.
func runInbox(ctx context.Context, e *env, cfg config.Config, paths []string, done, rejects string) error {
	ib, ferrs := newInbox(paths, done, rejects)
	for _, err := range ferrs {
		fmt.Fprintf(e.stderr, "error: %v\n", err)
	}
	if len(ib.files) == 0 {
		e.printf("import: nothing to import in %s\n", strings.Join(paths, ", "))
		if len(ferrs) > 0 {
			return silentError{ExitFailure}
		}
		return nil
	}
	res, err := importFiles(ctx, e, cfg, e.path(cfg.Build.ContentDir), ib.paths())
	if err != nil {
		return err
	}
	moved, rejected, problems := ib.settle(res.Errors)
	for _, err := range problems {
		fmt.Fprintf(e.stderr, "error: %v\n", err)
	}
	if rejects != "" && rejected > 0 {
		fmt.Fprintf(e.stderr, "import: %d files with bad records kept in %s (see the .errors.txt beside each)\n", rejected, rejects)
	}
	e.printf("import: %d files done, %d with rejects\n", moved, rejected)
	if res.Summary.Failed > 0 || len(res.Errors) > 0 || len(problems) > 0 || len(ferrs) > 0 {
		return silentError{ExitFailure}
	}
	return nil
}

// importOptions are the settings of `digest import` under cfg; `digest
// eval threads` imports with the same ones.
func importOptions(cfg config.Config, contentDir, cacheDir string) importer.Options {
	opt := importer.Options{ContentDir: contentDir, MaxFileSize: cfg.Import.MaxFileSize, MaxArticleSize: cfg.Import.MaxArticleSize, Timeout: cfg.ImportTimeout(), CacheDir: cacheDir}
	opt.Thread.Threshold = cfg.Threads.Threshold
	opt.Thread.Batch, opt.Thread.Linkage = cfg.Threads.Batch, cfg.Threads.Linkage
	return opt
}

func runImport(ctx context.Context, e *env, cfg config.Config, contentDir string, paths []string) error {
	res, err := importFiles(ctx, e, cfg, contentDir, paths)
	if err != nil {
		return err
	}
	if res.Summary.Failed > 0 || len(res.Errors) > 0 {
		return silentError{ExitFailure}
	}
	return nil
}

// importFiles imports paths in one batch and reports the outcome.
func importFiles(ctx context.Context, e *env, cfg config.Config, contentDir string, paths []string) (*importer.Result, error) {
	start := time.Now()
	opt := importOptions(cfg, contentDir, e.path(".digest-cache"))
	if isTerminal(e.stderr) && !e.quiet {
		opt.Progress = func(done, total int) {
			if done == total || done%50 == 0 {
				rate := float64(done) / time.Since(start).Seconds()
				fmt.Fprintf(e.stderr, "\rreading %d/%d files (%.0f/s)", done, total, rate)
				if done == total {
					fmt.Fprint(e.stderr, "\r\033[K")
				}
			}
		}
	}
	res, err := importer.Run(ctx, paths, opt)
	if err != nil {
		return nil, err
	}
	for _, err := range res.Errors {
		fmt.Fprintf(e.stderr, "error: %v\n", err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(e.stderr, "warning: %v\n", w)
	}
	for _, n := range res.Notices {
		e.verbosef("note: %s\n", n)
	}
	e.printf("import: %s (%s)\n", res.Summary, time.Since(start).Round(time.Millisecond))
	return res, nil
}

func buildCommand() *command {
	return &command{
		name: "build", args: "",
		short: "render the site from content/ into public/",
		long: `
Renders the home page, thread, article, tag, outlet and day pages, the RSS,
Atom and JSON feeds of the site and of every thread, tag and outlet, the
sitemaps and robots.txt, all minified. The new site is written beside the
output folder and swapped in only when the build succeeded: a failed or
interrupted build leaves the published folder as it was. Content errors
are listed all at once, file:line: problem.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fs, flagContent, flagOut, flagBaseURL)
			noMinify := fs.Bool("no-minify", false, "write HTML, CSS and feeds unminified, for debugging layouts")
			force := fs.Bool("force", false, "replace an output folder that holds files digest did not build (they are lost)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q; build takes flags only", args[0])}
				}
				cfg, err := e.loadConfigWith(&o)
				if err != nil {
					return err
				}
				start := time.Now()
				opt := e.siteOptions(cfg, cfg.Build.ContentDir, cfg.Build.OutputDir, *noMinify)
				if err := publish.CheckOut(opt.Out, e.protected(cfg)); err != nil {
					return err
				}
				unlock, err := e.lock("build")
				if err != nil {
					return err
				}
				defer unlock()
				if n, err := publish.RemoveLeftovers(opt.Out); err != nil {
					return err
				} else if n > 0 {
					e.verbosef("note: removed %d staging folder(s) a killed build left beside %s\n", n, opt.Out)
				}
				opt.Force = *force
				opt.Progress = e.buildProgress(start)
				stats, err := site.Build(ctx, opt)
				if err != nil {
					return err
				}
				e.printf("build: %s, %d files in %s (%s)\n", stats, stats.Files, cfg.Build.OutputDir, time.Since(start).Round(time.Millisecond))
				return nil
			}
		},
	}
}

// protected lists the folders a build's output folder must neither be
// nor hold: the site's, the content's, the configuration file's, the
// theme's and the cache's, and the user's home.
func (e *env) protected(cfg config.Config) []publish.Protected {
	p := []publish.Protected{
		{What: "the site's folder", Path: e.root},
		{What: "the content folder", Path: e.path(cfg.Build.ContentDir), Inside: true},
		{What: "the folder of the configuration file", Path: filepath.Dir(e.configFile())},
		{What: "the layouts folder", Path: e.path("layouts"), Inside: true},
		{What: "the assets folder", Path: e.path("assets"), Inside: true},
		{What: "the cache folder", Path: e.path(".digest-cache"), Inside: true},
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		p = append(p, publish.Protected{What: "your home folder", Path: home})
	}
	return p
}

func (e *env) siteOptions(cfg config.Config, contentDir, out string, noMinify bool) site.Options {
	return site.Options{
		Site: site.SettingsFrom(cfg), Content: os.DirFS(e.path(contentDir)), Layouts: e.themeFS("layouts"), Assets: e.themeFS("assets"),
		Out: e.path(out), NoMinify: noMinify, CacheDir: e.path(".digest-cache"),
		Search: cfg.Search.Enabled, SearchEngine: cfg.Search.Engine,
		Logf: func(format string, args ...any) { fmt.Fprintf(e.stderr, format, args...) },
	}
}

func configCommand() *command {
	return &command{
		name: "config", args: "",
		short: "print the effective configuration",
		long:  "Prints digest.toml as the build sees it: every key, with defaults filled in and flags applied.",
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fs, flagBaseURL, flagContent, flagOut, flagAddr)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q; config takes flags only", args[0])}
				}
				cfg, err := e.loadConfigWith(&o)
				if err != nil {
					return err
				}
				fmt.Fprint(e.stdout, cfg.String())
				return nil
			}
		},
	}
}

func versionCommand() *command {
	return &command{
		name: "version", short: "print the version",
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				fmt.Fprintf(e.stdout, "digest %s\n", programVersion())
				return nil
			}
		},
	}
}
