package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteCommitSwaps(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "stale.html"), []byte("old"), 0o644)

	s, err := New(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write("index.html", []byte("<!doctype html>\n<html>\n  <body>\n    <p>Hello,   world</p>\n  </body>\n</html>\n")); err != nil {
		t.Fatal(err)
	}
	if err := s.Write("a/feed.json", []byte("{ \"a\" : 1 }")); err != nil {
		t.Fatal(err)
	}
	// Before the commit the published folder is untouched.
	if _, err := os.Stat(filepath.Join(out, "stale.html")); err != nil {
		t.Fatal("published folder changed before commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(b), "<p>Hello, world</p>") || strings.Contains(string(b), "\n  ") {
		t.Errorf("index.html not minified: %q", b)
	}
	if j, _ := os.ReadFile(filepath.Join(out, "a/feed.json")); string(j) != `{"a":1}` {
		t.Errorf("feed.json = %q", j)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.html")); !os.IsNotExist(err) {
		t.Error("stale file survived the swap")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestAbortLeavesPublished(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("old"), 0o644)
	s, _ := New(out)
	s.Write("index.html", []byte("new"))
	s.Abort()
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "old" {
		t.Errorf("published changed: %q", b)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("staging left behind: %v", entries)
	}
}

func TestWriteRefusesEscape(t *testing.T) {
	s, _ := New(filepath.Join(t.TempDir(), "public"))
	defer s.Abort()
	for _, p := range []string{"../x.html", "/etc/passwd", "a/../../x", `a\..\x`, ""} {
		if err := s.Write(p, []byte("x")); err == nil {
			t.Errorf("Write(%q) accepted", p)
		}
	}
	if err := s.Write("a.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Write("a.html", nil); err == nil {
		t.Error("second write of one path accepted")
	}
}

func TestFirstPublish(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site", "public")
	s, err := New(out)
	if err != nil {
		t.Fatal(err)
	}
	s.Write("index.html", []byte("<p>x</p>"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
}
