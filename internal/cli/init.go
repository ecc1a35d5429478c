package cli

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/scaffold"
)

// stringList is a flag that may be given many times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func initCommand() *command {
	return &command{
		name: "init", args: "[DIR]",
		short: "start a new site in DIR (default the current folder)",
		long: `
Writes a site that builds, deploys and feeds itself: digest.toml (commented,
with the sources given by --source), content/, netlify.toml and
.ci/netlify-build.sh (the headers, CSP and caching of digest's own demo),
.github/workflows/ci.yml and rebuild.yml (a scheduled fetch, import,
commit and publish), .gitignore, inbox/ and a README. The workflows and
the Netlify build run the digest version that ran init. A file that exists
is never overwritten: it is listed as kept.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			title := fs.String("title", "My News Digest", "the site's name")
			baseURL := fs.String("base-url", "https://news.example.org/", "the address the site will be published at")
			lang := fs.String("language", "en", "the site's language tag")
			var sources stringList
			fs.Var(&sources, "source", "a feed or news sitemap URL for digest fetch; `URL` or NAME=URL, may be repeated")
			return func(ctx context.Context, args []string) error {
				if len(args) > 1 {
					return usageError{fmt.Sprintf("unexpected argument %q; init takes one folder", args[1])}
				}
				dir := e.root
				if len(args) == 1 {
					dir = e.path(args[0])
				}
				opt := scaffold.Options{
					Title: *title, BaseURL: *baseURL, Language: *lang, UserAgent: config.DefaultUserAgent,
					Version: scaffold.Version(), Now: time.Now(),
				}
				for _, s := range sources {
					src := scaffold.Source{URL: s}
					if name, u, ok := strings.Cut(s, "="); ok && !strings.Contains(name, "/") {
						src = scaffold.Source{Name: name, URL: u}
					}
					if u, err := url.Parse(src.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
						return usageError{fmt.Sprintf("--source %q is not an http(s) URL of a feed or news sitemap", s)}
					}
					opt.Sources = append(opt.Sources, src)
				}
				res, err := scaffold.Write(dir, opt)
				if err != nil {
					return fmt.Errorf("init %s: %w", dir, err)
				}
				// The new configuration must load: a bad --title or
				// --base-url is reported now, not at the first build.
				if _, err := config.Load(filepath.Join(dir, config.FileName)); err != nil {
					return err
				}
				for _, p := range res.Created {
					e.verbosef("created %s\n", p)
				}
				for _, p := range res.Kept {
					e.printf("kept %s (it exists; not overwritten)\n", p)
				}
				if opt.Version == "" {
					e.printf("note: this digest is not a released version, so the workflows and the Netlify build run digest@latest; pin a version in them (DIGEST_VERSION) before deploying\n")
				}
				e.printf("init: %d files created, %d kept in %s\n", len(res.Created), len(res.Kept), dir)
				return nil
			}
		},
	}
}
