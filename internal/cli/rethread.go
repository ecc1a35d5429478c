package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/digest-news/digest/internal/importer"
	"github.com/digest-news/digest/internal/thread"
)

func rethreadCommand() *command {
	return &command{
		name: "rethread", args: "",
		short: "thread every article again from scratch",
		long: `
Import threads new articles as they arrive and never moves an article once
it is in a story. rethread starts over: it threads every article of the
content folder again, in publication order, with the current settings.
Articles an editor has changed keep their thread, and the threads they are
in keep their ids; other articles may move, and stories may get new ids —
and so new URLs and feeds. Run it after changing threading settings.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			var o overrides
			o.define(fs, flagContent)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q; rethread takes flags only", args[0])}
				}
				cfg, err := e.loadConfigWith(&o)
				if err != nil {
					return err
				}
				unlock, err := e.lock("rethread")
				if err != nil {
					return err
				}
				defer unlock()
				start := time.Now()
				res, err := importer.Rethread(ctx, e.path(cfg.Build.ContentDir), thread.Options{Threshold: cfg.Threads.Threshold, Batch: cfg.Threads.Batch, Linkage: cfg.Threads.Linkage})
				if err != nil {
					return err
				}
				e.printf("rethread: %d articles, %d moved, %d kept by editors (%s)\n", res.Articles, res.Moved, res.Kept, time.Since(start).Round(time.Millisecond))
				return nil
			}
		},
	}
}
