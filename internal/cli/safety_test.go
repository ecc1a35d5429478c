package cli

import (
	"fmt"
	"os/exec"

	"github.com/digest-news/digest/internal/cache"

	"github.com/digest-news/digest/internal/lock"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// safeArticle is a content file the safety tests build from.
const safeArticle = `---
id: harbour-1
title: Council approves harbour plan
date: 2025-03-04T10:00:00Z
source: Example Times
thread: harbour-plan
---
The council approved the harbour plan on Monday after a long debate.
`

// safetySite makes a home folder (HOME points at it for the test) with a
// site inside it: digest.toml, content/ with one article, and a file of
// the user's beside the site. It returns the home and the root.
func safetySite(t *testing.T) (home, root string) {
	t.Helper()
	home = t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	root = filepath.Join(home, "site")
	write(t, filepath.Join(root, "digest.toml"), "title = \"Safe\"\n[search]\nenabled = false\n")
	write(t, filepath.Join(root, "content", "articles", "harbour.md"), safeArticle)
	write(t, filepath.Join(home, "notes.txt"), "the user's own file\n")
	return home, root
}

func write(t testing.TB, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// intact fails unless every file safetySite made is still there.
func intact(t *testing.T, home, root string) {
	t.Helper()
	for _, p := range []string{
		filepath.Join(root, "digest.toml"), filepath.Join(root, "content", "articles", "harbour.md"),
		filepath.Join(home, "notes.txt"),
	} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("lost %s: %v", p, err)
		}
	}
}

// TestOutputFolderNeverTakesTheSite builds with an output folder that is,
// or holds, the site, its content, its theme or the user's home, given
// every way a user might type it. Each is refused and nothing is lost.
func TestOutputFolderNeverTakesTheSite(t *testing.T) {
	tests := []struct {
		name string
		out  func(home, root string) string // --out, or "config:" + output_dir
		want string
	}{
		{"site folder absolute ($PWD)", func(_, root string) string { return root }, "the site's folder"},
		{"content folder absolute", func(_, root string) string { return filepath.Join(root, "content") }, "the content folder"},
		{"inside the content folder", func(_, root string) string { return filepath.Join(root, "content", "public") }, "the content folder"},
		{"parent (..)", func(_, _ string) string { return ".." }, "the site's folder"},
		{"home (~)", func(home, _ string) string { return home }, "the site's folder"},
		{"../site", func(_, _ string) string { return filepath.Join("..", "site") }, "the site's folder"},
		{"site/./content/..", func(_, _ string) string { return filepath.Join("content", "..") }, "the site's folder"},
		{"layouts", func(_, _ string) string { return "layouts" }, "the layouts folder"},
		{"assets", func(_, _ string) string { return "assets" }, "the assets folder"},
		{"absolute output_dir in digest.toml", func(_, root string) string { return "config:" + root }, "the site's folder"},
		{"a link to the site", func(home, root string) string {
			link := filepath.Join(home, "link")
			if err := os.Symlink(root, link); err != nil {
				return "skip:" + err.Error()
			}
			return filepath.Join(link, "content")
		}, "the content folder"},
		{"a missing folder under a link to the content", func(home, root string) string {
			link := filepath.Join(home, "link")
			if err := os.Symlink(filepath.Join(root, "content"), link); err != nil {
				return "skip:" + err.Error()
			}
			return filepath.Join(link, "new", "public")
		}, "the content folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home, root := safetySite(t)
			out := tt.out(home, root)
			if s, ok := strings.CutPrefix(out, "skip:"); ok {
				t.Skip("cannot make a symbolic link here:", s)
			}
			args := []string{"build", "--root", root}
			if dir, ok := strings.CutPrefix(out, "config:"); ok {
				write(t, filepath.Join(root, "digest.toml"), "title = \"Safe\"\n[search]\nenabled = false\n[build]\noutput_dir = '"+dir+"'\n")
			} else {
				args = append(args, "--out", out)
			}
			code, _, errs := digest(t, args...)
			if code != ExitFailure && code != ExitUsage {
				t.Errorf("exit %d, want a refusal; stderr %q", code, errs)
			}
			if !strings.Contains(errs, tt.want) && !strings.Contains(errs, "would replace the site's own folder") {
				t.Errorf("stderr %q does not say it is %s", errs, tt.want)
			}
			intact(t, home, root)
			// --force replaces only folders digest did not build; it
			// never lets a build take the site.
			code, _, errs = digest(t, append(args, "--force")...)
			if code == ExitOK {
				t.Errorf("--force: exit 0; stderr %q", errs)
			}
			intact(t, home, root)
		})
	}
}

