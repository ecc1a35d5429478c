package cli

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestPeakHeapWritesWholeProfiles: the peak profile is replaced only by a
// whole one (written beside it and renamed), so that the last one
// parses and no partial file is left behind.
func TestPeakHeapWritesWholeProfiles(t *testing.T) {
	name := filepath.Join(t.TempDir(), "build.peakheap.prof")
	stop, done := make(chan struct{}), make(chan struct{})
	go func() { peakHeap(name, stop); close(done) }()
	var kept [][]byte
	deadline := time.Now().Add(10 * time.Second)
	for {
		kept = append(kept, make([]byte, 4<<20))
		runtime.GC()
		if _, err := os.Stat(name); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	close(stop)
	<-done
	runtime.KeepAlive(kept)
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("no peak profile: %v", err)
	}
	defer f.Close()
	// A profile is gzipped protocol buffers: a cut one fails gzip's
	// length and checksum at its end.
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("the peak profile is not gzipped: %v", err)
	}
	if n, err := io.Copy(io.Discard, z); err != nil || n == 0 {
		t.Errorf("the peak profile is cut or empty: %d bytes, %v", n, err)
	}
	if _, err := os.Stat(name + ".tmp"); err == nil {
		t.Errorf("a partial profile was left behind")
	}
}
