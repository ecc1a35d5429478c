// Package lock keeps two digest commands from working on one site at
// once: import, build and rethread each hold the site's lock file while
// they run. The file names the process that holds it; a lock left by a
// process that is gone (killed, or the machine restarted) is recognised
// and taken over.
package lock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// FileName is the lock file at the top of a site's folder.
const FileName = ".digest.lock"

// Holder is what the lock file says about the process holding it.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Command string    `json:"command"` // "import", "build" …
	Start   time.Time `json:"start"`
}

// HeldError says that another process holds the site's lock.
type HeldError struct {
	Path   string
	Holder Holder
}

func (e *HeldError) Error() string {
	h := e.Holder
	return fmt.Sprintf("another digest is working on this site: %q (process %d on %s) since %s holds %s; wait for it to end, or, if no such process is running, remove that file",
		"digest "+h.Command, h.PID, h.Host, h.Start.Local().Format("2006-01-02 15:04:05"), e.Path)
}

// Lock is a held lock; Release gives it back.
type Lock struct {
	path   string
	holder Holder
}

// Acquire takes the lock of the site at root for the command what. It
// fails at once with a *HeldError when a live process holds it. A lock
// whose process is gone is taken over, as is a lock file that cannot be
// read (a process killed while writing it) once it is a minute old.
func Acquire(root, what string) (*Lock, error) {
	p := filepath.Join(root, FileName)
	host, _ := os.Hostname()
	me := Holder{PID: os.Getpid(), Host: host, Command: what, Start: time.Now().UTC().Truncate(time.Second)}
	b, err := json.Marshal(me)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.Write(append(b, '\n'))
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(p)
				return nil, fmt.Errorf("lock: %w", werr)
			}
			return &Lock{path: p, holder: me}, nil
		}
		if !errors.Is(err, fs.ErrExist) || attempt >= 3 {
			return nil, fmt.Errorf("lock: %w", err)
		}
		other, stale, err := inspect(p, host)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // released meanwhile
			}
			return nil, fmt.Errorf("lock: %w", err)
		}
		if !stale {
			return nil, &HeldError{Path: p, Holder: other}
		}
		// Two processes may find one stale lock at once: whoever
		// renames it away first takes over, the other one sees the
		// winner's lock on the next attempt.
		gone := p + ".stale-" + fmt.Sprint(me.PID)
		if err := os.Rename(p, gone); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("lock: take over the lock of a process that is gone: %w", err)
		}
		os.Remove(gone)
	}
}

// inspect reads the lock file at p and says whether it is stale.
func inspect(p, host string) (Holder, bool, error) {
	var h Holder
	b, err := os.ReadFile(p)
	if err != nil {
		return h, false, err
	}
	if err := json.Unmarshal(b, &h); err != nil || h.PID <= 0 {
		st, serr := os.Stat(p)
		if serr != nil {
			return h, false, serr
		}
		// Being written now, or left half-written by a killed process.
		h.Command, h.Host = "(unknown command)", "(unknown host)"
		h.Start = st.ModTime()
		return h, time.Since(st.ModTime()) > time.Minute, nil
	}
	if !strings.EqualFold(h.Host, host) {
		return h, false, nil // another machine's process cannot be asked
	}
	return h, !alive(h.PID), nil
}

// Release removes the lock file, if it is still this process's.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	var h Holder
	if b, err := os.ReadFile(l.path); err == nil && json.Unmarshal(b, &h) == nil && h != l.holder {
		return nil // taken over: not ours to remove
	}
	if err := os.Remove(l.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("lock: %w", err)
	}
	return nil
}
