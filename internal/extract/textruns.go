package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML parser (golang.org/x/net/html) adds a text token to the text
// node before it by string concatenation, which copies the node's text
// each time: a page whose text is cut into many pieces by tags the parser
// drops ("x</q>x</q>…", "<td>c</td>…" outside a table) took 1.3 s for
// 1 MB, and would take minutes for the 10 MiB a page may be. The guard
// puts a marker comment between a tag and the text after it once every
// textRunPieces pieces of text, so that no text node is appended to more
// often (the parser then copies each byte at most that many times), and
// after parsing removes the markers and joins the text they kept apart in
// one linear pass: the tree is the one the parser builds from the page
// itself. A marker left out anywhere only leaves the parser as it is.

// textRunPieces is how many pieces of text may pass between two markers.
// More pieces are fewer markers on ordinary pages and more copying on
// hostile ones: on the dev pages a marker every 16 pieces adds 2% to the
// bytes an extraction allocates, one at every piece 6%.
const textRunPieces = 16

// textBreak is the marker comment's text: a private-use character, never
// in a real page's comments.
const textBreak = "\uE001"

// textBreakTag is the marker as it is written into the page.
const textBreakTag = "<!--" + textBreak + "-->"

// rawTextTags are the elements whose content the tokenizer reads as raw
// text: a marker after their start tag would become part of that text.
var rawTextTags = map[atom.Atom]bool{
	atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Noscript: true, atom.Plaintext: true,
	atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true, atom.Xmp: true,
}

// markTextRuns returns the page with textBreakTag between a tag and the
// text that follows it, once every textRunPieces pieces of text, and the
// page's deepest nesting (as tokenDepth). The page's own bytes are kept as
// they are.
//
// Where a marker would change the tree it is left out: after a raw text
// element's start tag, and after <pre> or <listing> until their first
// text, whose leading newline the parser drops only while the element is
// still empty.
func markTextRuns(s string) (string, int) {
	return markTextRunsEvery(s, textRunPieces)
}

// markTextRunsEvery is markTextRuns with a marker once every pieces
// pieces of text; the tests put in every marker they can.
func markTextRunsEvery(s string, every int) (string, int) {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s) + len(s)/64)
	var d nesting
	pieces := 0       // pieces of text since the last marker
	afterTag := false // the last token was a tag whose next text may take a marker
	preStart := false // inside a <pre> or <listing> that may still be empty
	for {
		tt := z.Next()
		// Raw is written before TagName or Text, which rewrite the
		// tokenizer's buffer in place.
		switch tt {
		case html.ErrorToken:
			b.Write(z.Raw())
			return b.String(), d.deepest
		case html.TextToken:
			if pieces++; pieces > every && afterTag && !preStart {
				b.WriteString(textBreakTag)
				pieces = 1
			}
			b.Write(z.Raw())
			if preStart && !emptyAtPreStart(z.Text()) {
				preStart = false
			}
			afterTag = false
		case html.StartTagToken, html.SelfClosingTagToken:
			b.Write(z.Raw())
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if tt == html.StartTagToken {
				d.start(a)
			}
			switch a {
			case atom.Pre, atom.Listing:
				preStart = true
			}
			afterTag = !rawTextTags[a]
		case html.EndTagToken:
			b.Write(z.Raw())
			name, _ := z.TagName()
			d.end(atom.Lookup(name))
			afterTag = true
		default:
			b.Write(z.Raw())
			afterTag = false
		}
	}
}

// emptyAtPreStart reports text that leaves an empty <pre> empty: the one
// newline the parser drops at its start, and NUL characters.
func emptyAtPreStart(t []byte) bool {
	if len(t) > 0 && t[0] == '\r' {
		t = t[1:]
	}
	if len(t) > 0 && t[0] == '\n' {
		t = t[1:]
	}
	for _, c := range t {
		if c != 0 {
			return false
		}
	}
	return true
}

// joinTextRuns removes the markers markTextRuns put in the page and joins
// the text nodes they separated, as the parser would have without them.
// A marker the parser read as text (in CDATA, where the tokenizer used
// here sees a comment) is removed from the text.
func joinTextRuns(doc *html.Node) {
	stack := []*html.Node{doc}
	var run strings.Builder
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case isTextBreak(c):
				n.RemoveChild(c)
			case c.Type == html.TextNode:
				joinRun(n, c, &run)
				next = c.NextSibling
				if strings.Contains(c.Data, textBreakTag) {
					c.Data = strings.ReplaceAll(c.Data, textBreakTag, "")
				}
			default:
				stack = append(stack, c)
			}
			c = next
		}
	}
}

// joinRun joins to text node t the text nodes that follow it after one
// or more markers (more when the text between was dropped), removing the
// markers and the joined nodes.
func joinRun(parent, t *html.Node, run *strings.Builder) {
	joined := false
	for m := t.NextSibling; m != nil && isTextBreak(m); {
		next := m.NextSibling
		for next != nil && isTextBreak(next) {
			next = next.NextSibling
		}
		if next == nil || next.Type != html.TextNode {
			break
		}
		if !joined {
			run.Reset()
			run.WriteString(t.Data)
			joined = true
		}
		run.WriteString(next.Data)
		for k := m; k != next; {
			after := k.NextSibling
			parent.RemoveChild(k)
			k = after
		}
		m = next.NextSibling
		parent.RemoveChild(next)
	}
	if joined {
		t.Data = run.String()
	}
}

func isTextBreak(n *html.Node) bool {
	return n.Type == html.CommentNode && n.Data == textBreak
}
