package cli

import (
	"fmt"
	"time"
)

// buildProgress reports a long build's progress on stderr when it is a
// terminal, at most ten times a second; elsewhere (CI logs, pipes) it
// returns nil and the one-line summary is all there is.
func (e *env) buildProgress(start time.Time) func(done, total int) {
	if e.quiet || !isTerminal(e.stderr) {
		return nil
	}
	var last time.Time
	return func(done, total int) {
		now := time.Now()
		if done < total && now.Sub(last) < 100*time.Millisecond {
			return
		}
		last = now
		if done == total {
			fmt.Fprint(e.stderr, "\r\033[K")
			return
		}
		if now.Sub(start) > 500*time.Millisecond {
			fmt.Fprintf(e.stderr, "\rrendering %d/%d pages", done, total)
		}
	}
}
