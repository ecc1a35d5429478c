package search

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzWords: any text splits into words of 1 to 40 letters, digits and
// marks, which Fold leaves folded, and a document made of it is
// analysed and queried without error.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Lavrov's visit", "東京で会議", "ﬁ Ｔｏｋｙｏ ①", "e\u0301\u0301", "<b>x</b>", "\xff\xfe"} {
		f.Add(s)
	}
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range Words(s) {
			n := utf8.RuneCountInString(w)
			if n == 0 || n > maxWordRunes {
				t.Fatalf("word %q of %d characters", w, n)
			}
			for _, r := range w {
				if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r) {
					t.Fatalf("word %q holds %q", w, r)
				}
			}
			if f := Fold(w); Fold(f) != f {
				t.Fatalf("Fold(%q) = %q is not folded", w, f)
			}
			a.Term(w, "en")
		}
		fsys := build(t, []Doc{{Path: "a/", Title: s, Text: s}, {Path: "b/", Text: "x"}, {Path: "c/", Text: "y"}, {Path: "d/", Text: s}})
		if _, err := Query(fsys, s); err != nil {
			t.Fatal(err)
		}
	})
}
