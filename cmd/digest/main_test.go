package main

import (
	"io"
	"os"
	"testing"
)

// TestSecondSignalExits: the first signal cancels, the second exits with
// 130 whatever the command is doing (before, both only cancelled a
// context that a blocked read never looked at).
func TestSecondSignalExits(t *testing.T) {
	sigs := make(chan os.Signal, 2)
	cancelled := make(chan bool, 1)
	exited := make(chan int, 1)
	go onSignals(sigs, func() { cancelled <- true }, io.Discard, func(code int) { exited <- code })
	sigs <- os.Interrupt
	<-cancelled
	select {
	case code := <-exited:
		t.Fatalf("exited (%d) at the first signal", code)
	default:
	}
	sigs <- os.Interrupt
	if code := <-exited; code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
}
