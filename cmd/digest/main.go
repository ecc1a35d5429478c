// Command digest turns scraped news articles into a news digest website
// grouped by story thread, with RSS, Atom and JSON feeds. Run `digest help`.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/digest-news/digest/internal/cli"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go onSignals(sigs, cancel, os.Stderr, os.Exit)
	stopLimit := limitMemory()
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopLimit()
	signal.Stop(sigs)
	os.Exit(code)
}

// onSignals cancels the command at the first signal, so that it stops
// cleanly (nothing published is changed), and exits at once at the
// second: whatever the command is waiting on, a user who asks twice is
// never ignored.
func onSignals(sigs <-chan os.Signal, cancel func(), stderr io.Writer, exit func(int)) {
	<-sigs
	cancel()
	<-sigs
	fmt.Fprintln(stderr, "digest: interrupted twice; stopping now")
	exit(cli.ExitInterrupted)
}
