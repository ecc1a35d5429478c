package extract

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/mdtext"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockKind is the Markdown shape of one block.
type blockKind int

const (
	kPara blockKind = iota
	kHeading
	kSubheading
	kBullet
	kNumbered
	kQuote
	kCode // preformatted text: md holds the whole fenced block
)

// block is one paragraph-level piece of the article: md is its inline
// Markdown (escaped text and links), text its plain text.
type block struct {
	kind blockKind
	num  int // item number of a numbered list item
	md   string
	text string
}

// skipped are elements whose content never belongs in the article text:
// code, embedded documents, forms and media.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Embed: true, atom.Object: true, atom.Frame: true,
	atom.Frameset: true, atom.Form: true, atom.Button: true, atom.Input: true,
	atom.Select: true, atom.Textarea: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Img: true,
	atom.Picture: true, atom.Head: true, atom.Title: true, atom.Meta: true,
	atom.Link: true, atom.Base: true, atom.Applet: true, atom.Dialog: true,
	atom.Option: true, atom.Datalist: true, atom.Source: true, atom.Track: true,
}

// blockLevel are elements that end the current block.
var blockLevel = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Nav: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Caption: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Fieldset: true, atom.Center: true,
	atom.Body: true, atom.Html: true,
}

// renderer turns a content tree into blocks.
type renderer struct {
	base    *url.URL
	allowed map[string]bool // when set, the only link targets kept
	blocks  []block

	// the block being gathered
	segs   []seg
	kind   blockKind
	num    int
	quote  int // depth of blockquotes
	list   []listState
	inLink bool
	// cellSep says a cell separator is due before the next text.
	cellSep bool
}

type listState struct {
	ordered bool
	n       int
}

// seg is a run of inline text; href is set for a link.
type seg struct {
	text string
	href string
}

// renderBlocks walks n and returns its blocks. Links are made absolute
// against base; unsafe or relative-without-base links become text.
func renderBlocks(n *html.Node, base *url.URL, allowed map[string]bool) []block {
	r := &renderer{base: base, allowed: allowed}
	r.walk(n, 0)
	r.flush()
	return r.blocks
}

const maxRenderDepth = 400

func (r *renderer) walk(n *html.Node, depth int) {
	if depth > maxRenderDepth {
		// Deeper content is kept as text only; the input was flattened
		// before parsing, so this is a guard, not a path taken.
		r.addText(textOf(n))
		return
	}
	switch n.Type {
	case html.TextNode:
		r.addText(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, depth+1)
		}
		return
	default:
		return
	}
	a := tagAtom(n)
	if skipped[a] || isHidden(n) {
		return
	}
	switch a {
	case atom.Br:
		r.addText("\n")
		return
	case atom.A:
		href := r.linkTarget(attr(n, "href"))
		if href == "" || r.inLink {
			break
		}
		r.inLink = true
		start := len(r.segs)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, depth+1)
		}
		r.inLink = false
		for i := start; i < len(r.segs); i++ {
			r.segs[i].href = href
		}
		return
	}
	if !blockLevel[a] {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, depth+1)
		}
		return
	}
	if a == atom.Pre {
		r.flush()
		r.code(n)
		return
	}
	if a == atom.Td || a == atom.Th {
		// Cells of a row stay on one line.
		r.walkCell(n, depth)
		return
	}
	r.flush()
	saveKind, saveNum := r.kind, r.num
	switch a {
	case atom.H1, atom.H2:
		r.kind = kHeading
	case atom.H3, atom.H4, atom.H5, atom.H6:
		r.kind = kSubheading
	case atom.Blockquote:
		r.quote++
	case atom.Ul, atom.Ol:
		st := listState{ordered: a == atom.Ol, n: 1}
		if v, err := strconv.Atoi(attr(n, "start")); err == nil && v >= 0 && v < 1e6 {
			st.n = v
		}
		r.list = append(r.list, st)
	case atom.Li:
		if len(r.list) > 0 {
			top := &r.list[len(r.list)-1]
			if top.ordered {
				r.kind, r.num = kNumbered, top.n
				top.n++
			} else {
				r.kind = kBullet
			}
		} else {
			r.kind = kBullet
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, depth+1)
	}
	r.flush()
	switch a {
	case atom.Blockquote:
		r.quote--
	case atom.Ul, atom.Ol:
		r.list = r.list[:len(r.list)-1]
	}
	r.kind, r.num = saveKind, saveNum
}

