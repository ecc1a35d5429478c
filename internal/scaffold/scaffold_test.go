package scaffold

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/config"
)

var update = flag.Bool("update", false, "rewrite this repository's netlify.toml and .ci/netlify-build.sh from the templates")

// TestRepositoryFiles keeps this repository's Netlify files what the
// templates give, so that every new site gets exactly the headers, CSP
// and caching .ci/run checks on the demo.
func TestRepositoryFiles(t *testing.T) {
	files, err := RepositoryFiles()
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range files {
		path := filepath.Join("..", "..", filepath.FromSlash(p))
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from internal/scaffold/templates; edit the template and run go test ./internal/scaffold -update", p)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mynews")
	opt := Options{
		Title: `My "News"`, BaseURL: "https://news.example.org/", Language: "en", UserAgent: config.DefaultUserAgent,
		Sources: []Source{{URL: "http://127.0.0.1:1/a.xml", Name: "A"}, {URL: "http://127.0.0.1:1/b.xml"}},
		Version: "v1.2.3", Now: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC),
	}
	res, err := Write(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Created) != len(files) || len(res.Kept) != 0 {
		t.Fatalf("created %v, kept %v", res.Created, res.Kept)
	}
	cfg, err := config.Load(filepath.Join(dir, "digest.toml"))
	if err != nil {
		t.Fatalf("the new digest.toml does not load: %v", err)
	}
	if cfg.Title != `My "News"` || len(cfg.Sources) != 2 || cfg.Sources[0].Name != "A" || cfg.Sources[1].URL != "http://127.0.0.1:1/b.xml" || cfg.Feeds.TagDate != "2026-12-03" {
		t.Errorf("config = %+v", cfg)
	}
	for _, p := range []string{".github/workflows/ci.yml", ".github/workflows/rebuild.yml", ".ci/netlify-build.sh"} {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "v1.2.3") {
			t.Errorf("%s does not pin v1.2.3", p)
		}
		if strings.Contains(string(b), "./cmd/digest") {
			t.Errorf("%s runs digest from a source tree, which a new site does not have", p)
		}
	}
	if st, err := os.Stat(filepath.Join(dir, ".ci/netlify-build.sh")); err != nil || st.Mode().Perm()&0o100 == 0 {
		t.Errorf("netlify-build.sh is not executable: %v", err)
	}
	// The Netlify file is the repository's, headers and all.
	repo, _ := os.ReadFile("../../netlify.toml")
	site, _ := os.ReadFile(filepath.Join(dir, "netlify.toml"))
	_, repoHeaders, _ := strings.Cut(string(repo), "[[headers]]")
	_, siteHeaders, _ := strings.Cut(string(site), "[[headers]]")
	if repoHeaders == "" || repoHeaders != siteHeaders {
		t.Error("the new site's netlify.toml headers differ from the repository's")
	}

	// A second run, after an editor changed a file, keeps every file.
	edited := filepath.Join(dir, "digest.toml")
	if err := os.WriteFile(edited, []byte("title = \"Mine\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = Write(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Created) != 0 || len(res.Kept) != len(files) {
		t.Errorf("second run: created %v, kept %v", res.Created, res.Kept)
	}
	if b, _ := os.ReadFile(edited); string(b) != "title = \"Mine\"\n" {
		t.Errorf("an existing file was overwritten: %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*digest-tmp*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
