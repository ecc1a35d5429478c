package thread

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// background.tsv.gz holds document frequencies of English news headlines
// and leads (the AllSides/NeuS development set, 8,034 articles), one
// "term<TAB>df" a line after a first line "#N<TAB>n", made by
// TestWriteBackground with the same tokenizer. Terms seen once are left
// out. It steadies IDF before many articles have been seen.
//
//go:embed background.tsv.gz
var backgroundGz []byte

// sharedBackground parses the table once; it is read-only afterwards.
var sharedBackground = sync.OnceValue(background)

type bgTable struct {
	n  int
	df map[string]int32
}

// background parses the shipped table; a damaged table yields an empty
// one, which only makes IDF rely on the articles seen.
func background() bgTable {
	t := bgTable{df: map[string]int32{}}
	zr, err := gzip.NewReader(bytes.NewReader(backgroundGz))
	if err != nil {
		return t
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		term, v, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			continue
		}
		if term == "#N" {
			t.n = n
			continue
		}
		t.df[term] = int32(n)
	}
	return t
}
