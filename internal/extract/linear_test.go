package extract

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/net/html"
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
			alloc := allocated(func() {
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

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
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
