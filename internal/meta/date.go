package meta

import (
	"strconv"
	"strings"
	"time"
)

// maxDateScan bounds how much text FindDate reads: dates that matter are
// near the top.
const maxDateScan = 100000

// FindDate finds the article's date in text. With a dateline that gives a
// month and day, the year comes from the dateline, else from a full date
// in the text, else from the one year the text mentions; without one, the
// first full date in the text ("July 15, 2025", "Jul. 15, 2025", "15 July
// 2025", "2025-07-12") is the answer. Times are midnight UTC.
func FindDate(text string, hint Dateline) (time.Time, bool) {
	if len(text) > maxDateScan {
		text = text[:maxDateScan]
	}
	dates := fullDates(text)
	if hint.Month != 0 && hint.Day != 0 {
		year := hint.Year
		if year == 0 && len(dates) > 0 {
			year = dates[0].Year()
		}
		if year == 0 {
			year = onlyYear(text)
		}
		if year == 0 {
			return time.Time{}, false
		}
		return validDate(year, hint.Month, hint.Day)
	}
	if len(dates) > 0 {
		return dates[0], true
	}
	return time.Time{}, false
}

func validDate(y int, m time.Month, d int) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, false
	}
	return t, true
}

// fullDates lists the complete dates written in text, in order.
func fullDates(text string) []time.Time {
	toks := dateTokens(text)
	var out []time.Time
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// ISO: 2025-07-12
		if len(t) >= 10 && t[4] == '-' && t[7] == '-' {
			y, e1 := strconv.Atoi(t[:4])
			m, e2 := strconv.Atoi(t[5:7])
			d, e3 := strconv.Atoi(t[8:10])
			if e1 == nil && e2 == nil && e3 == nil && plausibleYear(y) && m >= 1 && m <= 12 {
				if v, ok := validDate(y, time.Month(m), d); ok {
					out = append(out, v)
				}
			}
			continue
		}
		if i+2 >= len(toks) {
			continue
		}
		// Month Day, Year
		if m, ok := monthName(t); ok {
			if d, ok := dayNum(strings.TrimSuffix(toks[i+1], ",")); ok {
				if y, ok := yearNum(toks[i+2]); ok {
					if v, ok := validDate(y, m, d); ok {
						out = append(out, v)
						i += 2
					}
				}
			}
			continue
		}
		// Day Month Year
		if d, ok := dayNum(t); ok {
			if m, ok := monthName(strings.TrimSuffix(toks[i+1], ",")); ok {
				if y, ok := yearNum(toks[i+2]); ok {
					if v, ok := validDate(y, m, d); ok {
						out = append(out, v)
						i += 2
					}
				}
			}
		}
	}
	return out
}

// dateTokens splits text on spaces and brackets, keeping the dots and
// commas dates are written with.
func dateTokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '(', ')', '[', ']', '"', '\'', '“', '”', ';', '|', '\u00a0':
			return true
		}
		return false
	})
}

func yearNum(s string) (int, bool) {
	s = strings.TrimRight(s, ".,:")
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil || !plausibleYear(y) {
		return 0, false
	}
	return y, true
}

func plausibleYear(y int) bool { return y >= 1900 && y <= 2100 }

// onlyYear returns the year text mentions when it mentions exactly one
// (ranges like "2026-2027" count as theirs), else 0.
func onlyYear(text string) int {
	found := 0
	for _, w := range Words(text) {
		y, ok := yearNum(w)
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
