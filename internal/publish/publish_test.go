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

// TestResumeUpdatesSpareInPlace publishes twice with KeepOld, then
// resumes the spare: kept, linked, rewritten and dropped files all end up
// as a fresh build would leave them, and the published files never change
// before the swap.
func TestResumeUpdatesSpareInPlace(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	publishAll := func(files map[string]string) {
		t.Helper()
		s, err := New(out)
		if err != nil {
			t.Fatal(err)
		}
		s.KeepOld, s.Minify = true, false
		for p, b := range files {
			if err := s.Write(p, []byte(b)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	publishAll(map[string]string{"a.txt": "a1", "x/b.txt": "b1", "gone/c.txt": "c1"})
	publishAll(map[string]string{"a.txt": "a2", "x/b.txt": "b1", "gone/c.txt": "c1"})
	if _, err := os.Stat(filepath.Join(SparePath(out), "a.txt")); err != nil {
		t.Fatal("the replaced site was not kept as the spare")
	}
	s, err := Resume(out, []string{"a.txt", "x/b.txt", "gone/c.txt"})
	if err != nil {
		t.Fatal(err)
	}
	s.Minify, s.Reuse = false, true
	if err := s.Write("a.txt", []byte("a2")); err != nil { // same as published: linked
		t.Fatal(err)
	}
	if err := s.Keep("x/b.txt"); err != nil {
		t.Fatal(err)
	}
	if err := s.Write("new/d.txt", []byte("d")); err != nil {
		t.Fatal(err)
	}
	if err := s.Keep("missing.txt"); err == nil {
		t.Error("Keep of a file the spare lacks succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "a.txt")); string(b) != "a2" {
		t.Fatalf("published a.txt changed before commit: %q", b)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.txt": "a2", "x/b.txt": "b1", "new/d.txt": "d", MarkerName: markerText}
	got := map[string]string{}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(out, p)
		if d.IsDir() {
			if rel == "gone" {
				t.Error("emptied folder gone/ survived")
			}
			return nil
		}
		b, _ := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if len(got) != len(want) {
		t.Errorf("published %v, want %v", got, want)
	}
	for p, b := range want {
		if got[p] != b {
			t.Errorf("%s = %q, want %q", p, got[p], b)
		}
	}
}
