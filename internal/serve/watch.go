package serve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// watcher turns file system events under the watched paths into a stream
// of changed paths. fsnotify watches single folders, so every folder of a
// tree is added, and folders created later are added as they appear. Each
// watched path's parent is watched too, so that a path created, replaced
// (editors save by rename) or removed after the start is noticed.
type watcher struct {
	fw      *fsnotify.Watcher
	roots   []string
	changes chan string
	done    chan struct{}
	wg      sync.WaitGroup
}

func newWatcher(paths []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("serve: watching: %w", err)
	}
	w := &watcher{fw: fw, changes: make(chan string), done: make(chan struct{})}
	parents := map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			fw.Close()
			return nil, fmt.Errorf("serve: watching %s: %w", p, err)
		}
		w.roots = append(w.roots, abs)
		parents[filepath.Dir(abs)] = true
	}
	for _, dir := range sortedSet(parents) {
		if err := fw.Add(dir); err != nil && !os.IsNotExist(err) {
			fw.Close()
			return nil, fmt.Errorf("serve: watching %s: %w", dir, err)
		}
	}
	for _, r := range w.roots {
		if err := w.addTree(r); err != nil {
			fw.Close()
			return nil, err
		}
	}
	w.wg.Add(1)
	go w.loop()
	return w, nil
}

// addTree watches dir and every folder below it; a path that is not a
// folder, or no longer exists, is left to its parent's watch.
func (w *watcher) addTree(dir string) error {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished while walking: its removal is an event of its own
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignored(d.Name()) {
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil {
			return fmt.Errorf("serve: watching %s: %w", p, err)
		}
		return nil
	})
}

// watched says whether p is one of the watched paths or inside one.
func (w *watcher) watched(p string) bool {
	for _, r := range w.roots {
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// ignored is true for editors' and tools' scratch files: hidden files,
// backups and swap files, which come and go with every save.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasPrefix(name, "#") || name == "4913"
}

func (w *watcher) loop() {
	defer w.wg.Done()
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if !w.watched(ev.Name) || ignored(filepath.Base(ev.Name)) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder (or a watched path appearing): watch it and
				// whatever was already put inside before the watch began.
				if err := w.addTree(ev.Name); err != nil {
					select {
					case w.changes <- ev.Name:
					case <-w.done:
						return
					}
					continue
				}
			}
			select {
			case w.changes <- ev.Name:
			case <-w.done:
				return
			}
		}
	}
}

func (w *watcher) errors() <-chan error { return w.fw.Errors }

func (w *watcher) close() {
	close(w.done)
	w.fw.Close()
	w.wg.Wait()
}

func sortedSet(m map[string]bool) []string {
	s := make([]string, 0, len(m))
	for k := range m {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}
