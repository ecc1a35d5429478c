package meta

import (
	"strings"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/news"
)

// summaryMax is the longest summary in bytes, about two sentences.
const summaryMax = 300

// Summary returns the article's first real paragraph (its standfirst when
// it has one), cut at the last sentence end, else the last word, that fits
// in about 300 characters.
func Summary(blocks []news.Block) string {
	var first string
	for _, b := range blocks {
		if b.Kind != news.Paragraph {
			continue
		}
		t := strings.Join(strings.Fields(b.Text), " ")
		if len(Words(t)) >= 8 {
			first = t
			break
		}
		if first == "" {
			first = t
		}
	}
	return Trim(first, summaryMax)
}

// Trim shortens s to at most max bytes at a sentence end when one falls
// in the second half, else at a word boundary followed by "…".
func Trim(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	head := s[:cut]
	best := -1
	for i := 0; i+1 < len(head); i++ {
		switch head[i] {
		case '.', '!', '?':
			if head[i+1] == ' ' && i >= max/2 {
				best = i + 1
			}
		}
	}
	if best > 0 {
		return head[:best]
	}
	if sp := strings.LastIndexByte(head, ' '); sp > max/2 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:-—–") + "…"
}