// TestOutputFolderOfSomeoneElse: a folder that holds files and was not
// built by digest is replaced only with --force; one digest built (it has
// the marker) is replaced by every build, and so is an empty one.
func TestOutputFolderOfSomeoneElse(t *testing.T) {
	home, root := safetySite(t)
	other := filepath.Join(home, "photos")
	write(t, filepath.Join(other, "cat.jpg"), "not really a cat\n")
	code, _, errs := digest(t, "build", "--root", root, "--out", other)
	if code != ExitFailure || !strings.Contains(errs, "was not built by digest") || !strings.Contains(errs, "--force") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(other, "cat.jpg")); err != nil {
		t.Fatalf("the user's file is gone: %v", err)
	}
	// A file as the output folder is refused even with --force.
	code, _, errs = digest(t, "build", "--root", root, "--out", filepath.Join(home, "notes.txt"), "--force")
	if code != ExitFailure || !strings.Contains(errs, "is a file") {
		t.Errorf("a file as output: exit %d, stderr %q", code, errs)
	}
	intact(t, home, root)

	mustDigest(t, "build", "--root", root, "--out", other, "--force")
	if _, err := os.Stat(filepath.Join(other, "index.html")); err != nil {
		t.Fatalf("--force did not build: %v", err)
	}
	// Now digest's own: rebuilt without --force, twice (the second
	// resumes the spare).
	for range 2 {
		mustDigest(t, "build", "--root", root, "--out", other)
	}
	// The default public/, and an empty folder.
	mustDigest(t, "build", "--root", root)
	mustDigest(t, "build", "--root", root)
	if _, err := os.Stat(filepath.Join(root, "public", ".digest-output")); err != nil {
		t.Errorf("no marker in public/: %v", err)
	}
	empty := filepath.Join(home, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	mustDigest(t, "build", "--root", root, "--out", empty)
	intact(t, home, root)
	if runtime.GOOS != "windows" {
		// The marker is not listed as a page: the sitemap names pages only.
		b, err := os.ReadFile(filepath.Join(root, "public", "sitemap.xml"))
		if err != nil || strings.Contains(string(b), "digest-output") {
			t.Errorf("sitemap: %v, %s", err, b)
		}
	}
}

// TestConcurrentRunsAreLocked: while one command holds the site's lock,
// import, build and rethread refuse at once, naming the other process;
// a lock left by a process that is gone is taken over.
func TestConcurrentRunsAreLocked(t *testing.T) {
	home, root := safetySite(t)
	raw := filepath.Join(home, "raw.txt")
	write(t, raw, "Harbour plan\n\nThe council approved the harbour plan on Monday after a long debate in the chamber.\n")
	l, err := lock.Acquire(root, "import")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"import", "--root", root, raw}, {"build", "--root", root}, {"rethread", "--root", root}} {
		code, _, errs := digest(t, args...)
		if code != ExitFailure || !strings.Contains(errs, "another digest is working on this site") || !strings.Contains(errs, "digest import") || !strings.Contains(errs, fmt.Sprint(os.Getpid())) {
			t.Errorf("%v while locked: exit %d, stderr %q", args, code, errs)
		}
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"import", "--root", root, raw}, {"build", "--root", root}, {"rethread", "--root", root}} {
		mustDigest(t, args...)
	}
	if _, err := os.Stat(filepath.Join(root, lock.FileName)); !os.IsNotExist(err) {
		t.Errorf("lock file left after the commands: %v", err)
	}
}

