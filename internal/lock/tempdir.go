package lock

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// TempDir makes a temporary folder in parent (os.TempDir() when empty)
// named prefix followed by random characters, and holds a lock in it for
// the command what, so that a later run can tell a folder left by a
// process that was killed from one in use. Folders of the same prefix
// left by processes that are gone are removed first. Remove takes the
// folder away, lock and all.
func TempDir(parent, prefix, what string) (*Temp, error) {
	if parent == "" {
		parent = os.TempDir()
	}
	SweepTemp(parent, prefix)
	dir, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, err
	}
	l, err := Acquire(dir, what)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Temp{Dir: dir, lock: l}, nil
}

// Temp is a temporary folder made by TempDir.
type Temp struct {
	Dir  string
	lock *Lock
}

// Remove deletes the folder and everything in it.
func (t *Temp) Remove() error {
	t.lock.Release()
	return os.RemoveAll(t.Dir)
}

// fresh is how long a folder without a lock file is taken to be in the
// making (between MkdirTemp and Acquire) rather than abandoned.
const fresh = time.Minute

// SweepTemp removes the folders prefix* in parent whose lock names a
// process of this machine that is gone, and those without a lock file
// that are older than a minute (made by a version that did not lock
// them, or killed between making the folder and locking it). A folder
// whose process still runs, or runs on another machine, is kept. It
// returns the folders removed.
func SweepTemp(parent, prefix string) []string {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	host, _ := os.Hostname()
	var removed []string
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) || len(e.Name()) == len(prefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		_, stale, err := inspect(filepath.Join(dir, FileName), host)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			info, serr := os.Lstat(dir)
			if serr != nil || time.Since(info.ModTime()) < fresh {
				continue
			}
		case err != nil || !stale:
			continue
		}
		if os.RemoveAll(dir) == nil {
			removed = append(removed, dir)
		}
	}
	return removed
}
