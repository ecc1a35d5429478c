// Package publish writes a built site: every file passes through a minifier
// chosen by its media type, lands in a staging folder beside the output
// folder, and the staging folder replaces the output folder in one swap
// at the end: atomic on Linux and macOS, two renames on Windows (see
// swapByRename for what that guarantees). A build that fails or is killed
// part-way leaves the published folder exactly as it was.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/digest-news/digest/internal/cache"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	mjson "github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Site is an output folder being written.
type Site struct {
	out     string // the published folder
	staging string // where this build writes
	min     *minify.M
	mu      sync.Mutex
	files   map[string]bool
	dirs    sync.Map // staging folders made so far
	Minify  bool
	// Reuse, when set, compares each file written with the published
	// one and, when the bytes are the same, hard-links the published
	// file instead of writing a copy: an incremental build then writes
	// only the files that change.
	Reuse bool
	// KeepOld keeps the replaced site as the spare folder (SparePath)
	// instead of removing it, for the next build to Resume.
	KeepOld bool
	resume  bool     // staging is the spare: update it in place
	had     []string // the spare's files, when resuming
}

// SparePath is where the site replaced by the last build is kept for the
// next one, beside out.
func SparePath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+"-spare")
}

// Resume starts writing a site that will replace out by updating the
// spare folder, the site the last build replaced, in place: files that
// are already right are kept (Keep), the rest are replaced by renames, so
// that a file it shares with the published site by a hard link is never
// changed, and whatever the new site lacks is removed at Commit. The
// published folder is untouched until Commit swaps the two. After a
// failed build the spare is in an unknown state: the caller must not
// trust its earlier contents again. files lists every file the spare
// holds, as the build that published it wrote them.
func Resume(out string, files []string) (*Site, error) {
	out = filepath.Clean(out)
	if err := Recover(out); err != nil {
		return nil, err
	}
	spare := SparePath(out)
	if st, err := os.Lstat(spare); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("publish: no spare site at %s", spare)
	}
	return &Site{out: out, staging: spare, min: Minifier(), files: map[string]bool{}, Minify: true, KeepOld: true, resume: true, had: files}, nil
}

// Keep makes the file already at site path p in the staging folder part
// of the new site. It fails when there is no such file.
func (s *Site) Keep(p string) error {
	if err := s.claim(p); err != nil {
		return err
	}
	if st, err := os.Lstat(filepath.Join(s.staging, filepath.FromSlash(p))); err != nil || !st.Mode().IsRegular() {
		s.unclaim(p)
		return fmt.Errorf("publish: %s is not in the staging folder", p)
	}
	return nil
}