// TestKilledRunsLeftoversAreCleaned: the temporary files and staging
// folders of runs killed before they finished are removed by the next
// run, and the repository ignores them until then.
func TestKilledRunsLeftoversAreCleaned(t *testing.T) {
	home, root := safetySite(t)
	tmpName := ".harbour.md.digest-tmp-0123456789ab"
	if !cache.IsTemp(tmpName) {
		t.Fatalf("%s is not a temporary name", tmpName)
	}
	leftovers := []string{
		filepath.Join(root, "content", "articles", tmpName),
		filepath.Join(root, ".digest-cache", ".site.bin.digest-tmp-a0a1a2a3a4a5"),
		filepath.Join(root, ".public.staging-123456", "index.html"),
		// The name an earlier digest's writer gave (os.CreateTemp), as
		// the issue found 3,194 of in content/ after killed imports.
		filepath.Join(root, "content", "articles", ".harbour.md.tmp-123456789"),
	}
	keep := filepath.Join(root, "content", "articles", ".notes.md") // a hidden file of the editor's
	write(t, keep, "mine\n")
	for _, p := range leftovers {
		write(t, p, "left by a killed run\n")
	}
	mustDigest(t, "build", "--root", root)
	for _, p := range leftovers {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("build left %s: %v", p, err)
		}
	}
	write(t, leftovers[0], "left by a killed import\n")
	raw := filepath.Join(home, "raw.txt")
	write(t, raw, "Harbour plan\n\nThe council approved the harbour plan on Monday after a long debate in the chamber.\n")
	mustDigest(t, "import", "--root", root, raw)
	if _, err := os.Stat(leftovers[0]); !os.IsNotExist(err) {
		t.Errorf("import left %s: %v", leftovers[0], err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the editor's hidden file is gone: %v", err)
	}

	// The repository (a site) ignores them until then.
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git to ask about .gitignore")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// And so does a site `digest new` makes, with its own .gitignore.
	site := filepath.Join(home, "new")
	if err := exec.Command(git, "init", "-q", site).Run(); err != nil {
		t.Skip("git init:", err)
	}
	b, err := os.ReadFile(filepath.Join(repo, "internal", "scaffold", "templates", "gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(site, ".gitignore"), string(b))
	for _, dir := range []string{repo, site} {
		for _, p := range []string{"content/articles/" + tmpName, "content/articles/.harbour.md.tmp-123456789", ".digest-cache/x", ".public.staging-123456/index.html", ".digest.lock", "public/index.html", ".public-spare/index.html"} {
			cmd := exec.Command(git, "-C", dir, "check-ignore", "-q", "--no-index", p)
			if err := cmd.Run(); err != nil {
				t.Errorf("%s/.gitignore does not ignore %s: %v", dir, p, err)
			}
		}
	}
}

// threadArticle is a content file in the thread id of the given name.
func threadArticle(id, thread string) string {
	return "---\nid: " + id + "\ntitle: Story " + id + "\ndate: 2025-03-04T10:00:00Z\nsource: Example Times\nthread: '" + thread + "'\n---\nThe council approved the harbour plan on Monday after a long debate.\n"
}

// TestThreadIDs: ids in another script, of punctuation only, or hundreds
// of bytes long build (a hashed or cut folder name); ids or file names
// equal but for case or Unicode normalisation are refused naming both
// files. Before, the first two failed the whole build naming no file, the
// third with "file name too long", the last as "written twice".
func TestThreadIDs(t *testing.T) {
	for _, tt := range []struct{ name, id string }{
		{"non-Latin", "ураган-в-москве"},
		{"Chinese", "台风"},
		{"punctuation only", "!!!"},
		{"305 bytes", strings.Repeat("harbour-", 38) + "x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, root := safetySite(t)
			write(t, filepath.Join(root, "content", "articles", "b.md"), threadArticle("b-1", tt.id))
			mustDigest(t, "build", "--root", root)
			pages, _ := filepath.Glob(filepath.Join(root, "public", "threads", "*", "index.html"))
			if len(pages) != 2 {
				t.Errorf("%d thread pages, want 2: %v", len(pages), pages)
			}
			for _, p := range pages {
				if n := len(filepath.Base(filepath.Dir(p))); n > 60 {
					t.Errorf("thread folder name of %d bytes", n)
				}
			}
		})
	}
	for _, tt := range []struct {
		name             string
		fileA, fileB     string
		threadA, threadB string
	}{
		{"thread ids differ in case", "a.md", "b.md", "Harbour-Plan", "harbour-plan"},
		{"thread ids differ in normalisation", "a.md", "b.md", "caf\u00e9", "cafe\u0301"},
		{"file names differ in case", "Harbour.md", "harbour.md", "x", "x"},
		{"file names differ in normalisation", "caf\u00e9.md", "cafe\u0301.md", "x", "x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, root := safetySite(t)
			if err := os.Remove(filepath.Join(root, "content", "articles", "harbour.md")); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(root, "content", "articles")
			write(t, filepath.Join(dir, tt.fileA), threadArticle("a-1", tt.threadA))
			write(t, filepath.Join(dir, tt.fileB), threadArticle("b-1", tt.threadB))
			if ents, _ := os.ReadDir(dir); len(ents) != 2 {
				t.Skip("this file system makes the two names one file")
			}
			code, _, errs := digest(t, "build", "--root", root)
			if code != ExitFailure || !strings.Contains(errs, tt.fileA) || !strings.Contains(errs, tt.fileB) {
				t.Errorf("exit %d; stderr %q does not name both %s and %s", code, errs, tt.fileA, tt.fileB)
			}
		})
	}
}

