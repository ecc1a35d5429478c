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

// textBreakSpan opens the span markTextRuns wraps text moved out of a
// table in, on hostile pages; its one attribute is named textBreak.
const textBreakSpan = "<span " + textBreak + ">"

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
	marked, depth, fostered := markTextRunsEvery(s, textRunPieces, false)
	if fostered > max(1<<20, textRunPieces*int64(len(s))) {
		marked, depth, _ = markTextRunsEvery(s, textRunPieces, true)
	}
	return marked, depth
}

// markTextRunsEvery is markTextRuns with a marker once every pieces
// pieces of text; the tests put in every marker they can. It also
// returns an estimate of the bytes the parser would copy joining text it
// moves out of tables (foster parenting), which markers cannot prevent:
// that text is joined to the node before the table, wherever the markers
// are. With wrap, such text is put in marker spans (textBreakSpan) once
// every pieces pieces; spans, unlike comments, can change the tree
// around them (inside a <template>, in SVG), so they are used only on
// pages the estimate shows hostile.
func markTextRunsEvery(s string, every int, wrap bool) (marked string, depth int, fostered int64) {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s) + len(s)/64)
	var d nesting
	var tables tableContext
	pieces := 0       // pieces of text since the last marker
	afterTag := false // the last token was a tag whose next text may take a marker
	preStart := false // inside a <pre> or <listing> that may still be empty
	fosterRun := 0    // bytes of text moved out of the current table so far
	fosterPieces := 0 // pieces of such text since the last span
	for {
		tt := z.Next()
		// Raw is written before TagName or Text, which rewrite the
		// tokenizer's buffer in place.
		switch tt {
		case html.ErrorToken:
			b.Write(z.Raw())
			return b.String(), d.deepest, fostered
		case html.TextToken:
			raw := z.Raw()
			if pieces++; pieces > every && afterTag && !preStart {
				b.WriteString(textBreakTag)
				pieces = 1
			}
			span := false
			if tables.fosters() && !blank(raw) {
				fosterRun += len(raw)
				fostered += int64(fosterRun)
				if fosterPieces++; wrap && fosterPieces > every {
					span = true
					fosterPieces = 1
				}
			}
			if span {
				b.WriteString(textBreakSpan)
			}
			b.Write(raw)
			if span {
				b.WriteString("</span>")
			}
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
				if tables.start(a) {
					fosterRun = 0
				}
			}
			switch a {
			case atom.Pre, atom.Listing:
				preStart = true
			}
			afterTag = !rawTextTags[a]
		case html.EndTagToken:
			b.Write(z.Raw())
			name, _ := z.TagName()
			a := atom.Lookup(name)
			d.end(a)
			if tables.end(a) {
				fosterRun = 0
			}
			afterTag = true
		default:
			b.Write(z.Raw())
			afterTag = false
		}
	}
}

// blank reports raw text of HTML whitespace only, which the parser keeps
// inside a table.
func blank(raw []byte) bool {
	for _, c := range raw {
		switch c {
		case ' ', '\t', '\n', '\f', '\r':
		default:
			return false
		}
	}
	return true
}

// tableContext follows, roughly, where text would go in and around
// tables: directly inside a table (not in a cell or caption), the parser
// moves it before the table. Templates and SVG or MathML content, where
// the rules differ, count as no table.
type tableContext struct{ open []atom.Atom }

// fosters reports whether text here would be moved before the table.
func (t *tableContext) fosters() bool {
	return len(t.open) > 0 && t.open[len(t.open)-1] == atom.Table
}

// start follows a start tag and reports whether a table begins.
func (t *tableContext) start(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Caption, atom.Template, atom.Svg, atom.Math:
		t.open = append(t.open, a)
		return a == atom.Table
	case atom.Td, atom.Th:
		t.toTable()
		if t.fosters() {
			t.open = append(t.open, a)
		}
	case atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot:
		t.toTable()
	}
	return false
}

// end follows an end tag and reports whether a table ends.
func (t *tableContext) end(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Caption, atom.Template, atom.Svg, atom.Math, atom.Td, atom.Th:
		for i := len(t.open) - 1; i >= 0; i-- {
			if t.open[i] == a {
				t.open = t.open[:i]
				return a == atom.Table
			}
		}
	case atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot:
		t.toTable()
	}
	return false
}

// toTable closes the cells open in the innermost table.
func (t *tableContext) toTable() {
	for len(t.open) > 0 {
		switch t.open[len(t.open)-1] {
		case atom.Td, atom.Th:
			t.open = t.open[:len(t.open)-1]
			continue
		}
		return
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

// joinTextRuns removes the markers markTextRuns put in the page, takes
// the text out of its marker spans, and joins the text nodes they
// separated (and only those), as the parser would have without them. A marker the parser
// read as text (in CDATA, where the tokenizer used here sees a comment)
// is removed from the text.
func joinTextRuns(doc *html.Node) {
	var spans []*html.Node
	walkElements(doc, func(n *html.Node) bool {
		if isTextBreakSpan(n) {
			spans = append(spans, n)
		}
		return true
	})
	for _, sp := range spans {
		// The span's text is joined to the text around it, as the
		// parser would have joined it without the span: a marker on
		// each side says so.
		sp.Parent.InsertBefore(&html.Node{Type: html.CommentNode, Data: textBreak}, sp)
		for k := sp.FirstChild; k != nil; {
			next := k.NextSibling
			sp.RemoveChild(k)
			sp.Parent.InsertBefore(k, sp)
			k = next
		}
		sp.Parent.InsertBefore(&html.Node{Type: html.CommentNode, Data: textBreak}, sp)
		sp.Parent.RemoveChild(sp)
	}
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

// joinRun joins to text node t the text nodes that follow it after
// markers, removing the markers and the joined nodes. Text nodes next to
// each other with no marker between are left apart: the parser made them
// so (text it moves out of a table inside a <template> is appended, not
// joined).
func joinRun(parent, t *html.Node, run *strings.Builder) {
	joined := false
	for m := t.NextSibling; m != nil; {
		next := m
		for next != nil && isTextBreak(next) {
			next = next.NextSibling
		}
		if next == m || next == nil || next.Type != html.TextNode {
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

// isTextBreakSpan reports a marker span.
func isTextBreakSpan(n *html.Node) bool {
	return n.Type == html.ElementNode && n.DataAtom == atom.Span && len(n.Attr) == 1 && n.Attr[0].Key == textBreak
}

func isTextBreak(n *html.Node) bool {
	return n.Type == html.CommentNode && n.Data == textBreak
}
