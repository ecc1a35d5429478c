// Package testutil holds what the tests of several packages measure the
// same way: the bytes a piece of work allocates, and whether the test
// binary runs under the race detector (whose instrumentation changes what
// the program allocates and multiplies its time). Only tests import it.
package testutil

import "runtime"

// Allocated returns the bytes f allocates, after a collection so that
// what came before does not count.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
