package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// site writes a folder holding one file, index.html, with body.
func site(t *testing.T, dir, body string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func index(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}

// TestSwapByRename checks the fallback of systems without an atomic
// exchange, called directly so that it runs on Linux too.
func TestSwapByRename(t *testing.T) {
	for name, swapper := range map[string]func(src, dst string) error{"swap": swap, "swapByRename": swapByRename} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			src, dst := filepath.Join(root, "staging"), filepath.Join(root, "public")
			site(t, src, "new")
			site(t, dst, "old")
			if err := swapper(src, dst); err != nil {
				t.Fatal(err)
			}
			if got := index(t, dst); got != "new" {
				t.Errorf("published %q, want new", got)
			}
			if got := index(t, src); got != "old" {
				t.Errorf("left at the staging path %q, want old", got)
			}
			if _, err := os.Lstat(asidePath(dst)); !os.IsNotExist(err) {
				t.Errorf("the old site is still aside: %v", err)
			}
			// A first publish: nothing to swap with.
			os.RemoveAll(dst)
			if err := swapper(src, dst); err != nil {
				t.Fatal(err)
			}
			if got := index(t, dst); got != "old" {
				t.Errorf("first publish %q", got)
			}
		})
	}
}

// TestRecoverAfterKilledSwap sets up what a build killed between
// swapByRename's renames leaves, and checks that the next build puts it
// right before it starts.
func TestRecoverAfterKilledSwap(t *testing.T) {
	t.Run("between the first and second rename", func(t *testing.T) {
		root := t.TempDir()
		out := filepath.Join(root, "public")
		site(t, asidePath(out), "old") // public/ moved aside, the new site not yet in place
		site(t, filepath.Join(root, ".public.staging-1"), "new")
		s, err := New(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := index(t, out); got != "old" {
			t.Errorf("after New the published site is %q, want the old one back", got)
		}
		s.Write("index.html", []byte("newer"))
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := index(t, out); got != "newer" {
			t.Errorf("published %q", got)
		}
	})
	t.Run("between the second and third rename", func(t *testing.T) {
		root := t.TempDir()
		out := filepath.Join(root, "public")
		site(t, out, "new")
		site(t, asidePath(out), "old")
		if err := Recover(out); err != nil {
			t.Fatal(err)
		}
		if got := index(t, out); got != "new" {
			t.Errorf("published %q, want the new site kept", got)
		}
		if _, err := os.Lstat(asidePath(out)); !os.IsNotExist(err) {
			t.Errorf("the old site is still aside: %v", err)
		}
	})
	t.Run("nothing aside", func(t *testing.T) {
		root := t.TempDir()
		out := filepath.Join(root, "public")
		site(t, out, "site")
		if err := Recover(out); err != nil {
			t.Fatal(err)
		}
		if got := index(t, out); got != "site" {
			t.Errorf("published %q", got)
		}
	})
}
