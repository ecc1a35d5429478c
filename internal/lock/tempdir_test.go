package lock

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestTempDirSweepsAbandonedFolders: a preview killed with SIGKILL (or
// stopped by a second Ctrl-C, which exits at once) cannot remove its
// temporary folder; the next one does, and leaves alone the folders of
// previews still running, folders being made, and other programs' folders.
func TestTempDirSweepsAbandonedFolders(t *testing.T) {
	parent := t.TempDir()
	host, _ := os.Hostname()
	mk := func(name string, h *Holder, age time.Duration) string {
		t.Helper()
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(dir, "public"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "public", "index.html"), []byte("<p>x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if h != nil {
			b, _ := json.Marshal(h)
			if err := os.WriteFile(filepath.Join(dir, FileName), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		when := time.Now().Add(-age)
		os.Chtimes(dir, when, when)
		return dir
	}
	dead := mk("digest-serve-dead", &Holder{PID: deadPID(t), Host: host, Command: "serve"}, time.Hour)
	old := mk("digest-serve-old", nil, time.Hour)
	live := mk("digest-serve-live", &Holder{PID: os.Getpid(), Host: host, Command: "serve"}, time.Hour)
	remote := mk("digest-serve-remote", &Holder{PID: deadPID(t), Host: host + "-elsewhere", Command: "serve"}, time.Hour)
	making := mk("digest-serve-making", nil, 0)
	other := mk("other-tool-dead", &Holder{PID: deadPID(t), Host: host, Command: "serve"}, time.Hour)

	tmp, err := TempDir(parent, "digest-serve-", "serve")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dead, old} {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s was left: %v", filepath.Base(d), err)
		}
	}
	for _, d := range []string{live, remote, making, other, tmp.Dir} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(d), err)
		}
	}
	// The new folder is locked: another sweep keeps it, and after Remove
	// it is gone.
	if got := SweepTemp(parent, "digest-serve-"); slices.Contains(got, tmp.Dir) {
		t.Errorf("a folder in use was swept: %v", got)
	}
	if err := tmp.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp.Dir); !os.IsNotExist(err) {
		t.Errorf("Remove left %s: %v", tmp.Dir, err)
	}
}
