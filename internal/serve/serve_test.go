package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSite is a site whose build lists the files under src/ with their
// text on the home page, and fails when a file says BROKEN.
type fakeSite struct {
	src, out string
	mu       sync.Mutex
	changed  [][]string
}

func (f *fakeSite) build(ctx context.Context, changed []string) (string, error) {
	f.mu.Lock()
	f.changed = append(f.changed, changed)
	f.mu.Unlock()
	var b strings.Builder
	err := filepath.WalkDir(f.src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(f.src, p)
		if d.IsDir() {
			fmt.Fprintf(&b, "dir %s\n", filepath.ToSlash(rel))
			return nil
		}
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(text), "BROKEN") {
			return fmt.Errorf("%s:1: <script>alert(1)</script> is BROKEN", filepath.ToSlash(rel))
		}
		fmt.Fprintf(&b, "file %s: %s\n", filepath.ToSlash(rel), text)
		return nil
	})
	if err != nil {
		return "", err
	}
	// Build beside the output folder and swap, as the real build does.
	tmp := f.out + ".new"
	os.RemoveAll(tmp)
	if err := os.MkdirAll(filepath.Join(tmp, "sub"), 0o755); err != nil {
		return "", err
	}
	files := map[string]string{
		"index.html":     "<!doctype html><title>home</title><pre>" + b.String() + "</pre>",
		"404.html":       "<!doctype html><title>gone</title>custom not found",
		"sub/index.html": "sub page",
		"index.xml":      "<rss></rss>",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(body), 0o644); err != nil {
			return "", err
		}
	}
	os.RemoveAll(f.out)
	return "ok", os.Rename(tmp, f.out)
}

// started is a running server under test.
type started struct {
	url  string
	site *fakeSite
	stop func() error // cancels Run and returns its error
	log  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a server on a free loopback port over a site whose sources
// hold files (name → text).
func start(t testing.TB, files map[string]string) *started {
	t.Helper()
	dir := t.TempDir()
	site := &fakeSite{src: filepath.Join(dir, "content"), out: filepath.Join(dir, "tmp", "public")}
	for name, text := range files {
		write(t, filepath.Join(site.src, name), text)
	}
	if err := os.MkdirAll(filepath.Dir(site.out), 0o755); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	errc := make(chan error, 1)
	log := &syncBuffer{}
	go func() {
		errc <- Run(ctx, Options{
			Listener: ln, Dir: site.out, Watch: []string{site.src, filepath.Join(dir, "digest.toml")},
			Build: site.build, Debounce: 20 * time.Millisecond, Log: log,
			Ready: func(url string) { ready <- url },
		})
	}()
	s := &started{site: site, log: log}
	var once sync.Once
	var runErr error
	s.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-errc:
			case <-time.After(10 * time.Second):
				runErr = errors.New("Run did not return within 10s of cancellation")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := s.stop(); err != nil {
			t.Error(err)
		}
	})
	select {
	case s.url = <-ready:
	case err := <-errc:
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server not ready within 10s")
	}
	return s
}

func write(t testing.TB, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, url string) (int, http.Header, string) {
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
	return resp.StatusCode, resp.Header, string(b)
}

// eventually polls cond until it holds, for at most ten seconds.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stream is an open event stream.
type stream struct {
	events chan state
}

func listen(t testing.TB, url string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+strings.TrimPrefix(EventsPath, "/"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events Content-Type %q", ct)
	}
	s := &stream{events: make(chan state, 100)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st state
				if json.Unmarshal([]byte(data), &st) == nil {
					s.events <- st
				}
			}
		}
		close(s.events)
	}()
	t.Cleanup(cancel)
	return s
}

func (s *stream) next(t testing.TB) state {
	t.Helper()
	select {
	case st, ok := <-s.events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return st
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
	}
	return state{}
}

