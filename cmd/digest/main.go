// Command digest turns scraped news articles into a news digest website
// grouped by story thread, with RSS, Atom and JSON feeds. Run `digest help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/digest-news/digest/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
