package site

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown renders article bodies. One goldmark instance serves the whole
// build. It runs in goldmark's safe mode: raw HTML in a body is dropped
// and dangerous link schemes are not written, so a hand-edited file can
// no more inject markup than scraped text can.
type markdown struct {
	md goldmark.Markdown
}

func newMarkdown(base *url.URL) *markdown {
	return &markdown{md: goldmark.New(
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(&absLinks{base: base}, 100))),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)}
}

// render returns the body as HTML and as plain text (blocks on lines).
func (m *markdown) render(src string) (template.HTML, string) {
	source := []byte(src)
	doc := m.md.Parser().Parse(text.NewReader(source))
	buf := newHTMLBuilder(len(src))
	if err := m.md.Renderer().Render(buf, source, doc); err != nil {
		// Rendering into a buffer cannot fail but for a bug; show the text.
		return template.HTML(template.HTMLEscapeString(src)), src
	}
	return template.HTML(buf.String()), plainText(doc, source)
}

// html renders src to HTML.
func (m *markdown) html(src string) template.HTML {
	source := []byte(src)
	doc := m.md.Parser().Parse(text.NewReader(source))
	buf := newHTMLBuilder(len(src))
	if err := m.md.Renderer().Render(buf, source, doc); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(buf.String())
}

// htmlBuilder collects goldmark's HTML in one string: it is the buffered
// writer goldmark would otherwise wrap a writer in (a 4 kB buffer for
// every body) and its bytes become the string without a copy.
type htmlBuilder struct{ strings.Builder }

// newHTMLBuilder sizes the builder for the HTML of a body of n bytes,
// which the tags make about a tenth longer.
func newHTMLBuilder(n int) *htmlBuilder {
	b := &htmlBuilder{}
	b.Grow(n + n/8 + 64)
	return b
}

func (b *htmlBuilder) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuilder) Buffered() int  { return 0 }
func (b *htmlBuilder) Flush() error   { return nil }

// text is src as plain text, one block a line.
func (m *markdown) text(src string) string {
	source := []byte(src)
	return plainText(m.md.Parser().Parse(text.NewReader(source)), source)
}

// plainText collects the text of a parsed document, one block a line.
func plainText(doc ast.Node, source []byte) string {
	var b strings.Builder
	b.Grow(len(source)) // the text is the source less its markup
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				b.Write(n.Value(source))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.CodeSpan:
			if entering {
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						b.Write(t.Value(source))
					}
				}
				return ast.WalkSkipChildren, nil
			}
		default:
			if !entering && n.Type() == ast.TypeBlock && n.Kind() != ast.KindList && n.Kind() != ast.KindListItem {
				if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
					b.WriteByte('\n')
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// absLinks makes every link and image in a body absolute against the
// site's base URL, so that pages and feed readers resolve them the same.
type absLinks struct{ base *url.URL }

func (t *absLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = t.abs(n.Destination)
		case *ast.Image:
			n.Destination = t.abs(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (t *absLinks) abs(dest []byte) []byte {
	u, err := url.Parse(string(dest))
	if err != nil || u.IsAbs() || t.base == nil {
		return dest
	}
	return []byte(t.base.ResolveReference(u).String())
}
