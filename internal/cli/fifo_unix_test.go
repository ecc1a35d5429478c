//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipesAreNotRead: a named pipe where digest reads a file (an
// article, a layout, the configuration, a raw file to import) is
// reported by name; before, opening it waited for a writer for ever.
func TestNamedPipesAreNotRead(t *testing.T) {
	tests := []struct {
		name string
		pipe string // under the site's folder
		args func(root string) []string
	}{
		{"content file", "content/articles/pipe.md", func(root string) []string { return []string{"build", "--root", root} }},
		{"layout", "layouts/baseof.html", func(root string) []string { return []string{"build", "--root", root} }},
		{"asset", "assets/style.css", func(root string) []string { return []string{"build", "--root", root} }},
		{"configuration", "other.toml", func(root string) []string {
			return []string{"build", "--root", root, "--config", filepath.Join(root, "other.toml")}
		}},
		{"raw file named", "raw/pipe.html", func(root string) []string {
			return []string{"import", "--root", root, filepath.Join(root, "raw", "pipe.html")}
		}},
		{"content file on import", "content/articles/pipe.md", func(root string) []string {
			return []string{"import", "--root", root, filepath.Join(root, "content", "articles", "harbour.md")}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, root := safetySite(t)
			p := filepath.Join(root, filepath.FromSlash(tt.pipe))
			write(t, p, "")
			if err := syscall.Unlink(p); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip("no named pipes here:", err)
			}
			type result struct {
				code int
				errs string
			}
			done := make(chan result, 1)
			go func() {
				code, _, errs := digest(t, tt.args(root)...)
				done <- result{code, errs}
			}()
			select {
			case r := <-done:
				if r.code != ExitFailure {
					t.Errorf("exit %d, want 1; stderr %q", r.code, r.errs)
				}
				if !strings.Contains(r.errs, filepath.Base(p)) || !strings.Contains(r.errs, "not a regular file") {
					t.Errorf("stderr %q does not name the pipe", r.errs)
				}
			case <-time.After(time.Minute):
				t.Fatal("digest waits on the named pipe") // not a timing assertion: a hang detector
			}
		})
	}
}

// TestServeReportsNamedPipes: `digest serve` with a named pipe in
// content/ serves and says which file is wrong, and stops when asked
// (serving fails the test otherwise); before, its first build waited on
// the pipe for ever, no address was printed and SIGTERM did not stop it.
func TestServeReportsNamedPipes(t *testing.T) {
	_, root := safetySite(t)
	p := filepath.Join(root, "content", "articles", "pipe.md")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	url, _, stderr := serving(t, root)
	deadline := time.Now().Add(time.Minute) // a hang detector, not a timing assertion
	for !strings.Contains(stderr.String(), "pipe.md: is not a regular file") {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not report the named pipe; stderr:\n%s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code, _ := fetch(t, url); code == 0 {
		t.Errorf("no answer from %s", url)
	}
}
