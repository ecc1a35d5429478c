package config

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEReference keeps the README's configuration reference honest:
// its example must load, and every key the configuration has must be in
// its table.
func TestREADMEReference(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, ref, ok := strings.Cut(readme, "## Configuration reference")
	if !ok {
		t.Fatal("README has no configuration reference")
	}
	m := regexp.MustCompile("(?s)```toml\n(.*?)```").FindStringSubmatch(ref)
	if m == nil {
		t.Fatal("the configuration reference has no example")
	}
	if _, err := Parse("README example", []byte(m[1])); err != nil {
		t.Errorf("the README's example does not load: %v", err)
	}
	table := ""
	keyLine := regexp.MustCompile(`^\s*([a-z_]+) = `)
	for _, l := range strings.Split(Default().String(), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			table = strings.Trim(l, "[]")
			continue
		}
		k := keyLine.FindStringSubmatch(l)
		if k == nil {
			continue
		}
		want := "| `" + k[1] + "`"
		if table != "" {
			want = "| `[" + table + "] " + k[1] + "`"
		}
		if !strings.Contains(ref, want) {
			t.Errorf("the configuration reference lacks a row for %s", want)
		}
	}
	if !strings.Contains(ref, "| `[outlets]`") {
		t.Error("the configuration reference lacks [outlets]")
	}
}
