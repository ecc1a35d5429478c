package digest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/digest-news/digest/"

// TestArchitectureTable checks the README's architecture table against the
// code: every package of cmd/ and internal/ has a row, the row's "uses"
// column names exactly the packages of ours it imports (tests aside), and
// each package uses only packages below it in the table, as the README
// says.
func TestArchitectureTable(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	sec := string(readme)
	start := strings.Index(sec, "\n## Architecture\n")
	if start < 0 {
		t.Fatal("README has no Architecture section")
	}
	sec = sec[start+1:]
	if end := strings.Index(sec, "\n## "); end >= 0 {
		sec = sec[:end]
	}
	var order []string
	uses := map[string][]string{}
	for _, line := range strings.Split(sec, "\n") {
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if !strings.HasPrefix(line, "|") || len(cells) != 4 {
			continue
		}
		pkg := strings.Trim(strings.TrimSpace(cells[1]), "`")
		if !strings.HasPrefix(pkg, "internal/") && !strings.HasPrefix(pkg, "cmd/") {
			continue
		}
		if _, dup := uses[pkg]; dup {
			t.Errorf("README: %s has two rows", pkg)
		}
		order = append(order, pkg)
		var u []string
		for _, name := range strings.Split(cells[2], ",") {
			if name = strings.TrimSpace(name); name != "" {
				u = append(u, "internal/"+name)
			}
		}
		slices.Sort(u)
		uses[pkg] = u
	}

	actual := map[string][]string{}
	for _, root := range []string{"cmd", "internal"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			pkg := filepath.ToSlash(filepath.Dir(p))
			if _, ok := actual[pkg]; !ok {
				actual[pkg] = nil
			}
			for _, imp := range f.Imports {
				path := strings.Trim(imp.Path.Value, `"`)
				if dep, ok := strings.CutPrefix(path, module); ok && !slices.Contains(actual[pkg], dep) {
					actual[pkg] = append(actual[pkg], dep)
				}
			}
			return nil
		})
	}
	if len(actual) < 10 {
		t.Fatalf("found only %d packages", len(actual))
	}
	for pkg, deps := range actual {
		slices.Sort(deps)
		want, ok := uses[pkg]
		if !ok {
			t.Errorf("README's architecture table has no row for %s", pkg)
			continue
		}
		if !slices.Equal(want, deps) {
			t.Errorf("README: %s uses %v; its imports are %v", pkg, want, deps)
		}
	}
	for _, pkg := range order {
		if _, ok := actual[pkg]; !ok {
			t.Errorf("README's architecture table lists %s, which does not exist", pkg)
		}
	}
	for i, pkg := range order {
		for _, dep := range uses[pkg] {
			if j := slices.Index(order, dep); j >= 0 && j < i {
				t.Errorf("README: %s uses %s, which stands above it: dependencies are said to point down the table", pkg, dep)
			}
		}
	}
}
