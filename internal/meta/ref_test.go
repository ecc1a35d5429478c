package meta

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The implementations before the single-pass scanners, kept as the
// reference the fast ones must agree with exactly.

func refFindDate(text string, hint Dateline) (time.Time, bool) {
	if len(text) > maxDateScan {
		text = text[:maxDateScan]
	}
	dates, at := refFullDates(text)
	if hint.Month != 0 && hint.Day != 0 {
		year := hint.Year
		if year == 0 && len(dates) > 0 {
			year = dates[0].Year()
		}
		if year == 0 {
			year = refOnlyYear(text)
		}
		if year == 0 {
			return time.Time{}, false
		}
		return validDate(year, hint.Month, hint.Day)
	}
	for i, d := range dates {
		if refOwnDatePlace(text, at[i]) {
			return d, true
		}
	}
	return time.Time{}, false
}

// refOwnDatePlace: in the first leadDateBytes, or on a line of at most
// DateLineBytes.
func refOwnDatePlace(text string, i int) bool {
	if i < leadDateBytes {
		return true
	}
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += i
	}
	return end-start <= DateLineBytes
}

// refFullDates returns the full dates in text and the byte offsets they
// start at.
func refFullDates(text string) ([]time.Time, []int) {
	toks, offs := refDateTokenOffsets(text)
	var out []time.Time
	var at []int
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
					at = append(at, offs[i])
				}
			}
			continue
		}
		if i+2 >= len(toks) {
			continue
		}
		// Month Day, Year
		if m, ok := refMonthName(t); ok {
			if d, ok := refDayNum(strings.TrimSuffix(toks[i+1], ",")); ok {
				if y, ok := refYearNum(toks[i+2]); ok {
					if v, ok := validDate(y, m, d); ok {
						out = append(out, v)
						at = append(at, offs[i])
						i += 2
					}
				}
			}
			continue
		}
		// Day Month Year
		if d, ok := refDayNum(t); ok {
			if m, ok := refMonthName(strings.TrimSuffix(toks[i+1], ",")); ok {
				if y, ok := refYearNum(toks[i+2]); ok {
					if v, ok := validDate(y, m, d); ok {
						out = append(out, v)
						at = append(at, offs[i])
						i += 2
					}
				}
			}
		}
	}
	return out, at
}

// refDateTokenOffsets is refDateTokens with where each token starts.
func refDateTokenOffsets(text string) ([]string, []int) {
	var toks []string
	var offs []int
	start := -1
	for i, r := range text {
		if refIsDateSep(r) {
			if start >= 0 {
				toks, offs = append(toks, text[start:i]), append(offs, start)
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		toks, offs = append(toks, text[start:]), append(offs, start)
	}
	return toks, offs
}

func refIsDateSep(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '(', ')', '[', ']', '"', '\'', '“', '”', ';', '|', '\u00a0':
		return true
	}
	return false
}

func refDateTokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '(', ')', '[', ']', '"', '\'', '“', '”', ';', '|', '\u00a0':
			return true
		}
		return false
	})
}

func refYearNum(s string) (int, bool) {
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

func refOnlyYear(text string) int {
	found := 0
	for _, w := range refWords(text) {
		y, ok := refYearNum(w)
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

func refWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

func refLanguage(text string) string {
	if l := refScriptLanguage(text); l != "" {
		return l
	}
	if len(text) > maxLangBytes {
		cut := maxLangBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	words := refWords(text)
	if len(words) < 4 {
		return ""
	}
	counts := map[string]int{}
	for _, w := range words {
		for _, l := range stopIndex[strings.ToLower(w)] {
			counts[l]++
		}
	}
	best, second := "", ""
	for _, l := range refSortedKeys(counts) {
		switch {
		case best == "" || counts[l] > counts[best]:
			best, second = l, best
		case second == "" || counts[l] > counts[second]:
			second = l
		}
	}
	if best == "" {
		return ""
	}
	n := counts[best]
	// Prose is a quarter or more function words; demand a clear share and
	// a clear lead over the runner-up so a list of names stays unknown.
	if n < 2 || float64(n) < 0.08*float64(len(words)) {
		return ""
	}
	if second != "" && float64(counts[second]) > 0.8*float64(n) {
		return ""
	}
	return best
}

func refSortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

func refScriptLanguage(text string) string {
	var han, kana, hangul, arabic, greek, hebrew, letters int
	for i, r := range text {
		if i > maxLangBytes {
			break
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		}
	}
	if letters == 0 {
		return ""
	}
	share := func(n int) bool { return float64(n) > 0.3*float64(letters) }
	switch {
	case kana*20 > letters && share(kana+han):
		return "ja"
	case share(han):
		return "zh"
	case share(hangul):
		return "ko"
	case share(arabic):
		return "ar"
	case share(greek):
		return "el"
	case share(hebrew):
		return "he"
	}
	return ""
}

func refMonthName(w string) (time.Month, bool) {
	m, ok := months[strings.ToLower(strings.TrimSuffix(w, "."))]
	return m, ok
}

func refDayNum(s string) (int, bool) {
	s = strings.TrimRight(s, ".")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 || len(s) > 2 {
		return 0, false
	}
	return d, true
}

// stopIndex maps a lower-case word to the languages it is a function word
// of. It is built once, read only.
var stopIndex = buildStopIndex()

func buildStopIndex() map[string][]string {
	idx := make(map[string][]string)
	langs := make([]string, 0, len(stopWords))
	for l := range stopWords {
		langs = append(langs, l)
	}
	sortStrings(langs)
	for _, l := range langs {
		for _, w := range stopWords[l] {
			idx[w] = append(idx[w], l)
		}
	}
	return idx
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func refIsStopWord(lang, word string) bool {
	ls, ok := stopIndex[strings.ToLower(word)]
	if !ok {
		return false
	}
	if lang == "" {
		return true
	}
	for _, l := range ls {
		if l == lang {
			return true
		}
	}
	return false
}