// TestFutureDatesAndBadLinks: a date far beyond the clock is reported
// and not taken as the site's "now"; a link that is not http(s) is
// reported and left out, at import and at build. Before, 9999 became
// every page's lastmod and javascript: reached JSON-LD and "#ZgotmplZ".
func TestFutureDatesAndBadLinks(t *testing.T) {
	home, root := safetySite(t)
	bad := "---\nid: far-1\ntitle: From the future\ndate: 9999-01-01T00:00:00Z\nsource: Example Times\nurl: \"javascript:alert(1)\"\nthread: other\n---\nA report with a date no one can have written.\n"
	write(t, filepath.Join(root, "content", "articles", "far.md"), bad)
	code, _, errs := digest(t, "build", "--root", root)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{"far.md: date 9999-01-01", "far.md: url", "not an absolute http(s) URL"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr %q lacks %q", errs, w)
		}
	}
	files := snapshot(t, filepath.Join(root, "public"))
	for name, body := range files {
		if strings.Contains(body, "javascript:") || strings.Contains(body, "ZgotmplZ") {
			t.Errorf("%s carries the javascript: link", name)
		}
		if strings.Contains(name, "sitemap") && (strings.Contains(body, "lastmod>9999") || strings.Contains(body, "date>9999")) {
			t.Errorf("%s dates the site 9999: %s", name, body)
		}
	}

	// At import, the record's url is left out with a warning.
	raw := filepath.Join(home, "recs.jsonl")
	write(t, raw, `{"id":"js-1","title":"Harbour plan approved","text":"The council approved the harbour plan on Monday after a long debate in the chamber.","url":"javascript:alert(1)","source":"Example Times"}`+"\n")
	_, out, errs := digest(t, "import", "--root", root, "--verbose", raw)
	if !strings.Contains(out+errs, "is not an absolute http(s) URL") {
		t.Errorf("import did not warn of the url: %s %s", out, errs)
	}
	matches, _ := filepath.Glob(filepath.Join(root, "content", "articles", "*.md"))
	for _, m := range matches {
		if b, _ := os.ReadFile(m); strings.Contains(string(b), "javascript:") && !strings.HasSuffix(m, "far.md") {
			t.Errorf("%s keeps the javascript: url", m)
		}
	}
}

// TestOutputFolderNeverTakesTheHome: with the site outside the home
// folder, so that only the home's own protection stands, --out naming the
// home (as `--out ~` does) or a folder above it is refused, even with
// --force, and the user's files stay. Before, the home was swapped out to
// .<name>-spare and its files lost at the next build.
func TestOutputFolderNeverTakesTheHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	write(t, filepath.Join(home, "notes.txt"), "the user's own file\n")
	root := t.TempDir()
	write(t, filepath.Join(root, "digest.toml"), "title = \"Safe\"\n[search]\nenabled = false\n")
	write(t, filepath.Join(root, "content", "articles", "harbour.md"), safeArticle)
	// The folder above the home holds the site here too (both are in
	// the test's temporary folder), so either may be named for it.
	for out, want := range map[string]string{home: "is your home folder", filepath.Join(home, "."): "is your home folder", filepath.Dir(home): " holds "} {
		for _, force := range []bool{false, true} {
			args := []string{"build", "--root", root, "--out", out}
			if force {
				args = append(args, "--force")
			}
			code, _, errs := digest(t, args...)
			if code != ExitFailure || !strings.Contains(errs, want) {
				t.Errorf("%v: exit %d, stderr %q; want a refusal saying %q", args, code, errs, want)
			}
			if _, err := os.Stat(filepath.Join(home, "notes.txt")); err != nil {
				t.Fatalf("%v: the user's file is gone: %v", args, err)
			}
		}
	}
}
