package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/websub"
)

func pingCommand() *command {
	return &command{
		name: "ping", args: "",
		short: "tell the WebSub hub (feeds.hub) that the published feeds changed",
		long: `
Run after a deploy. For every feed of the built site (index.xml, atom.xml,
feed.json in the output folder) it sends the hub set as feeds.hub in
digest.toml a WebSub publish notice, so subscribed readers fetch the new
entries at once. Without feeds.hub it does nothing.

With --wait-live DURATION it first waits, up to DURATION, until the live
site (base_url) serves the feed the build wrote (index.xml, byte for byte:
builds are deterministic), so that subscribers who fetch at once get the new
entries; if the site does not serve it in time, ping fails and tells no one.`,
		define: func(fls *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fls, flagOut, flagBaseURL)
			waitLive := fls.Duration("wait-live", 0, "first wait up to this long until the live site serves this build's index.xml")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q", args[0])}
				}
				cfg, err := e.loadConfigWith(&o)
				if err != nil {
					return err
				}
				if cfg.Feeds.Hub == "" {
					e.printf("ping: no feeds.hub in %s; nothing to do\n", "digest.toml")
					return nil
				}
				out := e.path(cfg.Build.OutputDir)
				var topics []string
				err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
					if err != nil {
						return err
					}
					switch d.Name() {
					case "index.xml", "atom.xml", "feed.json":
						rel, _ := filepath.Rel(out, p)
						topics = append(topics, cfg.BaseURL+strings.TrimPrefix(filepath.ToSlash(rel), "./"))
					}
					return nil
				})
				if err != nil {
					return fmt.Errorf("ping: %w (build the site first)", err)
				}
				sort.Strings(topics)
				if *waitLive > 0 {
					if err := waitUntilLive(ctx, cfg.BaseURL+"index.xml", filepath.Join(out, "index.xml"), *waitLive, pollEvery); err != nil {
						return err
					}
					e.printf("ping: %sindex.xml is live\n", cfg.BaseURL)
				}
				if err := websub.Publish(ctx, nil, cfg.Feeds.Hub, topics); err != nil {
					return err
				}
				e.printf("ping: %s told of %d feeds\n", cfg.Feeds.Hub, len(topics))
				return nil
			}
		},
	}
}

// pollEvery is how often waitUntilLive asks the live site.
var pollEvery = 15 * time.Second

// waitUntilLive returns when url serves exactly the bytes of the file built,
// asking every poll until within; it fails, naming what the site served,
// when the time is up.
func waitUntilLive(ctx context.Context, url, built string, within, poll time.Duration) error {
	want, err := os.ReadFile(built)
	if err != nil {
		return fmt.Errorf("ping: %w (build the site first)", err)
	}
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	last := "no answer"
	for {
		got, status, err := fetchBody(ctx, url)
		switch {
		case err != nil:
			last = err.Error()
		case status != http.StatusOK:
			last = fmt.Sprintf("status %d", status)
		case bytes.Equal(got, want):
			return nil
		default:
			last = "an older index.xml"
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("ping: %s is not live after %s (last: %s); the hub was not told", url, within, last)
			}
			return ctx.Err()
		case <-time.After(poll):
		}
	}
}

func fetchBody(ctx context.Context, url string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Cache-Control", "no-cache")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	return body, resp.StatusCode, err
}
