package meta

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Dateline is the opening of a wire story that says where (and sometimes
// when, and through which agency) it was filed: "Moscow/Pyongyang, July 12
// (UNI)", "KYIV, Ukraine (AP) —", "LONDON (Reuters) -", "WEST PALM BEACH,
// Fla. —". Fields not written are zero.
type Dateline struct {
	Place  string
	Month  time.Month
	Day    int
	Year   int
	Agency string
}

// maxDateline bounds how far into a paragraph a dateline may reach.
const maxDateline = 160

// ParseDateline reads the dateline at the start of a paragraph. It reports
// false when the paragraph does not open with one: a dateline needs an
// agency in parentheses, or a dash after a capitalised place (and, when
// the place is not in capitals, a date as well).
func ParseDateline(firstParagraph string) (Dateline, bool) {
	s := strings.TrimSpace(firstParagraph)
	if len(s) > maxDateline {
		cut := maxDateline
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	var d Dateline
	// "(Reuters) — The New York State Attorney General …": agency only.
	if strings.HasPrefix(s, "(") {
		agency, rest, ok := parenAgency(s)
		if !ok {
			return Dateline{}, false
		}
		if _, ok := dashPrefix(rest); !ok {
			return Dateline{}, false
		}
		d.Agency = agency
		return d, true
	}
	// The head runs to the first "(" or dash; it holds the place and
	// maybe a date, separated by commas.
	end := -1
	for i, r := range s {
		if r == '(' || r == '—' || r == '–' {
			end = i
			break
		}
		if r == '-' && i > 0 && s[i-1] == ' ' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '-') {
			end = i
			break
		}
	}
	if end <= 0 {
		return Dateline{}, false
	}
	head := strings.TrimSpace(s[:end])
	rest := s[end:]
	parts := strings.Split(head, ",")
	placeParts := []string{}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return Dateline{}, false
		}
		if i > 0 {
			if m, day, ok := monthDay(p); ok {
				d.Month, d.Day = m, day
				continue
			}
			if y, err := strconv.Atoi(p); err == nil && d.Month != 0 && y >= 1900 && y <= 2100 {
				d.Year = y
				continue
			}
			if d.Month != 0 {
				return Dateline{}, false
			}
		}
		if !placeLike(p) {
			return Dateline{}, false
		}
		placeParts = append(placeParts, p)
	}
	if len(placeParts) == 0 || len(placeParts) > 3 {
		return Dateline{}, false
	}
	d.Place = strings.Join(placeParts, ", ")
	if strings.HasPrefix(rest, "(") {
		agency, r, ok := parenAgency(rest)
		if !ok {
			return Dateline{}, false
		}
		d.Agency, rest = agency, r
	}
	_, dashed := dashPrefix(rest)
	switch {
	case d.Agency != "":
		// An agency in parentheses after a place is a dateline.
	case dashed && (allCaps(placeParts[0]) || d.Month != 0):
	default:
		return Dateline{}, false
	}
	return d, true
}

// parenAgency reads "(Agency)" at the start of s.
func parenAgency(s string) (agency, rest string, ok bool) {
	close := strings.IndexByte(s, ')')
	if close < 2 || close > 40 {
		return "", "", false
	}
	agency = strings.TrimSpace(s[1:close])
	words := strings.Fields(agency)
	if len(words) == 0 || len(words) > 4 {
		return "", "", false
	}
	first, _ := utf8.DecodeRuneInString(agency)
	if !unicode.IsLetter(first) {
		return "", "", false
	}
	for _, r := range agency {
		if !(unicode.IsLetter(r) || r == ' ' || r == '.' || r == '-' || r == '&' || r == '/') {
			return "", "", false
		}
	}
	return agency, s[close+1:], true
}

// dashPrefix strips the dash that closes a dateline ("—", "–", "-", "--",
// ":") and reports whether there was one.
func dashPrefix(s string) (string, bool) {
	t := strings.TrimLeft(s, " ")
	for _, d := range []string{"—", "–", "--", "-", ":"} {
		if strings.HasPrefix(t, d) {
			return strings.TrimLeft(t[len(d):], " "), true
		}
	}
	return s, false
}

// placeLike reports whether s reads as a place name: one to five words,
// each capitalised or a short particle ("de", "al", "upon").
func placeLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			for _, c := range w {
				if !(unicode.IsLetter(c) || c == '.' || c == '/' || c == '-' || c == '\'' || c == '’') {
					return false
				}
			}
			continue
		}
		switch w {
		case "de", "del", "la", "el", "al", "upon", "on", "of", "am", "an", "der", "du", "le", "sur":
			continue
		}
		return false
	}
	return true
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// months maps month names and their usual abbreviations, lower case and
// without a trailing dot, to months.
var months = map[string]time.Month{
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

func monthName(w string) (time.Month, bool) {
	w = strings.TrimSuffix(w, ".")
	// Month names are ASCII, and no other letter lowercases to an ASCII
	// one of theirs: lowercase on the stack, without allocating.
	if len(w) < 3 || len(w) > len("september") {
		return 0, false
	}
	var buf [9]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c < 'a' || c > 'z':
			return 0, false
		}
		buf[i] = c
	}
	m, ok := months[string(buf[:len(w)])]
	return m, ok
}

// monthDay reads "July 12", "Nov. 19" or "12 July".
func monthDay(s string) (time.Month, int, bool) {
	w := strings.Fields(s)
	if len(w) != 2 {
		return 0, 0, false
	}
	if m, ok := monthName(w[0]); ok {
		if d, ok := dayNum(w[1]); ok {
			return m, d, true
		}
	}
	if m, ok := monthName(w[1]); ok {
		if d, ok := dayNum(w[0]); ok {
			return m, d, true
		}
	}
	return 0, 0, false
}

func dayNum(s string) (int, bool) {
	s = strings.TrimRight(s, ".")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	if len(s) > 2 {
		return 0, false
	}
	d, ok := atoi(s)
	if !ok || d < 1 || d > 31 {
		return 0, false
	}
	return d, true
}
