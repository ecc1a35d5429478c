package thread

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/digest-news/digest/internal/eval"
)

var writeBackground = flag.Bool("write-background", false, "rewrite background.tsv.gz from the AllSides development set")

// TestWriteBackground regenerates the shipped document frequencies when
// run with -write-background; otherwise it checks the shipped table loads.
func TestWriteBackground(t *testing.T) {
	if !*writeBackground {
		bg := background()
		if bg.n < 1000 || len(bg.df) < 1000 {
			t.Fatalf("background table has %d documents and %d terms", bg.n, len(bg.df))
		}
		return
	}
	docs, err := eval.LoadThreads("../../testdata/threads/allsides_neus_dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{}.withDefaults()
	df := map[string]int{}
	for _, d := range docs {
		order, _, _, _ := termFeatures(d.Title, d.Text, opt)
		for _, k := range order {
			df[k]++
		}
	}
	keys := make([]string, 0, len(df))
	for k, n := range df {
		if n >= 2 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	fmt.Fprintf(zw, "#N\t%d\n", len(docs))
	for _, k := range keys {
		fmt.Fprintf(zw, "%s\t%d\n", k, df[k])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("background.tsv.gz", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d terms of %d documents", len(keys), len(docs))
}
