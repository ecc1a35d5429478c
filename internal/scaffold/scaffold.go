// Package scaffold writes a new site: digest.toml, content/, the Netlify
// configuration and build script, the GitHub workflows (CI and the
// scheduled rebuild), .gitignore and a README. It never overwrites a file
// that exists. This repository's own netlify.toml and Netlify build script
// are rendered from the same templates (see TestRepositoryFiles), so a new
// site gets the headers, CSP and caching the demo is checked with.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/template"
	"time"

	"github.com/digest-news/digest/internal/cache"
)

//go:embed templates
var templates embed.FS

// GoVersion is the Go release the generated workflows and Netlify build
// install: the one this repository's CI uses.
const GoVersion = "1.26.8"

// Module is the import path of digest's command.
const Module = "github.com/digest-news/digest/cmd/digest"

// Source is a feed to list in the new digest.toml.
type Source struct {
	URL  string
	Name string
}

// Options describes the new site.
type Options struct {
	Title     string
	BaseURL   string
	Language  string
	UserAgent string
	Sources   []Source
	// Version is the digest release the site's workflows and Netlify
	// build run (a module version such as "v1.4.0"); "" takes "latest",
	// which is not a pin.
	Version string
	// Now dates the feeds' tag_date.
	Now time.Time
}

// data is what the templates see.
type data struct {
	Options
	Repo      bool // rendering this repository's own copy
	GoVersion string
	TagDate   string
}

// file is one file of the scaffold: its path in the site and its template.
type file struct {
	path, template string
	mode           fs.FileMode
}

var files = []file{
	{"digest.toml", "digest.toml", 0o644},
	{"README.md", "README.md", 0o644},
	{".gitignore", "gitignore", 0o644},
	{"netlify.toml", "netlify.toml", 0o644},
	{".ci/netlify-build.sh", "netlify-build.sh", 0o755},
	{".github/workflows/ci.yml", "ci.yml", 0o644},
	{".github/workflows/rebuild.yml", "rebuild.yml", 0o644},
	{"inbox/README.md", "inbox-README.md", 0o644},
}

// Result lists what Write did, by path relative to the site.
type Result struct {
	Created []string // files written
	Kept    []string // files that existed and were left as they were
}

// Write scaffolds a site in dir, creating it if need be. Files that exist
// are kept as they are, whatever their content.
func Write(dir string, opt Options) (*Result, error) {
	if opt.Version == "" {
		opt.Version = "latest"
	}
	d := data{Options: opt, GoVersion: GoVersion, TagDate: opt.Now.UTC().Format("2006-01-02")}
	res := &Result{}
	for _, f := range files {
		b, err := render(f.template, d)
		if err != nil {
			return res, err
		}
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if _, err := os.Lstat(p); err == nil {
			res.Kept = append(res.Kept, f.path)
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return res, err
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return res, err
		}
		if err := writeNew(p, b, f.mode); err != nil {
			if errors.Is(err, fs.ErrExist) {
				res.Kept = append(res.Kept, f.path)
				continue
			}
			return res, err
		}
		res.Created = append(res.Created, f.path)
	}
	for _, sub := range []string{"content/articles", "content/threads"} {
		p := filepath.Join(dir, filepath.FromSlash(sub))
		if err := os.MkdirAll(p, 0o755); err != nil {
			return res, err
		}
	}
	return res, nil
}

// writeNew writes a file that must not exist, atomically: the content goes
// to a temporary file that is then linked under the name, which fails
// when a file appeared meanwhile instead of replacing it.
func writeNew(p string, b []byte, mode fs.FileMode) error {
	tmp := cache.TempName(p)
	if err := cache.WriteFile(tmp, b, cache.Durable); err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	if err := os.Link(tmp, p); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// File systems without hard links: create exclusively.
		f, oerr := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if oerr != nil {
			return oerr
		}
		if _, werr := f.Write(b); werr != nil {
			f.Close()
			return werr
		}
		return f.Close()
	}
	return nil
}

// render executes one template. The templates use {% %} as delimiters:
// workflows and shell scripts are full of {{ }} and [[ ]].
func render(name string, d data) ([]byte, error) {
	src, err := templates.ReadFile("templates/" + name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Delims("{%", "%}").Funcs(template.FuncMap{"toml": tomlString}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("scaffold: template %s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("scaffold: template %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// tomlString quotes s as a TOML basic string (its escapes are JSON's,
// which strconv's Go quoting matches for printable text).
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Version is the module version of the running digest ("v1.4.0") when it
// was installed as a module, else "": a build from a checkout has no
// version a new site could pin.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Path != "github.com/digest-news/digest" {
		return ""
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" || strings.Contains(v, "+dirty") {
		return ""
	}
	return v
}

// RepositoryFiles renders this repository's own copies of the shared
// templates, by path relative to the repository.
func RepositoryFiles() (map[string][]byte, error) {
	d := data{Repo: true, GoVersion: GoVersion, Options: Options{Version: "from this checkout"}}
	out := map[string][]byte{}
	for _, f := range []file{{"netlify.toml", "netlify.toml", 0}, {".ci/netlify-build.sh", "netlify-build.sh", 0}} {
		b, err := render(f.template, d)
		if err != nil {
			return nil, err
		}
		out[f.path] = b
	}
	return out, nil
}
