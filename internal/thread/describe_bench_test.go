package thread

import (
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/corpus"
)

// corpusThreads is n generated articles grouped by story, each a Doc with
// the dump's first line as title and the rest as text (the tail of
// aggregator junk included: Describe must cope with it anyway).
func corpusThreads(tb testing.TB, n int) [][]Doc {
	tb.Helper()
	byThread := map[int][]Doc{}
	var order []int
	err := corpus.Generate(corpus.Options{Articles: n, Seed: 1}, func(d corpus.Doc) error {
		title, text, _ := strings.Cut(d.Text, "\n")
		if _, ok := byThread[d.Thread]; !ok {
			order = append(order, d.Thread)
		}
		byThread[d.Thread] = append(byThread[d.Thread], Doc{ID: d.Name, Title: title, Text: text, Source: d.Outlet, Date: d.Date})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([][]Doc, len(order))
	for i, th := range order {
		out[i] = byThread[th]
	}
	return out
}

// BenchmarkDescribe describes the stories of 1,000 generated articles.
func BenchmarkDescribe(b *testing.B) {
	threads := corpusThreads(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, docs := range threads {
			if m := Describe(docs); m.Headline == "" {
				b.Fatal("no headline")
			}
		}
	}
}
