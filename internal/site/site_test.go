package site

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	theme "github.com/digest-news/digest"
	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
)

func themeFS(t testing.TB, name string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(theme.Theme, name)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func article(t testing.TB, id, title, thread string, day int) []byte {
	t.Helper()
	b, err := content.Marshal(&news.Article{ID: id, Title: title, Thread: thread, Source: "Example Times",
		Date: time.Date(2025, 7, day, 9, 0, 0, 0, time.UTC), Body: "First paragraph about " + title + ".\n\nSecond paragraph.\n"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func options(t testing.TB, c fs.FS, out string) Options {
	cfg := config.Default()
	cfg.BaseURL = "https://news.example.org/"
	return Options{Site: SettingsFrom(cfg), Content: c, Layouts: themeFS(t, "layouts"), Assets: themeFS(t, "assets"), Out: out}
}

func TestBuildWithContentErrorsTouchesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	good := fstest.MapFS{"articles/a.md": {Data: article(t, "a1", "Dam opens", "t1", 10)}}
	if _, err := Build(context.Background(), options(t, good, out)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))

	bad := fstest.MapFS{
		"articles/a.md":       {Data: article(t, "a1", "Dam opens", "t1", 10)},
		"articles/open.md":    {Data: []byte("---\nid: b\ntitle: never closes\n")},
		"articles/type.md":    {Data: []byte("---\nid: c\ntitle: x\ntags: 7\n---\n")},
		"articles/date.md":    {Data: []byte("---\nid: d\ntitle: x\ndate: soon\n---\n")},
		"threads/t1.md":       {Data: []byte("---\npinned: perhaps\n---\n")},
		"articles/unknown.md": {Data: []byte("---\nid: e\ntitle: x\nheadline: y\n---\n")},
	}
	_, err := Build(context.Background(), options(t, bad, out))
	var ce ContentErrors
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want ContentErrors", err)
	}
	if len(ce) != 5 {
		t.Errorf("%d errors, want all 5:\n%v", len(ce), err)
	}
	for _, want := range []string{"articles/open.md:1: front matter never closes", "articles/type.md:4:", "articles/date.md:4:", "threads/t1.md:2:", "articles/unknown.md:4:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if string(before) != string(after) {
		t.Error("a failed build changed the published site")
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("staging left behind: %v", entries)
	}
}

func TestBuildRefusesSymlinkedContent(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "articles"), 0o755)
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, article(t, "s", "Secret", "t", 1), 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, "articles", "link.md")); err != nil {
		t.Skipf("cannot make a symbolic link here (Windows without the privilege): %v", err)
	}
	_, err := Build(context.Background(), options(t, os.DirFS(dir), filepath.Join(t.TempDir(), "public")))
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("err = %v, want a symbolic link error", err)
	}
}

func TestBuildCancelledLeavesPublished(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	c := fstest.MapFS{"articles/a.md": {Data: article(t, "a1", "Dam opens", "t1", 10)}}
	if _, err := Build(context.Background(), options(t, c, out)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, "index.html"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c["articles/b.md"] = &fstest.MapFile{Data: article(t, "b1", "Bridge closes", "t2", 11)}
	if _, err := Build(ctx, options(t, c, out)); err == nil {
		t.Fatal("cancelled build succeeded")
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if string(before) != string(after) {
		t.Error("a cancelled build changed the published site")
	}
}

func TestListsFoldCopiesUnderOriginals(t *testing.T) {
	mk := func(id, title, copyOf string) []byte {
		b, err := content.Marshal(&news.Article{ID: id, Title: title, Thread: "t1", Source: "Example Times", CopyOf: copyOf,
			Date: time.Date(2025, 7, 10, 9, 0, 0, 0, time.UTC), Body: "Text of " + title + ".\n"})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	c := fstest.MapFS{
		"articles/orig.md": {Data: mk("o1", "Dam opens on the river", "")},
		"articles/copy.md": {Data: mk("c1", "Dam opens, wire copy", "o1")},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), options(t, c, out)); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"outlets/example-times/index.html", "2025/07/10/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b), `href="/articles/copy/"`); n != 1 {
			t.Errorf("%s links the copy %d times, want once (folded under its original)", page, n)
		}
		if !strings.Contains(string(b), "Also carried by") {
			t.Errorf("%s does not fold the copy under its original", page)
		}
	}
}
