package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
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
