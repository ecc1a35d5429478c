package lock

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAcquireRelease(t *testing.T) {
	root := t.TempDir()
	l, err := Acquire(root, "import")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(root, "build")
	var held *HeldError
	if !errors.As(err, &held) {
		t.Fatalf("second Acquire: %v, want HeldError", err)
	}
	if held.Holder.PID != os.Getpid() || held.Holder.Command != "import" {
		t.Errorf("holder %+v", held.Holder)
	}
	for _, w := range []string{"digest import", "process", FileName} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q lacks %q", err, w)
		}
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l, err = Acquire(root, "build")
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	l.Release()
	if _, err := os.Stat(filepath.Join(root, FileName)); !os.IsNotExist(err) {
		t.Errorf("lock file left: %v", err)
	}
}

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	return cmd.Process.Pid
}

func TestStaleLockTakenOver(t *testing.T) {
	root := t.TempDir()
	host, _ := os.Hostname()
	b, _ := json.Marshal(Holder{PID: deadPID(t), Host: host, Command: "import", Start: time.Now()})
	if err := os.WriteFile(filepath.Join(root, FileName), b, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Acquire(root, "build")
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	l.Release()

	// A half-written lock file: fresh, it is held; a minute old, stale.
	p := filepath.Join(root, FileName)
	if err := os.WriteFile(p, []byte(`{"pid":`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Acquire(root, "build"); err == nil {
		t.Fatal("a lock being written was taken")
	}
	old := time.Now().Add(-2 * time.Minute)
	os.Chtimes(p, old, old)
	l, err = Acquire(root, "build")
	if err != nil {
		t.Fatalf("old broken lock not taken over: %v", err)
	}
	l.Release()
}

func TestOtherHostsLockIsHeld(t *testing.T) {
	root := t.TempDir()
	b, _ := json.Marshal(Holder{PID: deadPID(t), Host: "elsewhere.invalid", Command: "build", Start: time.Now()})
	os.WriteFile(filepath.Join(root, FileName), b, 0o644)
	var held *HeldError
	if _, err := Acquire(root, "import"); !errors.As(err, &held) || !strings.Contains(err.Error(), "elsewhere.invalid") {
		t.Errorf("another machine's lock: %v", err)
	}
}
