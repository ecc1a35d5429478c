package importer

import (
	"strings"

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
