package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT is set. Below it the collector paces itself by GOGC as
// always; near it the collector runs sooner, so the heap of a big build
// (whose live part is a gigabyte at 100,000 articles) does not grow to
// twice its live part, as GOGC 100 lets it.
const defaultMemoryLimit = 1536 << 20

// limitMemory sets the soft memory limit, unless the user set
// GOMEMLIMIT, and raises it after any collection that leaves the live
// heap above two thirds of it, to one and a half times the live heap: a
// limit close to what is live would make the collector run again and
// again for little (thrashing). It returns a function that stops
// raising the limit.
func limitMemory() (stop func()) {
	if v, ok := os.LookupEnv("GOMEMLIMIT"); ok && v != "" {
		return func() {}
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	l := &memoryLimiter{limit: defaultMemoryLimit, live: liveHeap, set: func(n int64) { debug.SetMemoryLimit(n) }}
	return afterEachGC(l.afterGC)
}

// A memoryLimiter keeps the soft memory limit above the live heap by a
// half.
type memoryLimiter struct {
	limit int64
	live  func() int64 // the live heap of the last collection
	set   func(int64)  // sets the runtime's limit
}

// afterGC raises the limit when the live heap left by a collection is
// above two thirds of it. The limit is never lowered: a heap that was
// this large may well grow this large again.
func (l *memoryLimiter) afterGC() {
	live := l.live()
	if live <= l.limit/3*2 {
		return
	}
	l.limit = live / 2 * 3
	l.set(l.limit)
}

// liveHeap is the bytes of heap objects the last collection marked live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// afterEachGC calls fn after each garbage collection (from the
// runtime's cleanup goroutine, one call at a time, soon after the
// collection finished), until stop is called. It hangs a cleanup on an
// object nothing points to: the collection that finds it unreachable
// runs the cleanup, which calls fn and hangs a new one for the next.
func afterEachGC(fn func()) (stop func()) {
	var stopped atomic.Bool
	var arm func()
	arm = func() {
		// A pointer in the object keeps it out of the tiny allocator,
		// whose blocks (and cleanups) can outlive a collection.
		s := &gcSentinel{}
		runtime.AddCleanup(s, func(struct{}) {
			if stopped.Load() {
				return
			}
			fn()
			arm()
		}, struct{}{})
	}
	arm()
	return func() { stopped.Store(true) }
}

// gcSentinel is an object whose collection marks the end of a cycle.
type gcSentinel struct {
	_ *byte
}
