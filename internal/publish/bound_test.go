package publish

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// page wraps text as a page body the way the layouts do.
func page(text string) []byte {
	return []byte("<!doctype html><html><head><title>T &amp; t</title><style>p { color: red }</style></head><body><main><h1>Title</h1><p>" + text + "</p><pre>  keep   &amp;  this  </pre><script>var a = 1 < 2 && 3;</script></main></body></html>")
}

// TestBoundTextRunsKeepsBytes: cutting the text runs never changes the
// minified page.
func TestBoundTextRunsKeepsBytes(t *testing.T) {
	m := Minifier()
	texts := []string{
		strings.Repeat("&amp;", 300),
		strings.Repeat("&amp; ", 300),
		strings.Repeat("it&#39;s a word,   and   another. ", 100),
		strings.Repeat("&amp;lt;", 200) + strings.Repeat("x&amp;y ", 100),
		strings.Repeat("caf\u00e9 na\u00efve \u4e2d\u6587 ", 100),
		strings.Repeat("a", 500) + strings.Repeat(" b <em>c</em>  ", 50) + "<a href=\"/x?a=1&amp;b=2\">l</a>",
		strings.Repeat("&quot;&gt;&lt;", 100) + " <br> " + strings.Repeat("&nbsp;", 100),
	}
	for i, text := range texts {
		// The minifier rewrites its input in place: each call gets a copy.
		want, err := m.Bytes("text/html", page(text))
		if err != nil {
			t.Fatal(err)
		}
		for _, max := range []int{8, 13, 64, 1000} {
			cut := boundTextRuns(page(text), max)
			got, err := m.Bytes("text/html", cut)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("text %d cut at %d: minified differs\n got %.300s\nwant %.300s", i, max, got, want)
			}
		}
	}
}

// boundTextRunsByByte is boundTextRuns as it was before it jumped from
// one tag to the next: the reference FuzzBoundTextRunsJumps holds it to.
func boundTextRunsByByte(b []byte, maxRun int) []byte {
	if len(b) <= maxRun {
		return b
	}
	var out []byte
	last := 0
	run := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '<' {
			run = 0
			end := skipMarkup(b, i)
			i = end - 1
			continue
		}
		run++
		if run < maxRun || i+1 >= len(b) || !cuttable(b, i) {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b)+len(b)/maxRun*8+16)
		}
		out = append(out, b[last:i+1]...)
		out = append(out, "<!---->"...)
		last = i + 1
		run = 0
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// FuzzBoundTextRunsJumps: jumping from tag to tag cuts where the
// byte-by-byte scan did, on any bytes.
func FuzzBoundTextRunsJumps(f *testing.F) {
	f.Add("it&#39;s &amp; x<p>abcdefgh</p>abc", 8)
	f.Add(strings.Repeat("a<b>", 20)+strings.Repeat("x", 50), 5)
	f.Add("<pre>a   b</pre>x &quot;y&quot;<!-- c --><SCRIPT>a<b</script>", 3)
	f.Fuzz(func(t *testing.T, text string, max int) {
		if max < 2 || max > 100 {
			return
		}
		for _, b := range [][]byte{[]byte(text), page(text)} {
			want := boundTextRunsByByte(bytes.Clone(b), max)
			if got := boundTextRuns(bytes.Clone(b), max); !bytes.Equal(got, want) {
				t.Fatalf("cut at %d of %q:\n got %q\nwant %q", max, b, got, want)
			}
		}
	})
}

func FuzzBoundTextRuns(f *testing.F) {
	f.Add("it&#39;s &amp; x", 8)
	f.Add("&amp;&amp;&amp;lt; a  b", 5)
	f.Add("<pre>a   b</pre>x &quot;y&quot;", 3)
	m := Minifier()
	f.Fuzz(func(t *testing.T, text string, max int) {
		if max < 2 || max > 100 {
			return
		}
		want, err := m.Bytes("text/html", page(text))
		if err != nil {
			return
		}
		got, err := m.Bytes("text/html", boundTextRuns(page(text), max))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("cut at %d changes %q:\n got %q\nwant %q (%v)", max, text, got, want, err)
		}
	})
}

// BenchmarkRunOfAmps minifies a page whose one paragraph is a run of
// "&amp; " (what a scraped text of ampersands becomes) at three sizes:
// ns/byte must stay flat (before, it grew with the size: 0.55 s at
// 150,000, 33 s at 600,000, 133 s at 1.2 million).
func BenchmarkRunOfAmps(b *testing.B) {
	for _, n := range []int{150_000, 600_000, 1_200_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := &Site{min: Minifier(), Minify: true}
			in := page(strings.Repeat("&amp;", n))
			b.SetBytes(int64(len(in)))
			buf := make([]byte, len(in))
			for b.Loop() {
				copy(buf, in) // the minifier rewrites its input
				if _, err := s.minify("index.html", buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
