package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/news"
)

// decoration is what pages wrap subheadings in ("-Invincible alliance-",
// "* * *") and open list items with.
const decoration = "-–—*=#•·_~|►▶■"

// blocks turns the article's lines into blocks: subheadings as headings,
// bulleted lines as list items, the rest as paragraphs, verbatim. Labels
// left inside the article (an "Advertisement" between paragraphs) and
// repeats of the title are dropped, and so are lines less likely than
// dropBelow to be article text: captions, bylines and teasers the run spans.
func blocks(run []line, title string, dropBelow float64) []news.Block {
	out := make([]news.Block, 0, len(run))
	for i := range run {
		l := &run[i]
		if l.text == title || l.age || l.teaser || l.words == 0 {
			continue
		}
		if (l.junk || l.tail) && l.words <= 4 {
			continue
		}
		if l.p < dropBelow && !l.table {
			continue // a caption, byline or teaser between paragraphs
		}
		if inner, ok := wrapped(l.text); ok {
			out = append(out, news.Block{Kind: news.Heading, Text: inner})
			continue
		}
		if item, ok := bulleted(l.text); ok {
			out = append(out, news.Block{Kind: news.ListItem, Text: item})
			continue
		}
		if i > 0 && i+1 < len(run) && subheading(l, &run[i+1]) {
			out = append(out, news.Block{Kind: news.Heading, Text: l.text})
			continue
		}
		out = append(out, news.Block{Kind: news.Paragraph, Text: l.text})
	}
	return out
}

// wrapped reports whether t is text wrapped in decoration on both sides,
// as in "-Invincible alliance-", and returns the text.
func wrapped(t string) (string, bool) {
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	if !strings.ContainsRune(decoration, first) || !strings.ContainsRune(decoration, last) {
		return "", false
	}
	inner := strings.TrimFunc(t, func(r rune) bool {
		return strings.ContainsRune(decoration, r) || unicode.IsSpace(r)
	})
	if inner == "" || len(strings.Fields(inner)) > 12 {
		return "", false
	}
	return inner, true
}

// bulleted reports whether t opens with a bullet and returns the item.
func bulleted(t string) (string, bool) {
	for _, b := range []string{"• ", "· ", "- ", "* ", "– ", "▪ ", "► "} {
		if strings.HasPrefix(t, b) {
			item := strings.TrimSpace(t[len(b):])
			return item, item != ""
		}
	}
	return "", false
}

// subheading reports whether l reads as a subheading of the paragraph
// after it: short, unpunctuated, followed by longer prose.
func subheading(l, next *line) bool {
	if l.words > 12 || l.endPunct || strings.HasSuffix(l.text, ",") || strings.HasSuffix(l.text, ":") {
		return false
	}
	return next.words >= 2*l.words && next.words >= 12 && next.endPunct
}
