// Package publish writes a built site: every file passes through a minifier
// chosen by its media type, lands in a staging folder beside the output
// folder, and the staging folder replaces the output folder in one atomic
// swap at the end. A build that fails or is killed part-way leaves the
// published folder exactly as it was.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

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
}

// New starts writing a site that will replace out. The staging folder is
// created beside out so that the final rename stays on one file system.
func New(out string) (*Site, error) {
	out = filepath.Clean(out)
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
	var buf bytes.Buffer
	buf.Grow(len(b))
	if err := s.min.Minify(mt, &buf, bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("publish: minify %s: %w", p, err)
	}
	return buf.Bytes(), nil
}

// Write minifies b and writes it at the site path p ("threads/x/index.html").
// A path that would leave the site is refused.
func (s *Site) Write(p string, b []byte) error {
	if !fs.ValidPath(p) || strings.Contains(p, `\`) || p == "." {
		return fmt.Errorf("publish: %q is not a path inside the site", p)
	}
	s.mu.Lock()
	if s.files[p] {
		s.mu.Unlock()
		return fmt.Errorf("publish: %s is written twice; two pages share one URL", p)
	}
	s.files[p] = true
	s.mu.Unlock()
	out, err := s.minify(p, b)
	if err != nil {
		return err
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
	if err := os.WriteFile(filepath.Join(s.staging, filepath.FromSlash(p)), out, 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// Link puts the published file at site path p into the new site as it
// is, by a hard link (no bytes are copied: the published folder is
// replaced whole at Commit, so the file it shares is never changed). It
// fails when there is no such published file; the caller then writes it.
func (s *Site) Link(p string) error {
	if !fs.ValidPath(p) || strings.Contains(p, `\`) || p == "." {
		return fmt.Errorf("publish: %q is not a path inside the site", p)
	}
	s.mu.Lock()
	if s.files[p] {
		s.mu.Unlock()
		return fmt.Errorf("publish: %s is written twice; two pages share one URL", p)
	}
	s.mu.Unlock()
	if err := s.link(p); err != nil {
		return err
	}
	s.mu.Lock()
	s.files[p] = true
	s.mu.Unlock()
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
	if err := os.Link(src, filepath.Join(s.staging, filepath.FromSlash(p))); err != nil {
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
	if err := swap(s.staging, s.out); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	// After the swap the staging path holds the old site (or nothing).
	if err := os.RemoveAll(s.staging); err != nil {
		return fmt.Errorf("publish: remove old site: %w", err)
	}
	return nil
}

// Abort throws the staging folder away; the published folder is untouched.
func (s *Site) Abort() {
	os.RemoveAll(s.staging)
}

// swapByRename replaces dst with src in two renames, for systems without
// an atomic exchange: dst is moved aside first, so it is never half
// written, though for an instant it is absent.
func swapByRename(src, dst string) error {
	old := src + ".old"
	if err := os.Rename(dst, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(src, dst); err != nil {
		os.Rename(old, dst)
		return err
	}
	return os.Rename(old, src)
}
