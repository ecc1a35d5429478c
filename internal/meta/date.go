package meta

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxDateScan bounds how much text FindDate reads: dates that matter are
// near the top.
const maxDateScan = 100000

// leadDateBytes is how far into the text a full date is the article's
// own without a line of its own: the headline, a byline or date line and
// the lead's first sentence.
const leadDateBytes = 300

// DateLineBytes is the longest line that is a date line of its own
// ("July 15, 2025", "Published 3 June 2024 10:00", "By Jane Doe | July
// 15, 2025"); a date in a longer line is one the story mentions. It is
// the bound in a text (FindDate) and on a page (internal/extract reads
// the lines under a headline by it).
const DateLineBytes = 80

// FindDate finds the article's date in text. With a dateline that gives a
// month and day, the year comes from the dateline, else from a full date
// in the text, else from the one year the text mentions. Without one, the
// answer is the first full date ("July 15, 2025", "Jul. 15, 2025", "15
// July 2025", "2025-07-12") that starts in the first leadDateBytes of the
// text or on a line of at most DateLineBytes: a date inside a paragraph
// further down ("a memo dated Feb. 8, 2017") is one the story mentions,
// not the day it was published. Times are midnight UTC.
func FindDate(text string, hint Dateline) (time.Time, bool) {
	if len(text) > maxDateScan {
		text = text[:maxDateScan]
	}
	// Only the first full date is ever used: the scan stops there.
	if hint.Month != 0 && hint.Day != 0 {
		year := hint.Year
		if year == 0 {
			if first, found := firstFullDate(text, false); found {
				year = first.Year()
			}
		}
		if year == 0 {
			year = onlyYear(text)
		}
		if year == 0 {
			return time.Time{}, false
		}
		return validDate(year, hint.Month, hint.Day)
	}
	return firstFullDate(text, true)
}

// ownDatePlace says whether a date starting at text[i] stands where an
// article's own date does: near the start of the text, or on a line of
// at most DateLineBytes. It reads at most DateLineBytes either side, so
// a text of many dates in long lines costs no more than a short one.
func ownDatePlace(text string, i int) bool {
	if i < leadDateBytes {
		return true
	}
	start := i
	for start > 0 && text[start-1] != '\n' {
		start--
		if i-start > DateLineBytes {
			return false
		}
	}
	end := i
	for end < len(text) && text[end] != '\n' {
		end++
		if end-start > DateLineBytes {
			return false
		}
	}
	return true
}

func validDate(y int, m time.Month, d int) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, false
	}
	return t, true
}

// firstFullDate finds the first complete date written in text; with own,
// the first that stands where an article's own date does (ownDatePlace).
// It reads the text once, a window of three tokens at a time, and
// allocates nothing: every article's text passes through it.
func firstFullDate(text string, own bool) (time.Time, bool) {
	var sc dateScanner
	sc.text = text
	// w holds the current token and the two after it, at holds where w[0]
	// starts; n how many of them exist.
	var w [3]string
	var at [3]int
	n := 0
	for n < 3 {
		t, ok := sc.next()
		if !ok {
			break
		}
		w[n], at[n] = t, sc.pos-len(t)
		n++
	}
	for n > 0 {
		if v, ok := dateAt(w[0], w[1], w[2], n); ok && (!own || ownDatePlace(text, at[0])) {
			return v, true
		}
		w[0], w[1] = w[1], w[2]
		at[0], at[1] = at[1], at[2]
		n--
		if t, ok := sc.next(); ok {
			w[2], at[2] = t, sc.pos-len(t)
			n++
		} else {
			w[2] = ""
		}
	}
	return time.Time{}, false
}

