package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
	"golang.org/x/text/unicode/norm"
)

// maxWordRunes bounds a word: longer runs of letters (a URL's tail, a
// base64 blob in scraped text) are not words anyone types.
const maxWordRunes = 40

// Words splits text into words as the index and the browser see them:
// Unicode NFKC, lower case, runs of letters, digits and combining marks;
// every Han, Hiragana or Katakana character is a word of its own (those
// scripts do not separate words with spaces). The words keep their
// diacritics: Fold removes them, after a stemmer has read them.
// assets/search.js splits a query the same way.
func Words(text string) []string {
	return appendWords(nil, text)
}

func appendWords(out []string, text string) []string {
	text = strings.ToLower(norm.NFKC.String(text))
	start := -1
	flush := func(end int) {
		if start >= 0 {
			if w := text[start:end]; utf8.RuneCountInString(w) <= maxWordRunes {
				out = append(out, w)
			}
			start = -1
		}
	}
	for i, r := range text {
		if r < utf8.RuneSelf {
			// ASCII, most of a site's text: no table look-ups.
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' {
				if start < 0 {
					start = i
				}
			} else {
				flush(i)
			}
			continue
		}
		switch {
		case ideograph(r):
			flush(i)
			out = append(out, text[i:i+utf8.RuneLen(r)])
		case unicode.IsLetter(r) || unicode.IsNumber(r) || (start >= 0 && unicode.IsMark(r)):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return out
}

// ideograph reports whether r is a letter or digit of a script written
// without spaces between words. The scripts also hold symbols (the CJK
// radicals, "⺬"), which are no words.
func ideograph(r rune) bool {
	return (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)) &&
		(unicode.IsLetter(r) || unicode.IsNumber(r))
}

// Fold removes a word's diacritics ("Škoda" → "skoda", "café" → "cafe"):
// the word is decomposed (NFD), its combining marks dropped, and what is
// left composed again. Words are already lower case and NFKC (Words).
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	d := norm.NFD.String(w)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// stemmer returns the Snowball stemmer of a language tag ("en",
// "en-GB", "fr" …), or nil for a language without one: its words are
// indexed as they are, folded. An article without a language is
// stemmed as English, the site's usual language.
func stemmer(lang string) func(string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "", "en":
		return func(w string) string { return english.Stem(w, true) }
	case "fr":
		return func(w string) string { return french.Stem(w, true) }
	case "es":
		return func(w string) string { return spanish.Stem(w, true) }
	case "ru":
		return func(w string) string { return russian.Stem(w, true) }
	case "sv":
		return func(w string) string { return swedish.Stem(w, true) }
	case "no", "nb", "nn":
		return func(w string) string { return norwegian.Stem(w, true) }
	}
	return nil
}

// Term is a word as the index keys it: its folded form, and the term its
// postings are under (the folded stem; the folded word itself for a
// language without a stemmer).
type Term struct {
	Word, Stem string
}

// An Analyzer turns words into terms, remembering the answers: a site
// repeats its words, and stemming is the costly part. One Analyzer
// serves one goroutine.
type Analyzer struct {
	memo map[string]map[string]Term // language → word → term
	size int
}

// NewAnalyzer returns an Analyzer with an empty memory.
func NewAnalyzer() *Analyzer { return &Analyzer{memo: map[string]map[string]Term{}} }

// maxMemo bounds the Analyzer's memory: past it, it starts afresh.
const maxMemo = 1 << 18

// Term returns the term of a word (from Words) in a text of the given
// language.
func (a *Analyzer) Term(w, lang string) Term {
	memo := a.memo[lang]
	if t, ok := memo[w]; ok {
		return t
	}
	t := Term{Word: Fold(w)}
	t.Stem = t.Word
	if st := stemmer(lang); st != nil && !ideograph(firstRune(w)) {
		if s := Fold(st(w)); s != "" {
			t.Stem = s
		}
	}
	if a.size >= maxMemo {
		clear(a.memo)
		a.size, memo = 0, nil
	}
	if memo == nil {
		memo = map[string]Term{}
		a.memo[lang] = memo
	}
	memo[w] = t
	a.size++
	return t
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Prefix is the part of a folded word that picks its bucket: its first
// two characters (the whole word when shorter). A query's last word,
// matched as a prefix, needs two characters to find its bucket.
func Prefix(word string) string {
	n := 0
	for i := range word {
		if n == 2 {
			return word[:i]
		}
		n++
	}
	return word
}

// bucketOf hashes a prefix (FNV-1a, 32 bits) into one of n buckets;
// assets/search.js computes the same.
func bucketOf(prefix string, n int) int {
	h := uint32(2166136261)
	for i := 0; i < len(prefix); i++ {
		h ^= uint32(prefix[i])
		h *= 16777619
	}
	return int(h % uint32(n))
}
