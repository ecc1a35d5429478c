package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// bylinePrefixes open a byline in the languages the cleaner meets.
var bylinePrefixes = []string{"by", "von", "par", "por", "di", "door", "av", "от", "автор"}

// ParseByline reads a byline such as "By Jane Doe", "By Eric Song, IGN
// Staff", "by Bryan DeArdo", "BY: Beachbody" or "Von Moritz Bachmann
// publiziert am …" and returns the name. It reports false when the line is
// not a byline.
func ParseByline(line string) (string, bool) {
	l := strings.TrimSpace(line)
	if len(l) > 200 {
		return "", false
	}
	sp := strings.IndexAny(l, " :")
	if sp <= 0 {
		return "", false
	}
	prefix := strings.ToLower(l[:sp])
	ok := false
	for _, p := range bylinePrefixes {
		if prefix == p {
			ok = true
		}
	}
	if !ok {
		return "", false
	}
	rest := strings.TrimLeft(l[sp:], " :")
	// The name ends where a role, date or separator starts.
	end := len(rest)
	for _, sep := range []string{",", "|", " - ", " – ", " — ", " • ", " on ", " On ", " publiziert", " published", " Published", " Updated", " updated", " le ", " el ", " am "} {
		if i := strings.Index(rest, sep); i >= 0 && i < end {
			end = i
		}
	}
	name := strings.TrimSpace(rest[:end])
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 8 {
		return "", false
	}
	for _, w := range words {
		switch strings.ToLower(w) {
		case "and", "&", "und", "et", "y", "e", "de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && r != '@' {
			return "", false
		}
	}
	return name, true
}
