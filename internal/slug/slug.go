// Package slug turns titles, names and ids into safe URL path segments and
// file names: lowercase ASCII letters, digits and single hyphens, never
// empty, never a dot name or a path.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// folds spells Latin letters that have no decomposition in ASCII.
var folds = map[rune]string{'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ł': "l", 'þ': "th", 'ð': "d", 'ı': "i"}

// Make returns a slug of s at most max bytes long (max <= 0: no limit),
// cut at a hyphen where possible. Accents are folded ("Café" → "cafe");
// letters outside ASCII are kept out, so a title in another script yields
// "" — callers add an id-derived suffix for that reason.
func Make(s string, max int) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		if f, ok := folds[unicode.ToLower(r)]; ok {
			if hyphen {
				b.WriteByte('-')
				hyphen = false
			}
			b.WriteString(f)
			continue
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r = unicode.ToLower(r)
		case unicode.Is(unicode.Mn, r):
			continue // combining accent of a folded letter
		case r == '\'' || r == '’' || r == '‘':
			continue // "Korea's" → "koreas"
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
	}
	out := b.String()
	if max > 0 && len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > max/2 {
			out = out[:i]
		}
		out = strings.TrimRight(out, "-")
	}
	return out
}

// WithID joins a title's slug and a short id so that titles that differ
// only in case, accents or script still get distinct, stable names.
func WithID(title, id string, max int) string {
	s := Make(title, max)
	if s == "" {
		return id
	}
	return s + "-" + id
}
