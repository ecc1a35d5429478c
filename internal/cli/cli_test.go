package cli

import (
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
		{"eval nothing", []string{"eval"}, "extract or threads"},
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
