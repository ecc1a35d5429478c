package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

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
entries at once. Without feeds.hub it does nothing.`,
		define: func(fls *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fls, flagOut, flagBaseURL)
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
				if err := websub.Publish(ctx, nil, cfg.Feeds.Hub, topics); err != nil {
					return err
				}
				e.printf("ping: %s told of %d feeds\n", cfg.Feeds.Hub, len(topics))
				return nil
			}
		},
	}
}
