package cli

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/serve"
)

// lockedBuffer collects a command's output while it is still running.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

const article = `---
id: a1
title: TITLE
date: 2025-07-12T09:30:00Z
source: example
thread: t1
---
BODY
`

// writeArticle writes one article; the home page shows its title, the
// article page its body.
func writeArticle(t testing.TB, root, title, body string) {
	t.Helper()
	p := filepath.Join(root, "content", "articles", "ministers-a1.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	text := strings.NewReplacer("TITLE", title, "BODY", body).Replace(article)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// serving runs `digest serve` in-process on a free loopback port and
// returns the site's URL; the server stops when the test ends.
func serving(t testing.TB, root string, args ...string) (url string, stdout, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &lockedBuffer{}, &lockedBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, append([]string{"serve", "--root", root, "--addr", "127.0.0.1:0"}, args...), stdout, stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case c := <-code:
			if c != ExitOK {
				t.Errorf("serve exited %d after Ctrl-C, want 0; stderr:\n%s", c, stderr)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10s of cancellation")
		}
	})
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if u := re.FindString(stdout.String()); u != "" {
			return u, stdout, stderr
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited %d before serving; stderr:\n%s", c, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no URL within 20s; stdout:\n%s\nstderr:\n%s", stdout, stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fetch(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitFor polls url until its body contains want, for at most ten
// seconds, and returns how long that took.
func waitFor(t testing.TB, url, want string) time.Duration {
	t.Helper()
	start := time.Now()
	deadline := start.Add(10 * time.Second)
	for {
		code, body := fetch(t, url)
		if code == http.StatusOK && strings.Contains(body, want) {
			return time.Since(start)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %q not served within 10s; last answer %d:\n%.600s", url, want, code, body)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func TestServeRebuildsOnEdit(t *testing.T) {
	root := t.TempDir()
	writeArticle(t, root, "Ministers meet in Wonsan", "The first version of the text.")
	// serve's temporary folder goes here, to check that it is removed
	// when the server stops (cleanups run last-registered first).
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Cleanup(func() {
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("serve left %s behind in the temporary folder", left[0].Name())
		}
	})
	url, stdout, stderr := serving(t, root)
	if left, _ := os.ReadDir(tmp); len(left) != 1 {
		t.Errorf("serve made %d temporary folders, want 1", len(left))
	}

	code, home := fetch(t, url)
	if code != http.StatusOK || !strings.Contains(home, "Ministers meet in Wonsan") {
		t.Fatalf("home page: %d\n%.600s", code, home)
	}
	page := url + "articles/ministers-a1/"
	if code, body := fetch(t, page); code != http.StatusOK || !strings.Contains(body, "The first version of the text.") {
		t.Fatalf("article page: %d\n%.600s", code, body)
	}
	if !strings.Contains(home, `<script src="`+serve.ScriptPath+`" defer></script>`) {
		t.Error("the home page does not load the live reload script")
	}
	if !strings.Contains(home, `href="`+url) && !strings.Contains(home, `href=`+url) {
		t.Errorf("links do not point at the local server %s", url)
	}

	writeArticle(t, root, "Ministers meet again", "The second, edited version.")
	t.Logf("the edit was served %v after the save (debounce 100ms + a full build)", waitFor(t, url, "Ministers meet again").Round(time.Millisecond))
	waitFor(t, page, "The second, edited version.")

	// A broken file keeps the last good site and says why on the terminal.
	if err := os.WriteFile(filepath.Join(root, "content", "articles", "ministers-a1.md"), []byte("---\ntitle: [unclosed\n---\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "build failed") {
		if time.Now().After(deadline) {
			t.Fatalf("no build error on the terminal within 10s; stderr:\n%s", stderr)
		}
		time.Sleep(25 * time.Millisecond)
	}
	if !strings.Contains(stderr.String(), "ministers-a1.md") {
		t.Errorf("the terminal error does not name the file:\n%s", stderr)
	}
	if code, body := fetch(t, page); code != http.StatusOK || !strings.Contains(body, "The second, edited version.") {
		t.Errorf("while broken: %d, want the last good site", code)
	}

	// Fixed, it is served again.
	writeArticle(t, root, "Ministers meet a third time", "Third.")
	waitFor(t, url, "Ministers meet a third time")
	waitFor(t, page, "Third.")
	// digest.toml is read again for each build: a new title shows at once,
	// and a broken file is a failed build, not a dead server.
	cfg := filepath.Join(root, "digest.toml")
	if err := os.WriteFile(cfg, []byte("title = \"Renamed Digest\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, url, "Renamed Digest")
	failures := strings.Count(stderr.String(), "build failed")
	if err := os.WriteFile(cfg, []byte("title = \"Renamed Digest\"\ncolour = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(10 * time.Second)
	for strings.Count(stderr.String(), "build failed") == failures {
		if time.Now().After(deadline) {
			t.Fatalf("a broken digest.toml gave no error within 10s; stderr:\n%s", stderr)
		}
		time.Sleep(25 * time.Millisecond)
	}
	if !strings.Contains(stderr.String(), "digest.toml:2: colour: unknown key") {
		t.Errorf("the config error does not name file, line and key:\n%s", stderr)
	}
	if _, body := fetch(t, url); !strings.Contains(body, "Renamed Digest") {
		t.Error("a broken digest.toml took the last good site down")
	}

	if !strings.Contains(stdout.String(), "rebuilt after") {
		t.Errorf("no rebuild line on stdout:\n%s", stdout)
	}
}

func TestServeRefusesParentPaths(t *testing.T) {
	root := t.TempDir()
	writeArticle(t, root, "Ministers meet in Wonsan", "Body.")
	url, _, _ := serving(t, root)
	for _, p := range []string{"../digest.toml", "%2e%2e/%2e%2e/etc/passwd", "articles/%2e%2e/%2e%2e/x", "..%2f..%2fetc%2fpasswd"} {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Opaque keeps the dots from being cleaned by the client.
		req.URL.Opaque = "/" + p
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK || strings.Contains(string(b), "root:") {
			t.Errorf("GET /%s = %d, want a refusal", p, resp.StatusCode)
		}
	}
}

func TestServeConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		toml  string
		args  []string
		code  int
		inErr string
	}{
		{"bad addr flag", "", []string{"--addr", "nowhere"}, ExitUsage, "--addr"},
		{"bad addr in file", "[serve]\naddr = \":80\"\n", nil, ExitFailure, "digest.toml:2: serve.addr"},
		{"argument", "", []string{"extra"}, ExitUsage, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if tt.toml != "" {
				if err := os.WriteFile(filepath.Join(root, "digest.toml"), []byte(tt.toml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, _, errs := digest(t, append([]string{"serve", "--root", root}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.inErr) {
				t.Errorf("exit %d stderr %q, want %d and %q", code, errs, tt.code, tt.inErr)
			}
		})
	}
}

func TestServeHelp(t *testing.T) {
	code, out, _ := digest(t, "serve", "-h")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"127.0.0.1:1313", "0.0.0.0", "Ctrl-C", "-addr", "-content", "serve.addr", "layouts/", "last good site"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve -h lacks %q:\n%s", want, out)
		}
	}
}
