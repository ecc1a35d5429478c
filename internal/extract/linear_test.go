package extract

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/digest-news/digest/internal/testutil"
)

// manyParagraphs is an article of n distinct paragraphs of about size
// bytes each, the shape that made go-trafilatura quadratic.
func manyParagraphs(n, size int) string {
	var b strings.Builder
	b.WriteString("<html><head><title>A very long page</title></head><body><article><h1>A very long page</h1>\n")
	sentence := "The committee heard evidence from the witnesses. "
	for i := range n {
		fmt.Fprintf(&b, "<p>Paragraph %d. ", i)
		for k := 0; k*len(sentence) < size-30; k++ {
			b.WriteString(sentence)
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// BenchmarkManyParagraphs extracts pages of many paragraphs at doubling
// sizes: the time and the allocations per byte (ns/op and B/op divided by
// the page's bytes) should stay flat from one size to the next.
func BenchmarkManyParagraphs(b *testing.B) {
	for _, c := range []struct{ n, size int }{
		{5000, 50}, {10000, 50}, {20000, 50},
		{1250, 800}, {2500, 800}, {5000, 800},
	} {
		page := manyParagraphs(c.n, c.size)
		b.Run(fmt.Sprintf("p=%d/bytes=%d", c.n, len(page)), func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := HTML(strings.NewReader(page), "https://n.example/a", Options{}); err != nil && !errors.Is(err, ErrFallback) {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestManyParagraphsAllocateLinearly extracts pages of many paragraphs
// and weighs what one extraction allocates against the page's size.
// Unbounded, go-trafilatura made it allocate 8,800 bytes per page byte on
// the first page (13 GB) and 1,400 on the second (2.8 GB), growing with
// the square of the paragraphs; bounded, both take under 80.
func TestManyParagraphsAllocateLinearly(t *testing.T) {
	if testutil.RaceEnabled {
		t.Skip("allocations under the race detector are not the program's; .ci/run runs this without it")
	}
	const perByte = 200
	for _, c := range []struct {
		name    string
		n, size int
	}{
		{"20000 short paragraphs", 20000, 50},
		{"2500 paragraphs of 800 bytes", 2500, 800},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := manyParagraphs(c.n, c.size)
			var res Result
			var err error
			alloc := testutil.Allocated(func() {
				res, err = HTML(strings.NewReader(page), "https://n.example/a", Options{})
			})
			if max := uint64(perByte * len(page)); alloc > max {
				t.Errorf("one extraction of %d bytes allocated %d MB, over %d MB (%d bytes per page byte)", len(page), alloc>>20, max>>20, perByte)
			}
			if !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), "go-trafilatura not run") {
				t.Errorf("err = %v, want the fallback to go-readability reported", err)
			}
			for _, i := range []int{0, c.n / 2, c.n - 1} {
				if want := fmt.Sprintf("Paragraph %d. The committee", i); !strings.Contains(res.Text, want) {
					t.Errorf("Text lacks %q", want)
				}
			}
		})
	}
}

func TestParagraphCopy(t *testing.T) {
	tests := []struct {
		name, page string
		want       int64
	}{
		{"none", "<div>text</div>", 0},
		{"one", "<p>abc</p>", 3},
		// 2, then 2+3, then 2+3+3: the quote's paragraph counts in both.
		{"nested", "<p>ab</p><blockquote><p>cde</p></blockquote>", 15},
		{"text outside counts not", "xyz<p>ab</p>xyz<pre>c</pre>", 2 + 3},
		{"inline markup inside", "<p>a<b>bc</b>d</p><p>e</p>", 4 + 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := paragraphCopy(doc); got != tt.want {
				t.Errorf("paragraphCopy = %d, want %d", got, tt.want)
			}
		})
	}
}

// hostileShape is a page made of one unit repeated: a run of entities or
// punctuation inside an article's paragraph, or, raw, a page that is
// nothing but the run after prefix (deep nesting).
type hostileShape struct {
	name, prefix, unit string
	raw                bool
}

var hostileShapes = []hostileShape{
	{name: "run of &amp;", unit: "&amp;"},
	{name: "run of &", unit: "&"},
	{name: "run of & and space", unit: "& "},
	{name: "run of &nbsp;", unit: "&nbsp;"},
	{name: "run of &#42;", unit: "&#42;"},
	{name: "run of &lt;", unit: "&lt;"},
	{name: "run of *", unit: "*"},
	{name: "run of * and space", unit: "* "},
	{name: "run of _", unit: "_"},
	{name: "run of [", unit: "["},
	{name: "run of [](", unit: "[]("},
	{name: "run of backslashes", unit: `\`},
	{name: "run of backticks", unit: "`"},
	{name: "run of #", unit: "#"},
	{name: "run of -", unit: "-"},
	{name: "run of |", unit: "|"},
	{name: "run of !", unit: "!"},
	{name: "run of .", unit: "."},
	{name: "run of < and space", unit: "< "},
	{name: "run of quotes", unit: `"`},
	{name: "run of spaces", unit: " "},
	{name: "run of newlines", unit: "\n"},
	{name: "run of soft hyphens", unit: "\u00ad"},
	{name: "one long word", unit: "a"},
	{name: "CJK without spaces", unit: "漢字"},
	{name: "run of <br>", unit: "<br>"},
	{name: "run of links", unit: `<a href="/x">y</a> `},
	{name: "run of <em>", unit: "<em>a</em>"},
	{name: "run of <li>", unit: "<li>item</li>"},
	{name: "run of <h2>", unit: "<h2>Head</h2>"},
	{name: "run of cells", unit: "<td>c</td>"},
	{name: "run of rows", unit: "<tr><td>c</td></tr>"},
	{name: "run of short paragraphs", unit: "<p>A short paragraph.</p>"},
	{name: "run of hidden spans", unit: "<span hidden>x</span>"},
	{name: "run of comments", unit: "<!--x-->"},
	{name: "nested divs", unit: "<div>", raw: true},
	{name: "unclosed inline tags", unit: "<span><b><i>", raw: true},
	{name: "nested quotes", unit: "<blockquote>", raw: true},
	{name: "nested lists", unit: "<ul><li>", raw: true},
	{name: "nested tables", unit: "<table><tr><td>", raw: true},
	{name: "nested quotes with text", unit: "<blockquote><p>Said so.", raw: true},
	{name: "text moved out of a table", prefix: "<table>", unit: "x</q>", raw: true},
	{name: "text moved out of a row", prefix: "<table><tr>", unit: "Cell text</b>", raw: true},
}

// maxHostileElements keeps the pages under the element limit at every
// size, so each size takes the same path through the libraries.
const maxHostileElements = maxElements * 4 / 5

// page returns the shape at about size bytes.
func (s hostileShape) page(size int) string {
	reps := max(1, size/len(s.unit))
	if n := startTags(s.unit); n > 0 {
		reps = min(reps, maxHostileElements/n)
	}
	run := strings.Repeat(s.unit, reps)
	if s.raw {
		return s.prefix + run + "<p>The tail of the page, after the run.</p>"
	}
	return "<html><head><title>A hostile page</title></head><body><article><h1>A hostile page</h1>" +
		"<p>The opening paragraph of the article, long enough to be read as prose by both libraries.</p>" +
		"<p>" + run + "</p><p>The closing paragraph of the article.</p></article></body></html>"
}

func startTags(s string) int {
	z := html.NewTokenizer(strings.NewReader(s))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			n++
		}
	}
}

// allocatedPerByte returns what one extraction of page allocates, per
// byte of the page.
func allocatedPerByte(page string) float64 {
	return float64(testutil.Allocated(func() {
		HTML(strings.NewReader(page), "https://n.example/a", Options{})
	})) / float64(len(page))
}

// linearGrowth is the most the allocations per byte may grow when the
// page grows four times: work that grows with the square of the page
// grows per byte about four times.
const linearGrowth = 2

// TestHostileInputsAllocateLinearly extracts every hostile shape at two
// sizes, the second four times the first, and checks that the bytes
// allocated per page byte do not grow with the size. Allocations stand
// for the work (a timed test would be flaky); BenchmarkHostileInputs
// gives the time. Unbounded, go-trafilatura took "run of short
// paragraphs" from 460 to 1,560 bytes per byte.
func TestHostileInputsAllocateLinearly(t *testing.T) {
	if testutil.RaceEnabled {
		t.Skip("allocations under the race detector are not the program's; .ci/run runs this without it")
	}
	for _, s := range hostileShapes {
		t.Run(s.name, func(t *testing.T) {
			small, big := s.page(25_000), s.page(100_000)
			a, b := allocatedPerByte(small), allocatedPerByte(big)
			if b > linearGrowth*a {
				t.Errorf("%d bytes: %.0f allocated per byte; %d bytes: %.0f per byte, over %d times as much", len(small), a, len(big), b, linearGrowth)
			}
		})
	}
}

// BenchmarkHostileInputs extracts every hostile shape at two sizes, the
// second four times the first: ns/op and B/op divided by the page's bytes
// (ns/op over MB/s) should stay flat from one size to the other.
func BenchmarkHostileInputs(b *testing.B) {
	for _, s := range hostileShapes {
		for _, size := range []int{100_000, 400_000} {
			page := s.page(size)
			b.Run(fmt.Sprintf("%s/bytes=%d", strings.ReplaceAll(s.name, " ", "_"), len(page)), func(b *testing.B) {
				b.SetBytes(int64(len(page)))
				b.ReportAllocs()
				for b.Loop() {
					HTML(strings.NewReader(page), "https://n.example/a", Options{})
				}
			})
		}
	}
}

// FuzzExtractLinear repeats a unit of the fuzzer's choosing into a page
// at two sizes, the second four times the first, and checks that the
// bytes one extraction allocates per page byte do not grow with the size.
func FuzzExtractLinear(f *testing.F) {
	for _, s := range hostileShapes {
		if len(s.unit) > 1 || s.raw {
			f.Add(s.prefix, s.unit, s.raw)
		}
	}
	f.Fuzz(func(t *testing.T, prefix, unit string, raw bool) {
		if testutil.RaceEnabled {
			t.Skip("allocations under the race detector are not the program's")
		}
		if unit == "" || len(unit) > 200 || len(prefix) > 200 {
			return
		}
		s := hostileShape{prefix: prefix, unit: unit, raw: raw}
		small, big := s.page(16_000), s.page(64_000)
		if len(big) < 3*len(small) {
			return // the element limit kept the page from growing
		}
		a, b := allocatedPerByte(small), allocatedPerByte(big)
		if b > linearGrowth*a {
			t.Errorf("prefix %q, unit %q (raw %v): %d bytes: %.0f allocated per byte; %d bytes: %.0f per byte, over %d times as much", prefix, unit, raw, len(small), a, len(big), b, linearGrowth)
		}
	})
}
