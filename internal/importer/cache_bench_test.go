package importer

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/thread"
)

// benchCache is an import cache of n articles as a 10k import leaves
// it: each file's parsed front matter and a 1.5 kB analysis.
func benchCache(n int) *importCache {
	rng := rand.New(rand.NewPCG(1, 2))
	c := &importCache{SavedAt: time.Unix(1700000000, 0),
		Memo: content.Memo{}, Analyses: map[string][]byte{}}
	for i := range 5000 {
		c.Terms = append(c.Terms, fmt.Sprintf("term%d", i))
	}
	for i := range n {
		k := fmt.Sprintf("%032x", rng.Uint64())
		c.Memo[k] = content.Parsed{Article: news.Article{
			ID: fmt.Sprintf("id-%d", i), Title: strings.Repeat("Headline word ", 6), Date: time.Unix(1700000000+int64(i)*60, 0).UTC(),
			Source: "Reuters", URL: fmt.Sprintf("https://example.com/news/%d", i), Author: "A. Writer", Dateline: "LONDON",
			Language: "en", Summary: strings.Repeat("A summary sentence. ", 3), Origin: fmt.Sprintf("raw/%d.txt", i),
			Thread: fmt.Sprintf("t%d", i/13), Tags: []string{"Nato", "London"}, File: fmt.Sprintf("articles/a%d.md", i),
		}, BodyOffset: 600, Size: 4000, ModTime: int64(i)}
		an := make([]byte, 1500)
		for j := range an {
			an[j] = byte(rng.Uint32())
		}
		c.Analyses[k] = an
	}
	return c
}

// BenchmarkImportCache writes and reads back the import cache of 10,000
// articles.
func BenchmarkImportCache(b *testing.B) {
	c := benchCache(10000)
	dir := b.TempDir()
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			if err := saveCache(dir, thread.Options{}, c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if got := loadCache(dir, thread.Options{}); got == nil || len(got.Memo) != len(c.Memo) {
				b.Fatal("cache not read back")
			}
		}
	})
}