func TestRebuildsAndReloadsOnChange(t *testing.T) {
	s := start(t, map[string]string{"a.md": "first text"})
	if code, _, body := get(t, s.url); code != 200 || !strings.Contains(body, "first text") {
		t.Fatalf("home: %d %q", code, body)
	}
	ev := listen(t, s.url)
	first := ev.next(t)
	if first.Error != "" || first.ID == "" {
		t.Fatalf("first event %+v", first)
	}
	write(t, filepath.Join(s.site.src, "a.md"), "second text")
	eventually(t, "the edit is served", func() bool {
		_, _, body := get(t, s.url)
		return strings.Contains(body, "second text")
	})
	if st := ev.next(t); st.ID == first.ID || st.Error != "" {
		t.Errorf("after the edit the page got %+v, want a new build id without error", st)
	}
	s.site.mu.Lock()
	last := s.site.changed[len(s.site.changed)-1]
	initial := s.site.changed[0]
	s.site.mu.Unlock()
	if initial != nil {
		t.Errorf("first build got changed = %v, want nil (a full build)", initial)
	}
	if want := filepath.Join(s.site.src, "a.md"); !contains(last, want) {
		t.Errorf("rebuild got changed = %v, want it to name %s", last, want)
	}
	if !strings.Contains(s.log.String(), "rebuilt after a change to") {
		t.Errorf("terminal log lacks the rebuild line:\n%s", s.log)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestWatchesNewFoldersAndConfig(t *testing.T) {
	s := start(t, map[string]string{"a.md": "a"})
	deep := filepath.Join(s.site.src, "new", "deeper")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the new folders are seen", func() bool {
		_, _, body := get(t, s.url)
		return strings.Contains(body, "dir new/deeper")
	})
	write(t, filepath.Join(deep, "b.md"), "deep text")
	eventually(t, "a file in the new folder is seen", func() bool {
		_, _, body := get(t, s.url)
		return strings.Contains(body, "deep text")
	})
	n := func() int {
		s.site.mu.Lock()
		defer s.site.mu.Unlock()
		return len(s.site.changed)
	}
	before := n()
	write(t, filepath.Join(filepath.Dir(s.site.src), "digest.toml"), "title = \"x\"\n")
	eventually(t, "a config file created after the start triggers a rebuild", func() bool { return n() > before })
}

func TestIgnoresEditorScratchFiles(t *testing.T) {
	s := start(t, map[string]string{"a.md": "a"})
	n := func() int {
		s.site.mu.Lock()
		defer s.site.mu.Unlock()
		return len(s.site.changed)
	}
	if got := n(); got != 1 {
		t.Fatalf("%d builds at the start, want 1", got)
	}
	for _, name := range []string{".a.md.swp", "a.md~", "#a.md#", "4913", ".hidden/x.md"} {
		write(t, filepath.Join(s.site.src, name), "x")
	}
	// Nothing can signal a rebuild that does not happen, so this waits
	// ten debounce periods before looking.
	time.Sleep(200 * time.Millisecond)
	if got := n(); got != 1 {
		t.Errorf("editor scratch files triggered %d rebuild(s)", got-1)
	}
	// The watcher is alive: a real change does rebuild.
	write(t, filepath.Join(s.site.src, "b.md"), "b")
	eventually(t, "a real change rebuilds", func() bool { return n() > 1 })
}

func TestBuildErrorKeepsLastGoodSite(t *testing.T) {
	s := start(t, map[string]string{"a.md": "good text"})
	ev := listen(t, s.url)
	first := ev.next(t)
	write(t, filepath.Join(s.site.src, "a.md"), "BROKEN now")
	var st state
	for st = ev.next(t); st.Error == ""; st = ev.next(t) {
	}
	if !strings.Contains(st.Error, "a.md:1:") || st.ID == first.ID {
		t.Errorf("error event %+v", st)
	}
	if code, _, body := get(t, s.url); code != 200 || !strings.Contains(body, "good text") {
		t.Errorf("while broken the home page is %d %q, want the last good site", code, body)
	}
	if !strings.Contains(s.log.String(), "build failed") || !strings.Contains(s.log.String(), "a.md:1:") {
		t.Errorf("terminal log lacks the error:\n%s", s.log)
	}
	write(t, filepath.Join(s.site.src, "a.md"), "fixed text")
	for st = ev.next(t); st.Error != ""; st = ev.next(t) {
	}
	if _, _, body := get(t, s.url); !strings.Contains(body, "fixed text") {
		t.Errorf("after the fix the home page is %q", body)
	}
}

func TestErrorPageBeforeFirstGoodBuild(t *testing.T) {
	s := start(t, map[string]string{"a.md": "BROKEN from the start"})
	code, h, body := get(t, s.url+"articles/x/")
	if code != http.StatusInternalServerError || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Errorf("status %d, type %q", code, h.Get("Content-Type"))
	}
	if !strings.Contains(body, "a.md:1:") || !strings.Contains(body, `<script src="`+ScriptPath+`"`) {
		t.Errorf("error page lacks the error or the reload script: %q", body)
	}
	if strings.Contains(body, "<script>alert(1)") || !strings.Contains(body, "&lt;script&gt;alert(1)") {
		t.Errorf("the error text is not escaped: %q", body)
	}
	write(t, filepath.Join(s.site.src, "a.md"), "now fine")
	eventually(t, "the site replaces the error page", func() bool {
		code, _, body := get(t, s.url)
		return code == 200 && strings.Contains(body, "now fine")
	})
}

