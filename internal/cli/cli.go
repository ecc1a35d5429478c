// Package cli is digest's command line: it parses subcommands and flags,
// loads the configuration once and wires it, field by field, into the
// pipeline's stages.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	theme "github.com/digest-news/digest"
	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/lock"
)

// Exit codes, documented in `digest help`.
const (
	ExitOK          = 0 // success
	ExitFailure     = 1 // the command ran but something failed (bad files, build errors)
	ExitUsage       = 2 // the command line was wrong
	ExitInterrupted = 130
)

// command is one subcommand.
type command struct {
	name  string
	args  string // synopsis of the arguments
	short string // one line for `digest help`
	long  string // the rest of `digest <cmd> -h`
	// define registers the command's own flags and returns what runs it
	// with the arguments left after the flags.
	define func(fs *flag.FlagSet, e *env) func(ctx context.Context, args []string) error
}

// env is what every command gets: the output streams and the site's
// common flags.
type env struct {
	stdout, stderr io.Writer
	root           string // site root: digest.toml, content/, layouts/, assets/
	configPath     string
	contentDir     string // resolved, once the configuration is loaded
	quiet, verbose bool
}

// usageError is a wrong command line; it prints a hint and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// silentError is a failure already reported to the user.
type silentError struct{ code int }

func (silentError) Error() string { return "" }

func commands() []*command {
	return []*command{
		initCommand(), fetchCommand(), importCommand(), buildCommand(), serveCommand(), rethreadCommand(), pingCommand(), evalCommand(), configCommand(), versionCommand(),
		genCommand(), benchCommand(),
	}
}

// Run runs digest with the arguments after the program name and returns
// the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			if c := find(args[1]); c != nil {
				printCommandHelp(stdout, c, nil)
				return ExitOK
			}
			fmt.Fprintf(stderr, "digest: unknown command %q\nRun 'digest help' for the list of commands.\n", args[1])
			return ExitUsage
		}
		printHelp(stdout)
		return ExitOK
	}
	c := find(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "digest: unknown command %q\nRun 'digest help' for the list of commands.\n", args[0])
		return ExitUsage
	}
	e := &env{stdout: stdout, stderr: stderr}
	fs := newFlagSet(c, e)
	run := c.define(fs, e)
	err := parse(c, e, fs, args[1:])
	if err == nil {
		err = run(ctx, fs.Args())
	}
	var ue usageError
	var se silentError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "digest %s: %s\nRun 'digest %s -h' for usage.\n", c.name, ue.msg, c.name)
		return ExitUsage
	case errors.As(err, &se):
		return se.code
	case ctx.Err() != nil:
		fmt.Fprintf(stderr, "digest %s: interrupted; nothing published was changed\n", c.name)
		return ExitInterrupted
	default:
		fmt.Fprintf(stderr, "digest %s: %v\n", c.name, err)
		return ExitFailure
	}
}

func find(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `digest turns scraped news articles into a news digest website grouped by
story thread, with RSS, Atom and JSON feeds.

Usage:
  digest <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, `  help     show this help, or a command's: digest help <command>

A site is a folder with digest.toml, content/ (and optionally layouts/ and
assets/ to replace the built-in theme). Run a command inside it, or point at
it with --root.

Exit codes:
  0    success
  1    the command ran but something failed: files that could not be
       imported, content errors, a failed build (each reported on stderr)
  2    the command line was wrong (unknown command or flag, missing argument)
  130  interrupted (Ctrl-C); nothing published was changed
`)
}

func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: digest %s [flags] %s\n\n%s\n", c.name, c.args, c.short)
	if c.long != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.long))
	}
	if fs == nil {
		fs = newFlagSet(c, &env{})
		c.define(fs, &env{})
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// newFlagSet makes a flag set with the flags every command shares.
func newFlagSet(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("digest "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.root, "root", ".", "the site's folder (digest.toml, content/, layouts/, assets/)")
	fs.StringVar(&e.configPath, "config", "", "configuration file (default ROOT/digest.toml)")
	fs.BoolVar(&e.quiet, "quiet", false, "print only errors")
	fs.BoolVar(&e.verbose, "verbose", false, "print every file and notice")
	return fs
}

// parse parses a command's flags; -h prints the command's help.
func parse(c *command, e *env, fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandHelp(e.stdout, c, fs)
			return flag.ErrHelp
		}
		return usageError{strings.TrimPrefix(err.Error(), "flag provided but not defined: ")}
	}
	if e.quiet && e.verbose {
		return usageError{"--quiet and --verbose contradict each other; give one"}
	}
	return nil
}

// loadConfig reads the site's configuration once.
func (e *env) loadConfig() (config.Config, error) {
	return config.Load(e.configFile())
}

// lock takes the site's lock for the command what, so that no other
// import, build or rethread works on the site meanwhile; the function
// returned gives it back.
func (e *env) lock(what string) (func(), error) {
	if err := os.MkdirAll(e.root, 0o755); err != nil {
		return nil, err
	}
	l, err := lock.Acquire(e.root, what)
	if err != nil {
		return nil, err
	}
	// Under the lock no other run is writing: whatever temporary files
	// are left in the content and cache folders were a killed run's.
	for _, dir := range []string{e.contentDir, e.path(".digest-cache")} {
		if dir == "" {
			continue
		}
		if n, err := cache.RemoveTemps(dir); err != nil {
			fmt.Fprintf(e.stderr, "digest %s: cleaning up after a killed run: %v\n", what, err)
		} else if n > 0 {
			e.verbosef("note: removed %d temporary file(s) a killed run left in %s\n", n, dir)
		}
	}
	return func() {
		if err := l.Release(); err != nil {
			fmt.Fprintf(e.stderr, "digest %s: %v\n", what, err)
		}
	}, nil
}

// configFile is the configuration file's path.
func (e *env) configFile() string {
	if e.configPath != "" {
		return e.configPath
	}
	return filepath.Join(e.root, config.FileName)
}

// path resolves a path flag against the site root unless it is absolute.
func (e *env) path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.root, p)
}

// themeFS returns the site's own folder name (layouts or assets) when it
// exists, else the built-in theme's.
func (e *env) themeFS(name string) fs.FS {
	dir := e.path(name)
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return os.DirFS(dir)
	}
	sub, err := fs.Sub(theme.Theme, name)
	if err != nil {
		panic(err) // the embedded theme always has both folders
	}
	return sub
}

func (e *env) printf(format string, args ...any) {
	if !e.quiet {
		fmt.Fprintf(e.stdout, format, args...)
	}
}

func (e *env) verbosef(format string, args ...any) {
	if e.verbose {
		fmt.Fprintf(e.stdout, format, args...)
	}
}

// isTerminal says whether w is a terminal, for progress output.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
