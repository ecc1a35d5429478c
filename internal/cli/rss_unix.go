//go:build unix

package cli

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSSKiB is the peak resident set of a finished child process, in
// KiB: getrusage's ru_maxrss, which macOS gives in bytes and the other
// systems in KiB.
func peakRSSKiB(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) >> 10
	}
	return int64(ru.Maxrss)
}
