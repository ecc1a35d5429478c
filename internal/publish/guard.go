package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// MarkerName is the file every site digest publishes holds at its top, so
// that a later build knows the folder is one of its own and may be
// replaced. A folder without it that holds anything is never replaced
// unless the user forces it.
const MarkerName = ".digest-output"

// markerText is the marker file's content, for whoever opens it.
const markerText = "This folder was built by digest and is replaced whole by every build.\nDo not keep anything else in it.\n"

// Protected is a folder an output folder must neither be nor hold: the
// site's own folder, its content, the user's home.
type Protected struct {
	What string // "the site's folder", "the content folder" …
	Path string
	// Inside says whether the output folder may not lie inside it
	// either: a build inside the content folder or a theme folder would
	// read its own output.
	Inside bool
}

// OverlapError is an output folder that is, holds, or (for Protected
// folders with Inside) lies in a folder a build must never replace.
type OverlapError struct {
	Out       string // as given
	Resolved  string // absolute, links followed
	Protected Protected
	Resolves  string // the protected folder, absolute, links followed
}

func (e *OverlapError) Error() string {
	how := "is"
	switch {
	case e.Resolved == e.Resolves:
	case within(e.Resolved, e.Resolves):
		how = "holds"
	default:
		how = "is inside"
	}
	where := e.Resolved
	if filepath.Clean(e.Out) != e.Resolved {
		where = fmt.Sprintf("%s (%s)", e.Out, e.Resolved)
	}
	return fmt.Sprintf("output folder %s %s %s %s: every build replaces the output folder whole, so it would be lost; name a folder of its own, such as \"public\" in the site's folder", where, how, e.Protected.What, e.Resolves)
}

// CheckOut refuses an output folder that is one of the protected folders
// or holds one, or lies inside one marked Inside. Both sides are compared
// as absolute paths with symbolic links followed (for a folder that does
// not exist yet, those of its nearest existing parent), so that "..",
// "~", "$PWD" or a link to the site are seen for what they are.
func CheckOut(out string, protected []Protected) error {
	o, err := resolve(out)
	if err != nil {
		return fmt.Errorf("publish: output folder %s: %w", out, err)
	}
	if filepath.Dir(o) == o {
		return fmt.Errorf("publish: output folder %s is the root of a file system: every build replaces the output folder whole; name a folder of its own, such as \"public\"", out)
	}
	for _, p := range protected {
		if p.Path == "" {
			continue
		}
		r, err := resolve(p.Path)
		if err != nil {
			continue // a folder that cannot be resolved holds nothing to lose
		}
		if within(o, r) || (p.Inside && within(r, o)) {
			return &OverlapError{Out: out, Resolved: o, Protected: p, Resolves: r}
		}
	}
	return nil
}

// within says whether b is a or lies inside it; both are absolute and
// clean. File names are compared as the file system would on Windows
// and macOS, whose usual file systems ignore case.
func within(a, b string) bool {
	if foldsCase {
		a, b = strings.ToLower(a), strings.ToLower(b)
	}
	rel, err := filepath.Rel(a, b)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// foldsCase says whether the usual file systems here ignore case.
const foldsCase = runtime.GOOS == "windows" || runtime.GOOS == "darwin"

// resolve makes p absolute with every symbolic link followed. A path
// whose end does not exist yet is resolved through its nearest existing
// parent.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	cur := abs
	for {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// NotOursError is a non-empty output folder without digest's marker.
type NotOursError struct {
	Out string
	// Unmarked says the folder looks like a site an earlier digest built,
	// before builds marked their folder.
	Unmarked bool
}

func (e *NotOursError) Error() string {
	if e.Unmarked {
		return fmt.Sprintf("output folder %s has no %s file: it looks like a site built by an earlier digest, from before builds marked their folder, but it may hold files of yours too, and every build replaces the output folder whole; check it holds nothing else, then run digest build --force once (every build marks its folder from then on), or empty it", e.Out, MarkerName)
	}
	return fmt.Sprintf("output folder %s holds files and was not built by digest (it has no %s file): every build replaces the output folder whole, so they would be lost; empty it or name another folder, or give --force to replace it anyway", e.Out, MarkerName)
}

// looksBuilt says whether a folder holds what every digest site has at
// its top (a home page and the site's three feeds), as a site built
// before the marker existed would.
func looksBuilt(dir string) bool {
	for _, name := range []string{"index.html", "feed.json", "atom.xml", "index.xml"} {
		if st, err := os.Lstat(filepath.Join(dir, name)); err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// CheckReplaceable refuses to replace a folder that holds files unless
// digest built it (its marker is there) or force is set. A missing or
// empty folder is fine; a file is refused whatever force says.
func CheckReplaceable(out string, force bool) error {
	st, err := os.Lstat(out)
	if err != nil {
		return nil
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return nil // the link is replaced, never what it points to
	}
	if !st.IsDir() {
		return fmt.Errorf("publish: output folder %s is a file, not a folder; name a folder, such as \"public\"", out)
	}
	if force {
		return nil
	}
	if mst, err := os.Lstat(filepath.Join(out, MarkerName)); err == nil && mst.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(out)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); errors.Is(err, io.EOF) {
		return nil
	}
	return &NotOursError{Out: out, Unmarked: looksBuilt(out)}
}

// writeMarker puts the marker into the staging folder.
func (s *Site) writeMarker() error {
	p := filepath.Join(s.staging, MarkerName)
	if b, err := os.ReadFile(p); err == nil && string(b) == markerText {
		return nil
	}
	if err := os.WriteFile(p, []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// stagingPattern matches the staging folders New makes beside out.
func stagingPattern(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".staging-*")
}

// RemoveLeftovers removes the staging folders that builds killed before
// their Commit left beside out, and returns how many there were. The
// caller must hold the site's lock, so that no live build is writing one.
func RemoveLeftovers(out string) (int, error) {
	matches, err := filepath.Glob(stagingPattern(out))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range matches {
		if st, err := os.Lstat(m); err != nil || !st.IsDir() {
			continue
		}
		if err := os.RemoveAll(m); err != nil {
			return n, fmt.Errorf("publish: remove what a killed build left at %s: %w", m, err)
		}
		n++
	}
	return n, nil
}
