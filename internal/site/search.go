package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Search is Pagefind's: it indexes the finished HTML files and writes a
// static index under pagefind/ that the browser queries, so search works
// on any static host. Only the parts of pages marked data-pagefind-body
// (articles and story pages) are indexed.

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
// was asked for and npx is on PATH. Pages are rendered knowing the
// answer, so the search page can say when search is unavailable.
func searchAvailable(opt Options) bool {
	if !opt.Search {
		return false
	}
	if _, err := exec.LookPath("npx"); err != nil {
		logf(opt, "build: note: npx (Node.js) is not on PATH, so the site has no search index; install Node.js 18+ to add search\n")
		return false
	}
	return true
}

// indexSearch runs Pagefind over the staging folder, before the swap, so
// the published site is never half indexed. An indexer that fails (no
// network on a machine that never fetched it, say) leaves the site without
// search and says why; the search page then falls back to its plain text.
// Only a cancelled build is an error.
func indexSearch(ctx context.Context, dir string, opt Options) error {
	args := pagefindCommand(dir)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false", "npm_config_loglevel=error", "npm_config_prefer_offline=true")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		if rmErr := os.RemoveAll(filepath.Join(dir, "pagefind")); rmErr != nil {
			return fmt.Errorf("search: remove partial index: %w", rmErr)
		}
		logf(opt, "build: note: the search index was not built (%s %s: %v); the site works without it\n%s\n",
			args[0], strings.Join(args[1:3], " "), err, lastLines(out.String(), 5))
	}
	return nil
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