// code renders a <pre> as a fenced code block, its lines as written.
// The fence is longer than any run of backticks inside, so nothing in
// the text can close it; the text stays text (goldmark escapes it).
func (r *renderer) code(n *html.Node) {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
			continue
		case c.Type == html.ElementNode && (skipped[tagAtom(c)] && c != n || isHidden(c)):
			continue
		case c.Type == html.ElementNode && tagAtom(c) == atom.Br:
			b.WriteByte('\n')
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	src := strings.Trim(strings.ReplaceAll(invisible.Replace(b.String()), "\r\n", "\n"), "\n")
	text := strings.Join(strings.Fields(src), " ")
	if text == "" {
		return
	}
	var lines []string
	for _, l := range strings.Split(src, "\n") {
		lines = append(lines, strings.TrimRight(l, " \t"))
	}
	longest, run := 0, 0
	for _, ch := range src {
		if ch == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	r.blocks = append(r.blocks, block{kind: kCode, md: fence + "\n" + strings.Join(lines, "\n") + "\n" + fence, text: text})
}

// walkCell renders a table cell's content into the current row, set off
// from the cell before by " | ".
func (r *renderer) walkCell(n *html.Node, depth int) {
	r.cellSep = r.hasText()
	r.addText(" ")
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if a := tagAtom(c); c.Type == html.ElementNode && blockLevel[a] && a != atom.P && a != atom.Div {
			r.flush()
		}
		r.walk(c, depth+1)
	}
	r.addText(" ")
	r.cellSep = false
}

func (r *renderer) hasText() bool {
	for _, s := range r.segs {
		if strings.TrimSpace(s.text) != "" {
			return true
		}
	}
	return false
}

// invisible turns trafilatura's space marks back into spaces and drops
// soft hyphens, which a browser shows only where it breaks a line.
var invisible = strings.NewReplacer(spaceMark, " ", "\u00ad", "")

func (r *renderer) addText(s string) {
	if s == "" {
		return
	}
	s = invisible.Replace(s)
	if r.cellSep && strings.TrimSpace(s) != "" {
		r.cellSep = false
		r.segs = append(r.segs, seg{text: " | "})
	}
	r.segs = append(r.segs, seg{text: s})
}

// flush ends the current block.
func (r *renderer) flush() {
	segs := coalesce(r.segs)
	r.segs = r.segs[:0]
	r.cellSep = false
	var text, md strings.Builder
	pendingSpace := false
	for _, s := range segs {
		t := s.text
		first, _ := utf8.DecodeRuneInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		lead := t != "" && unicode.IsSpace(first)
		trail := t != "" && unicode.IsSpace(last)
		words := strings.Join(strings.Fields(t), " ")
		if words == "" {
			if lead || trail {
				pendingSpace = true
			}
			continue
		}
		if (lead || pendingSpace) && text.Len() > 0 {
			text.WriteByte(' ')
			md.WriteByte(' ')
		}
		pendingSpace = trail
		text.WriteString(words)
		if s.href != "" {
			guardBang(&md)
			md.WriteString("[")
			md.WriteString(escapeInline(words))
			md.WriteString("](")
			md.WriteString(s.href)
			md.WriteString(")")
		} else {
			md.WriteString(escapeInline(words))
		}
	}
	if text.Len() == 0 {
		return
	}
	kind := r.kind
	if r.quote > 0 && kind == kPara {
		kind = kQuote
	}
	r.blocks = append(r.blocks, block{kind: kind, num: r.num, md: guardLineStart(md.String()), text: text.String()})
}

// coalesce joins adjacent segments of one link ("<a>big <b>news</b></a>")
// so that they become one Markdown link.
func coalesce(segs []seg) []seg {
	out := make([]seg, 0, len(segs))
	for _, s := range segs {
		if n := len(out); n > 0 && s.href != "" && out[n-1].href == s.href {
			out[n-1].text += s.text
			continue
		}
		out = append(out, s)
	}
	return out
}

