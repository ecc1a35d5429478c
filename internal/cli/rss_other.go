//go:build !unix

package cli

import "os"

// peakRSSKiB is 0 where a finished process's peak memory is not at hand
// (Windows gives it only while the process's handle is open): the bench
// prints 0 MiB there.
func peakRSSKiB(*os.ProcessState) int64 { return 0 }