// claim records that p is part of the new site, once.
func (s *Site) claim(p string) error {
	if !fs.ValidPath(p) || strings.Contains(p, `\`) || p == "." {
		return fmt.Errorf("publish: %q is not a path inside the site", p)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files[p] {
		return fmt.Errorf("publish: %s is written twice; two pages share one URL", p)
	}
	s.files[p] = true
	return nil
}

func (s *Site) unclaim(p string) {
	s.mu.Lock()
	delete(s.files, p)
	s.mu.Unlock()
}

// New starts writing a site that will replace out. The staging folder is
// created beside out so that the final rename stays on one file system.
func New(out string) (*Site, error) {
	out = filepath.Clean(out)
	if err := Recover(out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Site{out: out, staging: staging, min: Minifier(), files: map[string]bool{}, Minify: true}, nil
}

// Minifier returns the minifier chain used for every file, by media type.
func Minifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?json$`), mjson.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?xml$`), xml.Minify)
	return m
}

// MediaType is the media type of a site path, by extension.
func MediaType(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	}
	return ""
}

// Minify returns b minified for its media type; other types pass as they are.
func (s *Site) minify(p string, b []byte) ([]byte, error) {
	mt := MediaType(p)
	if !s.Minify || mt == "" {
		return b, nil
	}
	if mt == "text/html" {
		b = boundTextRuns(b, maxTextRun)
	}
	// Bytes reads b in place; a Reader would be copied whole first.
	out, err := s.min.Bytes(mt, b)
	if err != nil {
		return nil, fmt.Errorf("publish: minify %s: %w", p, err)
	}
	return out, nil
}

// Write minifies b and writes it at the site path p ("threads/x/index.html").
// A path that would leave the site is refused.
func (s *Site) Write(p string, b []byte) error {
	out, err := s.minify(p, b)
	if err != nil {
		return err
	}
	return s.WriteRaw(p, out)
}

// MinifyBytes minifies b for the media type of p whatever Minify says,
// for files whose final bytes the caller must know before writing them
// (fingerprinted assets: their name and integrity hash are of these
// bytes). Other types pass as they are.
func (s *Site) MinifyBytes(p string, b []byte) ([]byte, error) {
	mt := MediaType(p)
	if mt == "" {
		return b, nil
	}
	if mt == "text/html" {
		b = boundTextRuns(b, maxTextRun)
	}
	return s.min.Bytes(mt, b)
}

// WriteRaw writes b at the site path p exactly as given, without a
// minifying pass: a second pass may change bytes the caller has hashed.
func (s *Site) WriteRaw(p string, out []byte) error {
	if err := s.claim(p); err != nil {
		return err
	}
	full := filepath.Join(s.staging, filepath.FromSlash(p))
	if s.resume {
		if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, out) {
			return nil
		}
	}
	if s.Reuse {
		if old, err := os.ReadFile(filepath.Join(s.out, filepath.FromSlash(p))); err == nil && bytes.Equal(old, out) {
			if s.link(p) == nil {
				return nil
			}
		}
	}
	if err := s.mkdir(path.Dir(p)); err != nil {
		return err
	}
	if !s.resume {
		if err := os.WriteFile(full, out, 0o644); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		return nil
	}
	// In place, a file may be a hard link shared with the published
	// site: replace it by a rename, never by writing into it.
	if err := cache.WriteFile(full, out, cache.Volatile); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// Link puts the published file at site path p into the new site as it
// is, by a hard link (no bytes are copied: the published folder is
// replaced whole at Commit, so the file it shares is never changed). It
// fails when there is no such published file; the caller then writes it.
func (s *Site) Link(p string) error {
	if err := s.claim(p); err != nil {
		return err
	}
	if err := s.link(p); err != nil {
		s.unclaim(p)
		return err
	}
	return nil
}

func (s *Site) link(p string) error {
	if err := s.mkdir(path.Dir(p)); err != nil {
		return err
	}
	src := filepath.Join(s.out, filepath.FromSlash(p))
	if st, err := os.Lstat(src); err != nil || !st.Mode().IsRegular() {
		return fmt.Errorf("publish: %s: not a published file", p)
	}
	dst := filepath.Join(s.staging, filepath.FromSlash(p))
	if !s.resume {
		if err := os.Link(src, dst); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		return nil
	}
	// rename(2) does nothing when both names are links to one file, so
	// a file already shared with the published site is left alone.
	if st, err := os.Lstat(dst); err == nil {
		if sst, err := os.Lstat(src); err == nil && os.SameFile(st, sst) {
			return nil
		}
	}
	tmp := cache.TempName(dst)
	if err := os.Link(src, tmp); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := cache.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// mkdir makes a staging folder and its parents, once each: a build
// writes thousands of files into a fresh tree, and asking the system
// about every parent for every file costs more than the writes.
func (s *Site) mkdir(dir string) error {
	if dir == "." || dir == "" {
		return nil
	}
	if _, done := s.dirs.Load(dir); done {
		return nil
	}
	if err := s.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.staging, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("publish: %w", err)
	}
	s.dirs.Store(dir, true)
	return nil
}

// Files lists the site paths written so far, in no particular order.
func (s *Site) Files() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.files))
	for p := range s.files {
		out = append(out, p)
	}
	return out
}

// Commit makes the staging folder the published folder. The old folder is
// swapped out atomically where the system allows and then removed.
func (s *Site) Commit() error {
	if s.resume {
		if err := s.prune(); err != nil {
			return err
		}
	}
	if err := s.writeMarker(); err != nil {
		return err
	}
	if err := swap(s.staging, s.out); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	// After the swap the staging path holds the old site (or nothing).
	if s.resume {
		return nil
	}
	if s.KeepOld {
		spare := SparePath(s.out)
		if err := os.RemoveAll(spare); err != nil {
			return fmt.Errorf("publish: remove old spare: %w", err)
		}
		if _, err := os.Lstat(s.staging); err == nil {
			if err := cache.Rename(s.staging, spare); err != nil {
				return fmt.Errorf("publish: keep old site: %w", err)
			}
		}
		return nil
	}
	if err := os.RemoveAll(s.staging); err != nil {
		return fmt.Errorf("publish: remove old site: %w", err)
	}
	return nil
}

// Dir is the staging folder this build writes, for tools that must work
// on the finished files before Commit swaps them in.
func (s *Site) Dir() string { return s.staging }

// prune removes from an updated spare every file the new site lacks, and
// the folders left empty, so that it holds exactly what a fresh build
// would. Only the files it had are looked at: nothing else was put there
// since the build that published them, or the caller would not resume.
func (s *Site) prune() error {
	emptied := map[string]bool{}
	for _, p := range s.had {
		if s.files[p] || !fs.ValidPath(p) {
			continue
		}
		if err := os.Remove(filepath.Join(s.staging, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: %w", err)
		}
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			emptied[d] = true
		}
	}
	// Deepest first; a folder that still holds files stays.
	dirs := make([]string, 0, len(emptied))
	for d := range emptied {
		dirs = append(dirs, d)
	}
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, d := range dirs {
		full := filepath.Join(s.staging, filepath.FromSlash(d))
		// Whether a folder is empty is asked, not read from the error
		// of removing it: ENOTEMPTY has other names on other systems.
		if empty, err := isEmpty(full); err != nil || !empty {
			continue
		}
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: %w", err)
		}
	}
	return nil
}

// Abort throws the staging folder away; the published folder is untouched.
// An updated spare is left as it is: its state is unknown, and the next
// build starts a fresh one.
func (s *Site) Abort() {
	if !s.resume {
		os.RemoveAll(s.staging)
	}
}

// isEmpty says whether the folder at p holds nothing.
func isEmpty(p string) (bool, error) {
	f, err := os.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return len(names) == 0, err
}
