package eval

import (
	"strings"
	"unicode"
)

// ShingleScore is one page's share of true positives, false positives and
// false negatives over 4-token shingles, normalised to sum to 1.
type ShingleScore struct {
	TP, FP, FN float64
}

// Precision is TP/(TP+FP), or 0 when nothing was predicted.
func (s ShingleScore) Precision() float64 {
	if s.TP+s.FP == 0 {
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// Recall is TP/(TP+FN), or 0 when nothing was expected.
func (s ShingleScore) Recall() float64 {
	if s.TP+s.FN == 0 {
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// Shingles compares the multisets of 4-token shingles of the expected and
// the predicted text, as the Zyte article-extraction benchmark does: tokens
// are runs of word characters (Python's \w), a text shorter than four
// tokens is one shingle.
func Shingles(want, got string) ShingleScore {
	w := shingleCounts(want)
	g := shingleCounts(got)
	var tp, fp, fn float64
	for k, wc := range w {
		gc := g[k]
		tp += float64(min(wc, gc))
		if wc > gc {
			fn += float64(wc - gc)
		}
	}
	for k, gc := range g {
		if wc := w[k]; gc > wc {
			fp += float64(gc - wc)
		}
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return ShingleScore{TP: tp, FP: fp, FN: fn}
}

// PRF is a precision, recall and F1 triple.
type PRF struct {
	P, R, F1 float64
}

// MeanShingles averages per-page precision and recall over pages and takes
// F1 of the means, as the benchmark reports it.
func MeanShingles(scores []ShingleScore) PRF {
	if len(scores) == 0 {
		return PRF{}
	}
	var p, r float64
	for _, s := range scores {
		p += s.Precision()
		r += s.Recall()
	}
	p /= float64(len(scores))
	r /= float64(len(scores))
	return PRF{P: p, R: r, F1: f1(p, r)}
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Tokens splits text into runs of word characters: letters, digits and the
// underscore, like Python's Unicode \w.
func Tokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

func shingleCounts(text string) map[string]int {
	toks := Tokens(text)
	const n = 4
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}
