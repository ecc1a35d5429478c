package importer

import (
	"strings"
	"testing"
	"unicode"

	"github.com/digest-news/digest/internal/content"
)

// FuzzFingerprint checks fingerprint against its definition: the text's
// letters and digits, case folded, hashed.
func FuzzFingerprint(f *testing.F) {
	for _, s := range []string{"", "Kim met Lavrov in Wonsan.", "ÉCOLE Café ß İstanbul", "数字 ١٢٣ Ⅻ", "bad \xff byte", "x_y-z 42"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
		if got, want := fingerprint(s), content.Hash("text:"+b.String()); got != want {
			t.Fatalf("fingerprint(%q) = %s, want %s", s, got, want)
		}
	})
}
