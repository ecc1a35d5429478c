package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestPingTellsHubOfEveryFeed(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]bool{}
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		seen[r.Form.Get("hub.url")] = true
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hub.Close()
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "digest.toml"), []byte("base_url = \"https://digest.example.org/\"\n[feeds]\nhub = \""+hub.URL+"/\"\n"), 0o644)
	mustDigest(t, "import", "--root", root, "../../testdata/seeds")
	mustDigest(t, "build", "--root", root)
	home, _ := os.ReadFile(filepath.Join(root, "public", "index.xml"))
	if !strings.Contains(string(home), `rel="hub"`) {
		t.Error("feeds do not announce the hub")
	}
	out := mustDigest(t, "ping", "--root", root)
	if !seen["https://digest.example.org/index.xml"] || !seen["https://digest.example.org/atom.xml"] || !seen["https://digest.example.org/feed.json"] || len(seen) < 6 {
		t.Errorf("hub was told of %d feeds: %v (%s)", len(seen), seen, out)
	}
}

func TestPingWaitsUntilTheSiteIsLive(t *testing.T) {
	var mu sync.Mutex
	told := 0
	live := false
	root := t.TempDir()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPost { // the hub
			told++
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if !live {
			w.Write([]byte("<rss>the previous deploy</rss>"))
			return
		}
		http.ServeFile(w, r, filepath.Join(root, "public", "index.xml"))
	}))
	defer site.Close()
	os.WriteFile(filepath.Join(root, "digest.toml"), []byte("base_url = \""+site.URL+"/\"\n[feeds]\nhub = \""+site.URL+"/hub\"\n"), 0o644)
	mustDigest(t, "import", "--root", root, "../../testdata/seeds")
	mustDigest(t, "build", "--root", root)
	defer func(p time.Duration) { pollEvery = p }(pollEvery)
	pollEvery = 10 * time.Millisecond

	// Not live in time: nobody is told.
	code, stdout, stderr := digest(t, "ping", "--root", root, "--wait-live", "100ms")
	mu.Lock()
	if code == 0 || told != 0 || !strings.Contains(stderr, "not live") {
		t.Errorf("ping before the deploy: exit %d, hub told %d times: %s%s", code, told, stdout, stderr)
	}
	mu.Unlock()

	// Live after a while: the hub is told once the site serves the new feed.
	go func() {
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		live = true
		mu.Unlock()
	}()
	out := mustDigest(t, "ping", "--root", root, "--wait-live", "10s")
	mu.Lock()
	defer mu.Unlock()
	if told == 0 || !strings.Contains(out, "is live") {
		t.Errorf("ping after the deploy: hub told %d times: %s", told, out)
	}
}
