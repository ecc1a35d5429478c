package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/testutil"
)

// Scraped text is hostile, and a dependency that is quadratic on some
// shape of input (a run of entities in the HTML minifier, many
// paragraphs in go-trafilatura) turns one article into a build that
// never ends. These inputs go through the commands users run, import and
// then build, at three sizes: the work per byte must not grow with the
// size. TestHostileInputsScaleLinearly checks it on the bytes allocated,
// which, unlike time, do not depend on what else the machine is doing;
// BenchmarkHostileInput reports the time per byte.

// hostile is one shape of input: a raw file to import, made to about n
// bytes.
type hostile struct {
	name string
	file string // name of the raw file: its extension picks the reader
	make func(n int) string
}

const lead = "The council approved the harbour plan on Monday after a long debate about its cost.\n"

func repeat(unit string, n int) string { return strings.Repeat(unit, max(1, n/len(unit))) }

// numbered repeats a line holding one %d, numbered, to about n bytes.
func numbered(format string, n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

var hostileInputs = []hostile{
	{"dump, run of ampersands", "amps.txt", func(n int) string {
		return "Harbour works begin\n" + lead + repeat("Smith & Jones &&& said. ", n) + "\n"
	}},
	{"dump, run of Markdown syntax", "marks.txt", func(n int) string {
		return "Harbour works begin\n" + lead + repeat("*_[`](<!\\#", n) + "\n"
	}},
	{"dump, one long word", "word.txt", func(n int) string {
		return "Harbour works begin\n" + lead + repeat("harbour", n) + "\n"
	}},
	{"dump, many paragraphs", "lines.txt", func(n int) string {
		return "Harbour works begin\n" + lead + numbered("Paragraph %d of the harbour works story goes on along the quay.\n", n)
	}},
	{"page, run of entities", "amps.html", func(n int) string {
		return "<html><head><title>Harbour works begin</title></head><body><article><h1>Harbour works begin</h1><p>" + lead + "</p><p>" + repeat("&amp;", n) + "</p></article></body></html>"
	}},
	{"page, many paragraphs", "paragraphs.html", func(n int) string {
		return "<html><head><title>Harbour works begin</title></head><body><article><h1>Harbour works begin</h1><p>" + lead + "</p>" + numbered("<p>Paragraph %d of the harbour works story goes on.</p>", n) + "</article></body></html>"
	}},
	{"page, deep nesting", "deep.html", func(n int) string {
		return "<html><head><title>Harbour works begin</title></head><body><article><h1>Harbour works begin</h1><p>" + lead + "</p>" + repeat("<div><span>", n) + "text</article></body></html>"
	}},
	{"page, many links", "links.html", func(n int) string {
		return "<html><head><title>Harbour works begin</title></head><body><article><h1>Harbour works begin</h1><p>" + lead + "</p><p>" + repeat(`<a href="/x">harbour</a> `, n) + "</p></article></body></html>"
	}},
	{"record, run of markup", "record.jsonl", func(n int) string {
		return `{"id":"r1","title":"Harbour works begin","source":"Harbour Gazette","text":"` + strings.TrimSuffix(lead, "\n") + `\n` + repeat(`<b>&amp;\"`, n) + `"}` + "\n"
	}},
}

// hostileSite makes a site of one article and the raw input beside it,
// and returns the commands that import the input and build the site.
func hostileSite(t testing.TB, h hostile, n int) (imp, build func()) {
	t.Helper()
	root := t.TempDir()
	write(t, filepath.Join(root, "digest.toml"), "title = \"Hostile\"\nbase_url = \"https://example.org/\"\n[search]\nenabled = false\n")
	write(t, filepath.Join(root, "content", "articles", "harbour.md"), safeArticle)
	raw := filepath.Join(root, "raw", h.file)
	write(t, raw, h.make(n))
	imp = func() {
		mustDigest(t, "import", "--quiet", "--root", root, raw)
		if entries, _ := os.ReadDir(filepath.Join(root, "content", "articles")); len(entries) != 2 {
			t.Fatalf("%s at %d bytes: %d files in content/articles after import, want 2", h.name, n, len(entries))
		}
	}
	build = func() { mustDigest(t, "build", "--quiet", "--root", root) }
	return imp, build
}

// hostileRun imports the input into a fresh site and builds it, and
// returns the bytes allocated by each command.
func hostileRun(t testing.TB, h hostile, n int) (imp, build uint64) {
	i, b := hostileSite(t, h, n)
	return testutil.Allocated(i), testutil.Allocated(b)
}

// hostileTimes does the same and returns the time each command took.
func hostileTimes(t testing.TB, h hostile, n int) (imp, build time.Duration) {
	i, b := hostileSite(t, h, n)
	start := time.Now()
	i()
	mid := time.Now()
	b()
	return mid.Sub(start), time.Since(mid)
}

// The sizes: a small one for what every run costs whatever its input,
// then two a factor of four apart.
const (
	hostileBase  = 1 << 10
	hostileSmall = 64 << 10
	hostileLarge = 256 << 10
)

// TestHostileInputsScaleLinearly: for each shape and each command, the
// bytes allocated per byte of input added from the small size to the
// large one are at most twice those from the base size to the small one.
// Linear work gives a ratio near 1; quadratic work gives about 5 at
// these sizes.
func TestHostileInputsScaleLinearly(t *testing.T) {
	if testutil.RaceEnabled {
		t.Skip("the race detector changes what is allocated; .ci/run runs this test without it")
	}
	for _, h := range hostileInputs {
		t.Run(h.name, func(t *testing.T) {
			var imp, build [3]uint64
			var size [3]int
			hostileRun(t, h, hostileBase) // what the first run of a process sets up once
			for i, n := range []int{hostileBase, hostileSmall, hostileLarge} {
				size[i] = len(h.make(n))
				imp[i], build[i] = hostileRun(t, h, n)
			}
			for _, stage := range []struct {
				name  string
				alloc [3]uint64
			}{{"import", imp}, {"build", build}} {
				a := stage.alloc
				first := perByte(a[1], a[0], size[1]-size[0])
				second := perByte(a[2], a[1], size[2]-size[1])
				t.Logf("%s: %.1f then %.1f bytes allocated per byte of input (%d, %d, %d bytes in all)", stage.name, first, second, a[0], a[1], a[2])
				// Below a few bytes per byte, the figures are the noise of
				// a run's fixed costs, whatever the ratio.
				if second > 2*first && second > 8 {
					t.Errorf("%s grows faster than its input: %.1f bytes allocated per byte from %d to %d bytes, %.1f from %d to %d", stage.name, second, size[1], size[2], first, size[0], size[1])
				}
			}
		})
	}
}

func perByte(hi, lo uint64, bytes int) float64 {
	if hi < lo {
		return 0
	}
	return float64(hi-lo) / float64(bytes)
}

// BenchmarkHostileInput times import and build of each shape at two
// sizes a factor of four apart, larger than the test's so that a
// quadratic term shows over the fixed costs, and reports the time per
// byte of each command: it must stay flat from one size to the other.
// .ci/hostile-linear checks it (a quadratic step gives about four times
// the time per byte at the larger size).
func BenchmarkHostileInput(b *testing.B) {
	for _, h := range hostileInputs {
		for _, n := range []int{hostileLarge, 4 * hostileLarge} {
			b.Run(fmt.Sprintf("%s/%dKiB", strings.ReplaceAll(h.name, " ", "-"), n>>10), func(b *testing.B) {
				size := len(h.make(n))
				b.SetBytes(int64(size))
				var imp, build time.Duration
				for b.Loop() {
					i, bu := hostileTimes(b, h, n)
					imp += i
					build += bu
				}
				b.ReportMetric(float64(imp.Nanoseconds())/float64(b.N)/float64(size), "import-ns/B")
				b.ReportMetric(float64(build.Nanoseconds())/float64(b.N)/float64(size), "build-ns/B")
			})
		}
	}
}
