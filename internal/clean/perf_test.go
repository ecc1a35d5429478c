package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refLeadingCaps is leadingCaps as it was, over strings.Fields: the
// reference the in-place scan must agree with.
func refLeadingCaps(t string) int {
	n := 0
	for _, w := range strings.Fields(t) {
		if n >= 10 {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			n++
			continue
		}
		if unicode.IsLetter(r) {
			break
		}
	}
	return n
}

func FuzzLeadingCapsAgrees(f *testing.F) {
	for _, s := range []string{"", "  ", "The Big Story of", "A B C D E F G H I J K L", "1 2 Three four", "\u00a0Éclair Über", "\xffAbc Def", "«Quote» Here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := leadingCaps(s), refLeadingCaps(s); got != want {
			t.Fatalf("leadingCaps(%q) = %d, reference %d", s, got, want)
		}
	})
}

func seedDumps(tb testing.TB) []string {
	tb.Helper()
	names, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(names) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// BenchmarkDumpSeeds cleans the seed dumps with the boilerplate learnt
// from them, as an import does.
func BenchmarkDumpSeeds(b *testing.B) {
	dumps := seedDumps(b)
	bp := LearnBoilerplate(dumps)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Dump(dumps[i%len(dumps)], Options{Boilerplate: bp})
	}
}
