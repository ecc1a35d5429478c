package importer

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/ingest"
)

// TestReadWithinTheTimeout: a read that never returns (a file on a
// stalled share, a special file swapped in after the check) is reported
// with the file and the setting once import.timeout has passed, instead
// of holding the import for ever; a read that returns in time gives its
// items.
func TestReadWithinTheTimeout(t *testing.T) {
	unblock := make(chan struct{})
	defer close(unblock)
	stalled := func(string, ingest.Options) ([]ingest.Item, []error) {
		<-unblock
		return nil, nil
	}
	done := make(chan []error, 1)
	go func() {
		_, errs := readWithin(context.Background(), "raw/stalled.html", Options{Timeout: 50 * time.Millisecond}, stalled)
		done <- errs
	}()
	select {
	case errs := <-done:
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "raw/stalled.html") || !strings.Contains(errs[0].Error(), "raise import.timeout") {
			t.Errorf("errors %v, want one naming the file and import.timeout", errs)
		}
	case <-time.After(time.Minute):
		t.Fatal("readWithin waited on the stalled read") // a hang detector, not a timing assertion
	}

	quick := func(p string, _ ingest.Options) ([]ingest.Item, []error) {
		return []ingest.Item{{Origin: p}}, nil
	}
	items, errs := readWithin(context.Background(), "raw/quick.html", Options{Timeout: time.Minute}, quick)
	if len(errs) != 0 || len(items) != 1 || items[0].Origin != "raw/quick.html" {
		t.Errorf("items %v, errors %v", items, errs)
	}

	// A cancelled import stops waiting too.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, errs := readWithin(ctx, "raw/stalled.html", Options{Timeout: time.Hour}, stalled); len(errs) != 1 || !strings.Contains(errs[0].Error(), "canceled") {
		t.Errorf("cancelled: errors %v", errs)
	}
}
