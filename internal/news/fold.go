package news

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldName folds the name of an outlet or site for comparing two names:
// letters and digits only, lower case, accents taken off, a leading "the"
// dropped. "The Guardian", "guardian" and "GUARDIAN!" fold alike, as do
// "Le Monde" and "Le Mondé"; "nytimes.com" folds to "nytimescom".
func FoldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	f := b.String()
	if t := strings.TrimSpace(s); len(t) > 4 && strings.EqualFold(t[:4], "the ") {
		f = strings.TrimPrefix(f, "the")
	}
	return f
}
