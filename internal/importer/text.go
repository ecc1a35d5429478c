package importer

import (
	"strings"

	"github.com/digest-news/digest/internal/meta"

	"golang.org/x/net/html"
)

// plainField makes a one-line metadata field (title, outlet, author) plain
// text: markup a scraper left in it is removed, with the content of
// scripts and styles, and white space folded. Feed readers may render an
// RSS title as HTML, so no tag may survive there even as text.
func plainField(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			out := strings.Join(strings.Fields(b.String()), " ")
			// What still looks like a tag was not markup the tokenizer
			// knew; drop the brackets so no reader can take it for one.
			return strings.NewReplacer("<", "", ">", "").Replace(out)
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if n, _ := z.TagName(); (string(n) == "script" || string(n) == "style") && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// leadTitleMax is the longest headline derived from a lead, in bytes.
const leadTitleMax = 120

// leadTitle derives a headline from an article's text when its input gave
// none: the first sentence of the first paragraph (a full stop after a
// short word, as in "U.S." or "Mr.", does not end it), cut at a word
// boundary to at most leadTitleMax bytes.
func leadTitle(text string) string {
	first := firstLine(text)
	if _, ok := meta.ParseDateline(first); ok {
		// "WASHINGTON (AP) — Donald J. Trump was sworn in …": the
		// headline starts after the dateline's dash.
		for _, dash := range []string{" — ", " – ", " - ", "—", ": "} {
			if i := strings.Index(first, dash); i > 0 && i < 80 {
				if rest := strings.TrimSpace(first[i+len(dash):]); rest != "" {
					first = rest
				}
				break
			}
		}
	}
	end := len(first)
	for i := 0; i+1 < len(first); i++ {
		c := first[i]
		if (c != '.' && c != '!' && c != '?') || first[i+1] != ' ' {
			continue
		}
		word := first[:i]
		if sp := strings.LastIndexByte(word, ' '); sp >= 0 {
			word = word[sp+1:]
		}
		if c == '.' && (len(word) <= 2 || strings.Contains(word, ".")) {
			continue
		}
		end = i + 1
		break
	}
	t := strings.TrimSpace(first[:end])
	t = strings.TrimSuffix(t, ".")
	return plainField(cutWords(t, leadTitleMax))
}
