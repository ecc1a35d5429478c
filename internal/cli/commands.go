package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/importer"
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
file never stops the batch: it is reported, and the exit code is 1.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fs, flagContent)
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usageError{"no PATH given; name raw article files or folders to import"}
				}
				cfg, err := e.loadConfigWith(&o)
				if err != nil {
					return err
				}
				return runImport(ctx, e, cfg, e.path(cfg.Build.ContentDir), args)
			}
		},
	}
}

// importOptions are the settings of `digest import` under cfg; `digest
// eval threads` imports with the same ones.
func importOptions(cfg config.Config, contentDir, cacheDir string) importer.Options {
	opt := importer.Options{ContentDir: contentDir, MaxFileSize: cfg.Import.MaxFileSize, Timeout: cfg.ImportTimeout(), CacheDir: cacheDir}
	opt.Thread.Threshold = cfg.Threads.Threshold
	return opt
}

func runImport(ctx context.Context, e *env, cfg config.Config, contentDir string, paths []string) error {
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
		return err
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
	if res.Summary.Failed > 0 || len(res.Errors) > 0 {
		return silentError{ExitFailure}
	}
	return nil
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

func (e *env) siteOptions(cfg config.Config, contentDir, out string, noMinify bool) site.Options {
	return site.Options{
		Site: site.SettingsFrom(cfg), Content: os.DirFS(e.path(contentDir)), Layouts: e.themeFS("layouts"), Assets: e.themeFS("assets"),
		Out: e.path(out), NoMinify: noMinify, CacheDir: e.path(".digest-cache"),
		Search: cfg.Search.Enabled,
		Logf:   func(format string, args ...any) { fmt.Fprintf(e.stderr, format, args...) },
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
