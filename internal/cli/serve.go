package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"path/filepath"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/lock"
	"github.com/digest-news/digest/internal/serve"
	"github.com/digest-news/digest/internal/site"
)

func serveCommand() *command {
	return &command{
		name: "serve", args: "",
		short: "build the site and serve it locally for preview, rebuilding on every change",
		long: `
Builds the site into a temporary folder and serves it on 127.0.0.1:1313
(serve.addr in digest.toml, or --addr; it listens on all interfaces only
when told to, e.g. --addr 0.0.0.0:1313; port 0 picks a free one). Links
point at the local server whatever base_url says.

It watches CONTENT/, layouts/, assets/ and digest.toml, folders created
later included, rebuilds a moment after each change and reloads the open
pages. A failed build is printed here and shown over the page in the
browser, while the last good site keeps being served; fix the file and
save. Ctrl-C stops the server and removes the temporary folder; that is
the normal end of a preview, so the exit code is 0.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fs, flagContent, flagAddr)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q; serve takes flags only", args[0])}
				}
				return runServe(ctx, e, &o)
			}
		},
	}
}

func runServe(ctx context.Context, e *env, o *overrides) error {
	cfg, err := e.loadConfigWith(o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Serve.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server using the port? choose another with --addr)", cfg.Serve.Addr, err)
	}
	defer ln.Close()
	baseURL := "http://" + ln.Addr().String() + "/"
	// A preview killed outright (SIGKILL, a second Ctrl-C) cannot remove
	// its folder: the next one removes those whose process is gone.
	tmp, err := lock.TempDir("", "digest-serve-", "serve")
	if err != nil {
		return err
	}
	defer tmp.Remove()
	out := filepath.Join(tmp.Dir, "public")
	contentDir := cfg.Build.ContentDir

	build := func(ctx context.Context, changed []string) (string, error) {
		// The configuration is read again for every build, so that an
		// edit to digest.toml shows at once; a broken one is a failed
		// build like any other.
		cfg, err := e.loadConfigWith(o)
		if err != nil {
			return "", err
		}
		cfg.BaseURL = baseURL
		if err := cfg.Validate("serve", nil); err != nil {
			return "", err
		}
		opt := e.siteOptions(cfg, contentDir, out, false)
		opt.LiveReload = serve.ScriptPath
		stats, err := rebuild(ctx, opt, changed)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s, %d files", stats, stats.Files), nil
	}

	var log io.Writer = e.stdout
	if e.quiet {
		log = io.Discard
	}
	configPath := e.configPath
	if configPath == "" {
		configPath = filepath.Join(e.root, config.FileName)
	}
	err = serve.Run(ctx, serve.Options{
		Listener: ln, Dir: out, Build: build, Log: log, Errors: e.stderr,
		Watch: []string{e.path(contentDir), e.path("layouts"), e.path("assets"), configPath},
	})
	if err == nil {
		e.printf("serve: stopped\n")
	}
	return err
}

// rebuild brings the served folder up to date after changes to the named
// files (nil: build everything). It is a full build for now; an
// incremental build can take its place without touching the server.
func rebuild(ctx context.Context, opt site.Options, changed []string) (site.Stats, error) {
	_ = changed
	return site.Build(ctx, opt)
}
