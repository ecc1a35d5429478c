package main

import (
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// TestMemoryLimiterRaises: the limit rises to one and a half times the
// live heap once the live heap passes two thirds of it, and never falls.
func TestMemoryLimiterRaises(t *testing.T) {
	const mib = 1 << 20
	steps := []struct {
		name      string
		live      int64
		wantLimit int64
		wantSet   bool
	}{
		{"well below two thirds", 600 * mib, 1500 * mib, false},
		{"at two thirds", 1000 * mib, 1500 * mib, false},
		{"above two thirds", 1200 * mib, 1800 * mib, true},
		{"above the new two thirds", 1400 * mib, 2100 * mib, true},
		{"the heap shrinks again", 300 * mib, 2100 * mib, false},
	}
	var live int64
	var set []int64
	l := &memoryLimiter{limit: 1500 * mib, live: func() int64 { return live }, set: func(n int64) { set = append(set, n) }}
	for _, s := range steps {
		live, set = s.live, nil
		l.afterGC()
		if l.limit != s.wantLimit {
			t.Errorf("%s: limit %d MiB, want %d MiB", s.name, l.limit/mib, s.wantLimit/mib)
		}
		if s.wantSet != (len(set) == 1 && set[0] == s.wantLimit) || len(set) > 1 {
			t.Errorf("%s: set the runtime's limit to %v, want it set: %v", s.name, set, s.wantSet)
		}
	}
}

// TestAfterEachGCRuns: the hook runs after every collection, and no more
// once stopped.
func TestAfterEachGCRuns(t *testing.T) {
	var n atomic.Int32
	stop := afterEachGC(func() { n.Add(1) })
	for i := 0; i < 3; i++ {
		want := n.Load() + 1
		runtime.GC()
		waitFor(t, func() bool { return n.Load() >= want })
	}
	stop()
	// The cleanup armed before stop still runs once, and returns
	// without calling the hook or arming another.
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	after := n.Load()
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	time.Sleep(50 * time.Millisecond)
	if got := n.Load(); got != after {
		t.Errorf("the hook ran %d more times after stop", got-after)
	}
}

// TestLimitRisesWithLiveHeap: with the runtime's own live heap, a limit
// below one and a half times what is live is raised after a collection.
func TestLimitRisesWithLiveHeap(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(prev)
	const small = 16 << 20
	debug.SetMemoryLimit(small)
	l := &memoryLimiter{limit: small, live: liveHeap, set: func(n int64) { debug.SetMemoryLimit(n) }}
	stop := afterEachGC(l.afterGC)
	defer stop()
	kept := make([][]byte, 32)
	for i := range kept {
		kept[i] = make([]byte, 1<<20) // 32 MiB live, twice the limit
	}
	runtime.GC()
	waitFor(t, func() bool { return debug.SetMemoryLimit(-1) >= 48<<20 })
	runtime.KeepAlive(kept)
}

// TestLimitMemoryLeavesGOMEMLIMIT: a limit the user set is left alone.
func TestLimitMemoryLeavesGOMEMLIMIT(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(prev)
	t.Setenv("GOMEMLIMIT", "3GiB")
	debug.SetMemoryLimit(3 << 30)
	limitMemory()()
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("limit %d, want the user's 3 GiB", got)
	}
	t.Setenv("GOMEMLIMIT", "")
	limitMemory()()
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("limit %d, want the default %d", got, int64(defaultMemoryLimit))
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting after the collection")
		}
		runtime.GC() // a cleanup queued by the last cycle runs soon; nudge
		time.Sleep(5 * time.Millisecond)
	}
}