func TestFiles(t *testing.T) {
	s := start(t, map[string]string{"a.md": "a"})
	tests := []struct {
		name, path string
		code       int
		ctype      string
		body       string
	}{
		{"home", "", 200, "text/html", "file a.md"},
		{"folder index", "sub/", 200, "text/html", "sub page"},
		{"missing page gets the site's 404", "nope/", 404, "text/html", "custom not found"},
		{"rss type", "index.xml", 200, "application/rss+xml", "<rss>"},
		{"script", strings.TrimPrefix(ScriptPath, "/"), 200, "text/javascript", "EventSource"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := get(t, s.url+tt.path)
			if code != tt.code || !strings.HasPrefix(h.Get("Content-Type"), tt.ctype) || !strings.Contains(body, tt.body) {
				t.Errorf("GET /%s = %d %q %q, want %d %q ~%q", tt.path, code, h.Get("Content-Type"), body, tt.code, tt.ctype, tt.body)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff header")
			}
		})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.url + "sub")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/sub/" {
		t.Errorf("GET /sub = %d to %q, want a redirect to /sub/", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = http.Post(s.url, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST = %d", resp.StatusCode)
	}
}

// TestRefusesPathsOutsideTheSite sends raw request lines, since an HTTP
// client would clean the dots away before they reach the server.
func TestRefusesPathsOutsideTheSite(t *testing.T) {
	s := start(t, map[string]string{"a.md": "a"})
	tmp := filepath.Dir(s.site.out)
	write(t, filepath.Join(tmp, "secret.txt"), "TOP SECRET")
	write(t, filepath.Join(filepath.Dir(tmp), "secret.txt"), "TOP SECRET")
	// A symlink inside the site that points out of it is refused too.
	if err := os.Symlink(filepath.Join(tmp, "secret.txt"), filepath.Join(s.site.out, "link.txt")); err != nil {
		t.Skipf("cannot make a symbolic link here (Windows without the privilege): %v", err)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/")
	for _, p := range []string{
		"/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
		"/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/sub/../../secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt",
		"/..\\secret.txt", "/%2e%2e%5csecret.txt", "//../secret.txt", "/./../secret.txt", "/link.txt",
		"/%00", "/..",
	} {
		t.Run(p, func(t *testing.T) {
			conn, err := net.Dial("tcp", host)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 || strings.Contains(string(b), "TOP SECRET") {
				t.Errorf("GET %s = %d %q, want a refusal", p, resp.StatusCode, b)
			}
		})
	}
}

// TestRefusesOtherHosts guards against DNS rebinding: a loopback server
// answers only requests that name a loopback host.
func TestRefusesOtherHosts(t *testing.T) {
	s := start(t, map[string]string{"a.md": "a"})
	addr := strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/")
	_, port, _ := net.SplitHostPort(addr)
	tests := []struct {
		host string
		code int
	}{
		{addr, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST", 200},
		{"[::1]:" + port, 200},
		{"127.0.0.2", 200},
		{"evil.example:" + port, 403},
		{"127.0.0.1.evil.example", 403},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, s.url, nil)
			req.Host = tt.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.code {
				t.Errorf("Host %q: %d, want %d", tt.host, resp.StatusCode, tt.code)
			}
		})
	}
}

func TestStopsCleanlyWithOpenStreams(t *testing.T) {
	s := start(t, map[string]string{"a.md": "a"})
	ev := listen(t, s.url)
	ev.next(t)
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	// The stream ends and nothing listens any more.
	select {
	case _, ok := <-ev.events:
		for ok {
			_, ok = <-ev.events
		}
	case <-time.After(5 * time.Second):
		t.Error("event stream still open after the server stopped")
	}
	if _, err := http.Get(s.url); err == nil {
		t.Error("server still answers after Run returned")
	}
}

func TestRunErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	build := func(context.Context, []string) (string, error) { return "", nil }
	tests := []struct {
		name string
		opt  Options
		msg  string
	}{
		{"no build", Options{Dir: t.TempDir(), Addr: "127.0.0.1:0"}, "required"},
		{"port taken", Options{Dir: t.TempDir(), Addr: ln.Addr().String(), Build: build}, "--addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Run(context.Background(), tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "serve: ") {
				t.Errorf("Run = %v, want an error about %q", err, tt.msg)
			}
		})
	}
}

func TestSitePath(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"/", "", true},
		{"/a/b/", "a/b", true},
		{"/a//b/./c", "a/b/c", true},
		{"/../x", "", false},
		{"/a/../../x", "", false},
		{"/a/..", "", false},
		{"/a\\b", "", false},
		{"/a\x00", "", false},
		{"relative", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := sitePath(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("sitePath(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzSitePath(f *testing.F) {
	for _, s := range []string{"/", "/a/b", "/../x", "/a/./../b", "//x", "/a\\..\\b", "/.%2e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		name, ok := sitePath(p)
		if !ok {
			return
		}
		if strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || contains(strings.Split(name, "/"), "..") {
			t.Errorf("sitePath(%q) = %q escapes the site", p, name)
		}
		if name != "" && !filepathLocal(name) {
			t.Errorf("sitePath(%q) = %q is not a local path", p, name)
		}
	})
}

func filepathLocal(name string) bool { return filepath.IsLocal(filepath.FromSlash(name)) }
