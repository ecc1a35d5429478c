package site

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
)

// benchMemo is the parsed-content memo of n articles.
func benchMemo(n int) content.Memo {
	rng := rand.New(rand.NewPCG(1, 2))
	m := content.Memo{}
	for i := range n {
		k := fmt.Sprintf("%032x", rng.Uint64())
		m[k] = content.Parsed{Article: news.Article{
			ID: fmt.Sprintf("id-%d", i), Title: strings.Repeat("Headline word ", 6), Date: time.Unix(1700000000+int64(i)*60, 0).UTC(),
			Source: "Reuters", URL: fmt.Sprintf("https://example.com/news/%d", i), Author: "A. Writer", Dateline: "LONDON",
			Language: "en", Summary: strings.Repeat("A summary sentence. ", 3), Origin: fmt.Sprintf("raw/%d.txt", i),
			Thread: fmt.Sprintf("t%d", i/13), Tags: []string{"Nato", "London"}, File: fmt.Sprintf("articles/a%d.md", i),
		}, BodyOffset: 600, Size: 4000, ModTime: int64(i)}
	}
	return m
}

// benchTrees are the output trees of a site of n articles (1.5 files
// each), published and spare.
func benchTrees(n int) *trees {
	t := &trees{}
	for f := range 2 {
		tr := tree{Folder: folder{Dev: 1, Ino: uint64(f)}, Outputs: map[string]output{}}
		for i := range n * 3 / 2 {
			p := fmt.Sprintf("articles/a%d/index.html", i)
			tr.Outputs[p] = output{Key: key{byte(i), byte(i >> 8)}, Loc: "https://example.com/" + p, Lastmod: int64(i)}
		}
		t.Trees = append(t.Trees, tr)
	}
	return t
}

// BenchmarkBuildCache writes and reads back the build cache's memo and
// output trees for 10,000 articles.
func BenchmarkBuildCache(b *testing.B) {
	memo := benchMemo(10000)
	trs := benchTrees(10000)
	dir := b.TempDir()
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			c := &buildCache{}
			if err := saveMemo(dir, c, &buildCache{}, memo); err != nil {
				b.Fatal(err)
			}
			if err := writeTrees(dir, trs); err != nil {
				b.Fatal(err)
			}
			if err := saveCache(dir, c); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			c := loadCache(dir)
			t := loadTrees(dir)
			if len(c.memo) != len(memo) || len(t.Trees) != 2 {
				b.Fatal("cache not read back")
			}
		}
	})
}
