// Package mdtext writes plain text as Markdown that renders back to exactly
// that text: every character Markdown would read as syntax is escaped, so
// scraped text can never turn into emphasis, links, HTML or a heading.
package mdtext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/news"
)

// Escape returns s as Markdown inline text that renders as s. Line breaks
// are folded into spaces: a block of text is one Markdown paragraph.
func Escape(s string) string {
	s = collapseSpaces(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '{', '}':
			b.WriteByte('\\')
		case '#', '+', '-', '=', '!':
			// Only significant at the start of a line (headings, list
			// items, setext underlines) or before '[' (images).
			if i == 0 || (c == '!' && i+1 < len(s) && s[i+1] == '[') {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "1. " or "1) " at the start would open an ordered list.
			if allDigits(s[:i]) && i > 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// collapseSpaces is strings.Join(strings.Fields(s), " "): s with every run
// of white space one space, none at either end. Most texts are so
// already and are returned as they are, without splitting and joining.
func collapseSpaces(s string) string {
	space := true // the last character was a space, or there was none
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			space = false
			i += n
			continue
		}
		switch {
		case c == ' ' && !space:
			space = true
		case c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return strings.Join(strings.Fields(s), " ")
		default:
			space = false
		}
		i++
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Blocks renders cleaned blocks as a Markdown body: paragraphs separated
// by blank lines, subheadings as "##", list items as "-", quotes as ">".
func Blocks(blocks []news.Block) string {
	var b strings.Builder
	prev := news.BlockKind(-1)
	for _, bl := range blocks {
		text := Escape(bl.Text)
		if text == "" {
			continue
		}
		if b.Len() > 0 {
			if !(bl.Kind == news.ListItem && prev == news.ListItem) {
				b.WriteByte('\n')
			}
		}
		switch bl.Kind {
		case news.Heading:
			b.WriteString("## ")
		case news.ListItem:
			b.WriteString("- ")
		case news.Quote:
			b.WriteString("> ")
		}
		b.WriteString(text)
		b.WriteByte('\n')
		prev = bl.Kind
	}
	return b.String()
}
