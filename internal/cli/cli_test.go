package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	code, out, _ := digest(t, "help")
	if code != ExitOK {
		t.Fatalf("help exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("help does not list %s", c.name)
		}
	}
	for _, s := range []string{"Exit codes:", "130"} {
		if !strings.Contains(out, s) {
			t.Errorf("help lacks %q", s)
		}
	}
}

func TestCommandHelp(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {"help", c.name}} {
				code, out, errs := digest(t, args...)
				if code != ExitOK || errs != "" {
					t.Fatalf("%v: exit %d, stderr %q", args, code, errs)
				}
				if !strings.Contains(out, "Usage: digest "+c.name) || !strings.Contains(out, c.short) || !strings.Contains(out, "-root") {
					t.Errorf("%v: help is %q", args, out)
				}
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"build", "--frob"}, "-frob"},
		{"import without path", []string{"import"}, "no PATH given"},
		{"build argument", []string{"build", "extra"}, "unexpected argument"},
		{"quiet and verbose", []string{"build", "--quiet", "--verbose"}, "contradict"},
		{"eval nothing", []string{"eval"}, "extract, meta or threads"},
		{"help unknown", []string{"help", "nope"}, "unknown command"},
		{"bad base url", []string{"build", "--base-url", "not a url"}, "base_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := digest(t, append(tt.args, "--root", t.TempDir())...)
			if tt.name == "unknown command" || tt.name == "help unknown" {
				code, _, errs = digest(t, tt.args...)
			}
			if code != ExitUsage {
				t.Errorf("exit %d, want %d (stderr %q)", code, ExitUsage, errs)
			}
			if !strings.Contains(errs, tt.msg) || !strings.Contains(errs, "digest") {
				t.Errorf("stderr %q lacks %q", errs, tt.msg)
			}
		})
	}
}

func TestConfigFlagsOverrideTheFile(t *testing.T) {
	root := t.TempDir()
	toml := "title = \"Watch\"\nbase_url = \"https://file.example.org/\"\n[build]\ncontent_dir = \"news\"\n[serve]\naddr = \"127.0.0.1:4000\"\n"
	if err := os.WriteFile(filepath.Join(root, "digest.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"file", nil, []string{`base_url = 'https://file.example.org/'`, `content_dir = 'news'`, `output_dir = 'public'`, `addr = '127.0.0.1:4000'`, `title = 'Watch'`}},
		{"flags", []string{"--base-url", "https://flag.example.org/sub", "--content", "other", "--out", "site", "--addr", "0.0.0.0:8080"},
			[]string{`base_url = 'https://flag.example.org/sub/'`, `content_dir = 'other'`, `output_dir = 'site'`, `addr = '0.0.0.0:8080'`, `title = 'Watch'`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := mustDigest(t, append([]string{"config", "--root", root}, tt.args...)...)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("config output lacks %s:\n%s", w, out)
				}
			}
		})
	}
	code, _, errs := digest(t, "config", "--root", root, "--out", ".")
	if code != ExitUsage || !strings.Contains(errs, "--out: build.output_dir") {
		t.Errorf("--out . gave exit %d, %q", code, errs)
	}
}

func TestBuildUsesConfiguredFolders(t *testing.T) {
	root := t.TempDir()
	toml := "[build]\ncontent_dir = \"news\"\noutput_dir = \"site\"\n"
	if err := os.WriteFile(filepath.Join(root, "digest.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "news"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := mustDigest(t, "build", "--root", root)
	if _, err := os.Stat(filepath.Join(root, "site", "index.html")); err != nil {
		t.Errorf("build.output_dir not used: %v", err)
	}
	// "ms)" or "s)": with the search index a build may take seconds.
	for _, w := range []string{"articles", "threads", "pages", "feeds", "files in site", "s)"} {
		if !strings.Contains(out, w) {
			t.Errorf("build summary %q lacks %q", out, w)
		}
	}
	if out := mustDigest(t, "build", "--root", root, "--out", "elsewhere", "--quiet"); out != "" {
		t.Errorf("--quiet printed %q", out)
	}
	if _, err := os.Stat(filepath.Join(root, "elsewhere", "404.html")); err != nil {
		t.Errorf("--out not used, or no 404.html for Netlify: %v", err)
	}
}
