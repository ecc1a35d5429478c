package site

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestSearchInputCuts(t *testing.T) {
	head := `<!doctype html><html lang="en"><head><title>T</title><script>var s = "</article><article data-pagefind-filter=x>";</script></head><body class="b">`
	body := `<article class="a" data-pagefind-body data-pagefind-filter="type:Article"><h1>Title</h1><article><p>inner</p></article><p data-pagefind-ignore>x</p><br></article>`
	page := head + `<header><nav><a href="/">Home</a></nav></header><main>` + body + `<aside>related</aside></main><footer>f</footer></body></html>`
	if got, want := string(searchInput([]byte(page))), head+body+"</body></html>"; got != want {
		t.Errorf("cut:\n got %s\nwant %s", got, want)
	}
	whole := []string{
		// no body element, or two
		head + `<main><p>text</p></main></body></html>`,
		head + `<div data-pagefind-body>a</div><div data-pagefind-body>b</div></body></html>`,
		// a filter, meta or sort outside the body element
		head + `<main>` + body + `<span data-pagefind-filter="outlet">BBC</span></main></body></html>`,
		head + `<p data-pagefind-meta="image:/x.png"></p>` + body + `</body></html>`,
		`<html><head><meta data-pagefind-sort="date[content]" content="2025"></head><body>` + body + `</body></html>`,
		// the body element is <body> itself, or never closed
		`<html><head></head><body data-pagefind-body><p>a</p></body></html>`,
		head + `<article data-pagefind-body><p>open`,
	}
	for _, p := range whole {
		if got := string(searchInput([]byte(p))); got != p {
			t.Errorf("cut a page it must send whole:\n%s\n-> %s", p, got)
		}
	}
}

// TestSearchInputSameIndex indexes the built article pages whole and cut
// by searchInput: Pagefind must write the same index, file for file.
func TestSearchInputSameIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Pagefind through npx")
	}
	if _, err := exec.LookPath("npx"); err != nil {
		t.Skip("npx is not on PATH")
	}
	out := build(t, false)
	files, err := filepath.Glob(filepath.Join(out, "articles", "*", "index.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no article pages: %v", err)
	}
	var pages []searchPage
	cut := 0
	for _, f := range files {
		pages = append(pages, searchPage{URL: "/news/articles/" + filepath.Base(filepath.Dir(f)) + "/", File: f})
		b := []byte(read(t, filepath.Dir(f), "index.html"))
		if c := searchInput(b); len(c) < len(b) {
			cut++
		}
	}
	if cut != len(files) {
		t.Errorf("searchInput cut %d of %d article pages", cut, len(files))
	}
	svc, err := startPagefind(context.Background(), pagefindServiceCommand(context.Background(), ""))
	if err != nil {
		t.Fatal(err)
	}
	defer svc.close()
	a, b := filepath.Join(t.TempDir(), "whole"), filepath.Join(t.TempDir(), "cut")
	if err := svc.indexWith(pages, a, func(p []byte) []byte { return p }); err != nil {
		t.Fatal(err)
	}
	if err := svc.indexWith(pages, b, searchInput); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) < 5 {
		t.Fatalf("the index has %d files", len(ta))
	}
	if !equalTrees(ta, tb) {
		for p := range ta {
			if string(ta[p]) != string(tb[p]) {
				t.Errorf("%s differs", p)
			}
		}
		for p := range tb {
			if _, ok := ta[p]; !ok {
				t.Errorf("%s only in the index of cut pages", p)
			}
		}
	}
}

// TestPagefindBinary finds the binary npx runs, keeps its path in the
// cache folder, and does not trust a kept path that is not the pinned
// Pagefind.
func TestPagefindBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Pagefind through npx")
	}
	if _, err := exec.LookPath("npx"); err != nil {
		t.Skip("npx is not on PATH")
	}
	ctx := context.Background()
	cache := t.TempDir()
	p := pagefindBinary(ctx, cache)
	if p == "" || !isPagefind(ctx, p) {
		t.Fatalf("pagefindBinary = %q, not the pinned Pagefind", p)
	}
	kept := filepath.Join(cache, pagefindBinaryFile)
	if got := read(t, cache, pagefindBinaryFile); got != p {
		t.Errorf("kept %q, want %q", got, p)
	}
	if cmd := pagefindServiceCommand(ctx, cache); len(cmd) != 2 || cmd[0] != p || cmd[1] != "--service" {
		t.Errorf("service command %q", cmd)
	}
	// A kept path that is not Pagefind (here: the shell) is asked again.
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	if err := os.WriteFile(kept, []byte(sh), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := pagefindBinary(ctx, cache); got != p {
		t.Errorf("with %s kept, pagefindBinary = %q, want %q", sh, got, p)
	}
	if isPagefind(ctx, "pagefind") || isPagefind(ctx, "") {
		t.Error("a relative path or none passed as Pagefind")
	}
}
