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
	Minify  bool
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
	full := filepath.Join(s.staging, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.WriteFile(full, out, 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
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

// Dir is the staging folder this build writes, for tools that must work
// on the finished files before Commit swaps them in.
func (s *Site) Dir() string { return s.staging }

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