// escapeInline escapes a run of text for use inside a line. Escaping more
// than needed is harmless: a backslash before ASCII punctuation always
// renders as the punctuation.
func escapeInline(s string) string {
	return mdtext.Escape(s)
}

// guardBang escapes a trailing '!' so that a link written after it cannot
// turn into an image.
func guardBang(md *strings.Builder) {
	s := md.String()
	if !strings.HasSuffix(s, "!") {
		return
	}
	bs := 0
	for i := len(s) - 2; i >= 0 && s[i] == '\\'; i-- {
		bs++
	}
	if bs%2 == 1 {
		return
	}
	md.Reset()
	md.WriteString(s[:len(s)-1])
	md.WriteString(`\!`)
}

// guardLineStart escapes what could open a block at the start of a line
// when pieces were joined: "12" followed by ". text" would be a list item.
func guardLineStart(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// linkTarget returns the absolute form of href when it is an http, https or
// mailto link, else "".
func (r *renderer) linkTarget(href string) string {
	u := safeURL(href, r.base)
	if r.allowed != nil && !r.allowed[u] {
		return ""
	}
	return u
}

// pageLinks returns the safe link targets of the page itself. A library
// rewrites links (one resolves "vbscript:x" as a relative path), so a link
// in its output is kept only when the page had a safe link to the same
// target.
func pageLinks(doc *html.Node, base *url.URL) map[string]bool {
	m := map[string]bool{}
	walkElements(doc, func(n *html.Node) bool {
		if n.DataAtom == atom.A {
			if u := safeURL(attr(n, "href"), base); u != "" {
				m[u] = true
			}
		}
		return true
	})
	return m
}

// safeURL resolves href against base and returns it in a form that can
// stand inside Markdown's (destination), or "" when it is not an http,
// https or mailto link.
func safeURL(href string, base *url.URL) string {
	href = strings.TrimSpace(href)
	if href == "" || len(href) > 4096 || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
	default:
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	s := u.String()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '`' || c == '"':
			b.WriteString("%")
			b.WriteString(strings.ToUpper(strconv.FormatInt(int64(c)|0x100, 16)[1:]))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// markdown writes blocks as a Markdown body.
func markdown(blocks []block) string {
	var b strings.Builder
	prev := blockKind(-1)
	for _, bl := range blocks {
		if b.Len() > 0 {
			list := (bl.kind == kBullet || bl.kind == kNumbered) && bl.kind == prev
			if !list {
				b.WriteByte('\n')
			}
		}
		switch bl.kind {
		case kHeading:
			b.WriteString("## ")
		case kSubheading:
			b.WriteString("### ")
		case kBullet:
			b.WriteString("- ")
		case kNumbered:
			b.WriteString(strconv.Itoa(bl.num))
			b.WriteString(". ")
		case kQuote:
			b.WriteString("> ")
		}
		b.WriteString(bl.md)
		b.WriteByte('\n')
		prev = bl.kind
	}
	return b.String()
}

// plainText writes blocks one a line.
func plainText(blocks []block) string {
	var b strings.Builder
	for _, bl := range blocks {
		b.WriteString(bl.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// tagAtom returns n's tag, also for elements a library created by name
// only, which lack DataAtom.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isHidden reports elements a reader never sees.
func isHidden(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if attr(n, "aria-hidden") == "true" {
		return true
	}
	st := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf returns the text under n, iteratively so depth costs no stack.
func textOf(n *html.Node) string {
	var b strings.Builder
	var stack []*html.Node
	if n.Type == html.TextNode {
		return n.Data
	}
	for k := n.LastChild; k != nil; k = k.PrevSibling {
		stack = append(stack, k)
	}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
			continue
		}
		if c.Type == html.ElementNode && skipped[tagAtom(c)] {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return b.String()
}

// snap replaces the library's blocks by the page's own blocks they come
// from. Trafilatura loses the spaces around inline elements ("will
// appreciate" becomes "willappreciate") and sometimes splits a paragraph
// at a link, dropping its start; the page's block has the whole text, the
// right spacing and the links. A run of blocks that all lie in one page
// block becomes that block, unless the page block is much longer (a
// container of teasers rather than a paragraph). Matching ignores
// whitespace and moves forward through the page, so the work is bounded.
// A page block goes into the article once: a library block that lies only
// in page blocks already taken is a copy the library made (go-trafilatura
// renders a list item's paragraph twice; each library brings the same
// standfirst), dropped. That raised Mozilla's test pages from .946 to .950
// and the Zyte dev pages from .982 to .984; trafilatura's evaluation
// stayed at .932 (held-out half .927). A block the body does not have
// that begins with the page's <title> has it taken off (go-trafilatura's
// fallback reads the head's title into the text): Mozilla .950 to .954,
// the others unchanged.
// page is the body's own blocks (renderBlocks of it).
func snap(blocks []block, doc *html.Node, page []block) []block {
	keys := make([]string, len(page))
	for i, b := range page {
		keys[i] = squeeze(b.text)
	}
	budget := snapBudget
	out := make([]block, 0, len(blocks))
	used := make([]bool, len(page)) // page blocks already in out whole
	title := ""
	if t := findFirst(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.DataAtom == atom.Title }); t != nil {
		title = squeeze(textOf(t))
	}
	blocks = append([]block(nil), blocks...)
	stripped := -1 // the block whose head title was taken off
	j := 0
	for i := 0; i < len(blocks); {
		k := squeeze(blocks[i].text)
		at, again := -1, false
		for p := j; p < len(keys) && budget > 0; p++ {
			budget -= len(keys[p])
			if keys[p] == k || len(k) >= minSnapKey && strings.Contains(keys[p], k) {
				if used[p] {
					again = true
					continue
				}
				at = p
				break
			}
		}
		if at < 0 && again && k != "" {
			// The library gave text again that the page has once, and
			// the page's block holding it is already in the article.
			i++
			continue
		}
		if at < 0 && stripped != i && len(title) >= minTitleKey && len(k) > len(title) && strings.HasPrefix(k, title) {
			// go-trafilatura's fallback reads the page's <title> into
			// the body's text; the page's body does not have it there.
			if rest := afterSqueezed(blocks[i].text, title); rest != "" {
				blocks[i] = block{kind: blocks[i].kind, num: blocks[i].num, md: escapeInline(rest), text: rest}
			}
			stripped = i
			continue
		}
		if at < 0 || k == "" {
			out = append(out, blocks[i])
			i++
			continue
		}
		// Take the following blocks that lie, in order, in the same page
		// block.
		pos := strings.Index(keys[at], k) + len(k)
		n, covered := 1, len(k)
		for i+n < len(blocks) {
			kn := squeeze(blocks[i+n].text)
			if len(kn) < minSnapKey {
				break
			}
			o := strings.Index(keys[at][pos:], kn)
			if o < 0 {
				break
			}
			pos += o + len(kn)
			covered += len(kn)
			n++
		}
		if len(keys[at]) <= 3*covered+80 {
			b := page[at]
			if blocks[i].kind != kPara && n == 1 {
				b.kind, b.num = blocks[i].kind, blocks[i].num
			}
			out = append(out, b)
			used[at] = true
		} else {
			out = append(out, blocks[i:i+n]...)
		}
		i += n
		j = at
	}
	return out
}

// minSnapKey is the shortest text looked for inside a longer page block;
// shorter ones ("1", "Share") would match anywhere.
const minSnapKey = 24

// snapBudget bounds the bytes snap compares on one page.
const snapBudget = 64 << 20

// minTitleKey is the shortest <title> (without whitespace) snap takes off
// the head of a block; a shorter one ("News") may begin any paragraph.
const minTitleKey = 8

// afterSqueezed returns s after its first len(prefix) non-space runes,
// which squeeze to prefix.
func afterSqueezed(s, prefix string) string {
	for i, r := range s {
		if prefix == "" {
			return strings.TrimSpace(s[i:])
		}
		if !unicode.IsSpace(r) {
			n := utf8.RuneLen(r)
			if n < 0 || n > len(prefix) {
				return ""
			}
			prefix = prefix[n:]
		}
	}
	return ""
}

// squeeze drops whitespace, so that texts compare whatever their spacing.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
