package thread

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of an article with what the weighting needs to know.
type token struct {
	raw    string // as written
	lower  string // lowercased, unstemmed
	entity bool   // capitalised name, acronym
	number bool   // contains a digit
	start  bool   // first word of a sentence
	joined bool   // only spaces or a hyphen separate it from the previous token
	kept   bool   // carries meaning for threading (see keep), decided once
	sent   int    // sentence number
}

// maxTokens bounds the work on one article: a 5 MB line must not make
// threading slow; the story is told long before that.
const maxTokens = 4000

// tokenize splits text into words, noting sentence starts and
// capitalisation. It reads at most maxTokens words.
func tokenize(text string, sentOffset int) []token {
	return tokenizeAppend(make([]token, 0, tokenEstimate(text)), text, sentOffset)
}

// tokenEstimate is about how many tokens text has: about one word in six
// bytes of English, so that tokens are made in one allocation, not a
// dozen doublings.
func tokenEstimate(text string) int { return min(len(text)/6+1, maxTokens) }

// tokenizeAppend is tokenize appending text's tokens (at most maxTokens
// of them) to toks.
func tokenizeAppend(toks []token, text string, sentOffset int) []token {
	limit := len(toks) + maxTokens
	sent := sentOffset
	newSent := true
	joined := false
	prevAbbrev := false
	i := 0
	for i < len(text) && len(toks) < limit {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?', '\n', ';', ':':
				if r == '.' && prevAbbrev {
					break
				}
				if !newSent && (r != '.' || i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '"') {
					if r == '\n' || r == '!' || r == '?' || r == '.' {
						newSent = true
						sent++
					}
				}
			}
			if r != ' ' && r != '-' {
				joined = false
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf && asciiWord[c] {
				j++ // most of a word: an ASCII letter or digit
				continue
			}
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r2) {
				// Keep 4.6 and 1,000 whole: a figure is one fact.
				if (r2 == '.' || r2 == ',') && j+1 < len(text) && isDigit(text[j-1]) && isDigit(text[j+1]) {
					j++
					continue
				}
				break
			}
			j += s2
		}
		raw := text[i:j]
		i = j
		first, _ := utf8.DecodeRuneInString(raw)
		lower := strings.ToLower(raw)
		tk := token{raw: raw, lower: lower, start: newSent, joined: joined && !newSent, sent: sent}
		tk.number = hasDigit(raw)
		tk.kept = keepWord(lower, tk.number)
		if unicode.IsUpper(first) && !tk.number {
			tk.entity = true
		}
		toks = append(toks, tk)
		prevAbbrev = unicode.IsUpper(first) && abbrevs[lower] // most words are not capitalised: no lookup
		newSent = false
		joined = true
	}
	return toks
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// hasDigit says whether s holds an ASCII digit, as
// strings.ContainsAny(s, "0123456789") does, without building the set at
// each call (no byte of a multi-byte UTF-8 character is ASCII).
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiWord marks the ASCII letters and digits, the word runes of ASCII
// (isWordRune without the Unicode tables).
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// markEntities decides which capitalised words are names. A sentence's
// first word is a name only when a capitalised word follows it or the
// article capitalises it elsewhere too. In a title-case headline
// capitalisation says nothing, so there only words the body treats as names
// count.
func markEntities(title, body []token) {
	names := map[string]bool{}
	for k, tk := range body {
		if !tk.entity || isStopword(tk.lower) || notNames[tk.lower] {
			body[k].entity = false
			continue
		}
		if !tk.start {
			names[tk.lower] = true
		}
	}
	fixStarts := func(toks []token, known map[string]bool) {
		for k, tk := range toks {
			if !tk.entity || !tk.start {
				continue
			}
			next := k+1 < len(toks) && toks[k+1].entity && toks[k+1].joined
			if !next && !known[tk.lower] {
				toks[k].entity = false
			}
		}
	}
	fixStarts(body, names)
	caps, words := 0, 0
	for _, tk := range title {
		if isStopword(tk.lower) || tk.number {
			continue
		}
		words++
		if tk.entity {
			caps++
		}
	}
	titleCase := words >= 3 && caps*10 >= words*7
	for k, tk := range title {
		switch {
		case !tk.entity || isStopword(tk.lower) || notNames[tk.lower]:
			title[k].entity = false
		case titleCase:
			title[k].entity = names[tk.lower] || isAcronym(tk.raw)
		}
	}
	if !titleCase {
		fixStarts(title, names)
	}
}

func isAcronym(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stem is a light suffix stripper: it folds plurals and the commonest verb
// endings so that "rescues", "rescued" and "rescuing" meet.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	}
	if n := len(w); n > 3 && strings.HasSuffix(w, "e") {
		w = w[:n-1]
	}
	return w
}

// keep says whether a word carries meaning for threading.
func keep(tk token) bool { return tk.kept }

// keepWord is keep for a word lower, a number or not, as tokenize
// decides it for each token: the weighting, the copy fingerprints and
// the summary's word sets all ask.
func keepWord(lower string, number bool) bool {
	if number {
		return len(lower) >= 2 || lower != "0" && lower != "1"
	}
	return utf8.RuneCountInString(lower) >= 2 && !isStopword(lower)
}

// isStopword is stopwords[w], most often answered without the lookup:
// no stopword has w's length and first letter.
func isStopword(w string) bool {
	if len(w) > 0 && len(w) < len(stopShapes) {
		if c := w[0] - 'a'; c < 26 && stopShapes[len(w)]&(1<<c) == 0 {
			return false
		}
	}
	return stopwords[w]
}

// stopShapes has, for each length, a bit for each first letter (a to z)
// that some stopword of that length has; a word of another shape (longer,
// or not opening with a to z) is looked up.
var stopShapes = func() (t [16]uint32) {
	for w := range stopwords {
		if c := w[0] - 'a'; len(w) < len(t) && c < 26 {
			t[len(w)] |= 1 << c
		}
	}
	return t
}()

var abbrevs = set("mr mrs ms dr gen sen rep gov st lt col sgt prof jr sr capt cpl pvt adm maj supt insp det")

// notNames are words often capitalised that name nothing: days, months,
// titles and sentence openers.
var notNames = set(`monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december mr mrs ms dr i im it its
according meanwhile however but and the this that these those there here when where while after
before during since if as in on at of for with by from to a an`)

var stopwords = set(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves said says say told tell according
one two three four five six seven eight nine ten new year years time times like get got may might
must shall also just even still yet back well way many much made make makes last first next week
day days told reported report reports news s t re ve ll d m mr mrs ms via per amp quot`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