// dateAt reads a date starting at token t, with the two tokens after it
// (n counts t and those that exist).
func dateAt(t, t1, t2 string, n int) (time.Time, bool) {
	// Most tokens are words that start no date: a date starts with a
	// digit, a sign or the first letter of a month.
	switch c := t[0]; {
	case c >= '0' && c <= '9', c == '+', c == '-':
	case monthInitial[c]:
	default:
		return time.Time{}, false
	}
	// ISO: 2025-07-12
	if len(t) >= 10 && t[4] == '-' && t[7] == '-' {
		y, ok1 := atoi(t[:4])
		m, ok2 := atoi(t[5:7])
		d, ok3 := atoi(t[8:10])
		if ok1 && ok2 && ok3 && plausibleYear(y) && m >= 1 && m <= 12 {
			return validDate(y, time.Month(m), d)
		}
		return time.Time{}, false
	}
	if n < 3 {
		return time.Time{}, false
	}
	// Month Day, Year
	if m, ok := monthName(t); ok {
		if d, ok := dayNum(strings.TrimSuffix(t1, ",")); ok {
			if y, ok := yearNum(t2); ok {
				return validDate(y, m, d)
			}
		}
		return time.Time{}, false
	}
	// Day Month Year
	if d, ok := dayNum(t); ok {
		if m, ok := monthName(strings.TrimSuffix(t1, ",")); ok {
			if y, ok := yearNum(t2); ok {
				return validDate(y, m, d)
			}
		}
	}
	return time.Time{}, false
}

// dateScanner splits text on spaces and brackets, keeping the dots and
// commas dates are written with.
type dateScanner struct {
	text string
	pos  int
}

// monthInitial marks the bytes a month name starts with.
var monthInitial = func() (m [256]bool) {
	for _, c := range "JFMASONDjfmasond" {
		m[c] = true
	}
	return m
}()

// asciiSep marks the ASCII bytes that separate date tokens.
var asciiSep = func() (m [utf8.RuneSelf]bool) {
	for c := range m {
		m[c] = dateSep(rune(c))
	}
	return m
}()

// dateSep says whether r separates date tokens.
func dateSep(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '(', ')', '[', ']', '"', '\'', '“', '”', ';', '|', '\u00a0':
		return true
	}
	return false
}

// sepAt returns the width of the separator at text[i], or 0.
func sepAt(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		if asciiSep[c] {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if dateSep(r) {
		return size
	}
	return 0
}

func (s *dateScanner) next() (string, bool) {
	text, i := s.text, s.pos
	for i < len(text) {
		n := sepAt(text, i)
		if n == 0 {
			break
		}
		i += n
	}
	if i >= len(text) {
		s.pos = i
		return "", false
	}
	start := i
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiSep[c] {
				break
			}
			i++
			continue
		}
		if sepAt(text, i) > 0 {
			break
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	s.pos = i
	return text[start:i], true
}

// atoi is strconv.Atoi for the short numbers of dates, without the
// allocation of an error for the words that are not numbers.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		v, err := strconv.Atoi(s)
		return v, err == nil
	}
	neg := false
	switch s[0] {
	case '+', '-':
		neg = s[0] == '-'
		s = s[1:]
		if s == "" {
			return 0, false
		}
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

func yearNum(s string) (int, bool) {
	s = strings.TrimRight(s, ".,:")
	if len(s) != 4 {
		return 0, false
	}
	y, ok := atoi(s)
	if !ok || !plausibleYear(y) {
		return 0, false
	}
	return y, true
}

func plausibleYear(y int) bool { return y >= 1900 && y <= 2100 }

// onlyYear returns the year text mentions when it mentions exactly one
// (ranges like "2026-2027" count as theirs), else 0. A year is a word
// (as Words splits them) of four ASCII digits.
func onlyYear(text string) int {
	found := 0
	for i := 0; i < len(text); {
		// Skip to the next word, then find its end.
		c := text[i]
		if c < utf8.RuneSelf {
			if !isWordByte(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !isWordByte(c) {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		if i-start != 4 {
			continue
		}
		y, ok := yearNum(text[start:i])
		if !ok {
			continue
		}
		if found != 0 && found != y {
			return 0
		}
		found = y
	}
	return found
}
