package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBuild is a full build of 300 articles without a cache.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	siteContent(b, dir, 300, 5)
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(b.TempDir(), fmt.Sprint(i), "public")
		if _, err := Build(context.Background(), options(b, os.DirFS(dir), out)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/300, "µs/article")
}

// BenchmarkIncrementalBuild rebuilds 300 articles with the cache after
// editing one.
func BenchmarkIncrementalBuild(b *testing.B) {
	dir := b.TempDir()
	siteContent(b, dir, 300, 5)
	out := filepath.Join(b.TempDir(), "public")
	opt := options(b, os.DirFS(dir), out)
	opt.CacheDir = filepath.Join(b.TempDir(), "cache")
	for range 2 { // publish, then keep a spare
		if _, err := Build(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
	p := filepath.Join(dir, "articles", "a0042.md")
	orig, _ := os.ReadFile(p)
	for i := 0; b.Loop(); i++ {
		os.WriteFile(p, append(append([]byte(nil), orig...), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		if _, err := Build(context.Background(), opt); err != nil {
			b.Fatal(err)
		}
	}
}
