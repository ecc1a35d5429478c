package feed

import (
	"strings"
	"unicode/utf8"
)

// xmlChar reports whether r may appear in an XML 1.0 document. DEL and the
// C1 controls are allowed by XML 1.0 but discouraged, and in scraped news
// they are only ever mis-decoded garbage, so they are refused too.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return true
	case r < 0x20:
		return false
	case r < 0x7F:
		return true
	case r <= 0x9F:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	case r < 0x10000:
		return false
	default:
		return r <= utf8.MaxRune
	}
}

// cleanText makes s safe for every format: each run of invalid UTF-8
// becomes one U+FFFD,
// CR and CRLF become LF (XML parsers would fold them anyway, inconsistently
// between CDATA and escaped text), and characters XML 1.0 forbids are
// dropped rather than written.
func cleanText(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if r == '\r' || !xmlChar(r) {
				ok = false
				break
			}
		}
	}
	if ok {
		return s
	}
	// A run of invalid bytes becomes a single U+FFFD, which is kept.
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case xmlChar(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// line cleans s and folds all its whitespace into single spaces: titles,
// names and tags are one line of plain text.
func line(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// lines cleans a list of one-line values, dropping empty ones and repeats
// so that no format gets an empty or duplicated element.
func lines(in []string) []string {
	var out []string
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = line(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
