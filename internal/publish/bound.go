package publish

import (
	"bytes"
)

// maxTextRun bounds the bytes of one run of text the HTML minifier sees.
// It rewrites a text's entities and spaces in place, copying the rest of
// the text at each one, so that its time grows with the square of a
// text's length: one scraped paragraph of 600,000 ampersands took 33 s,
// 1.2 million 133 s. Cut into runs of this size, the work is linear.
const maxTextRun = 4096

// boundTextRuns returns an HTML document whose runs of text are at most
// about maxTextRun bytes, cut by empty comments, which the minifier
// removes: the minified bytes are those of the document as given. A cut
// is made only between two characters that are neither space nor part
// of an entity or a multi-byte character, where the minifier's
// treatment of one side cannot depend on the other. Raw text (script,
// style, pre, textarea …), comments and tags are left whole. A document
// without a long run is returned as it is, without a copy.
func boundTextRuns(b []byte, maxRun int) []byte {
	if len(b) <= maxRun {
		return b
	}
	var out []byte
	last := 0 // b[:last] is in out
	run := 0  // bytes of text since the last tag or cut
	for i := 0; i < len(b); {
		next := bytes.IndexByte(b[i:], '<')
		if next < 0 {
			next = len(b)
		} else {
			next += i
		}
		if run+next-i < maxRun {
			// No byte of this text reaches the bound: nothing to cut.
			run += next - i
			i = next
		} else {
			for ; i < next; i++ {
				run++
				if run < maxRun || i+1 >= len(b) || !cuttable(b, i) {
					continue
				}
				if out == nil {
					out = make([]byte, 0, len(b)+len(b)/maxRun*8+16)
				}
				out = append(out, b[last:i+1]...)
				out = append(out, "<!---->"...)
				last = i + 1
				run = 0
			}
		}
		if i < len(b) {
			run = 0
			i = skipMarkup(b, i)
		}
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// cuttable says whether a cut may go between b[i] and b[i+1]: outside
// an entity, either before an '&' (so runs of entities can be cut) or
// between two ASCII letters or digits (neither a space, whose collapsing
// depends on its neighbours, nor part of a multi-byte character).
func cuttable(b []byte, i int) bool {
	if b[i+1] != '&' && (!alnum(b[i]) || !alnum(b[i+1])) {
		return false
	}
	// Inside an entity's name ("&am|p;") the characters back to the
	// last non-name character include its '&' or '#'.
	for j := i; j >= 0 && i-j < 40; j-- {
		if b[j] == '&' || b[j] == '#' {
			return false
		}
		if !alnum(b[j]) {
			return true
		}
	}
	return false // a word of 40 letters or more: wait for a shorter one
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// rawText are the elements whose content is not markup: cutting it would
// change it.
var rawText = [][]byte{[]byte("script"), []byte("style"), []byte("pre"), []byte("textarea"), []byte("title"), []byte("xmp"), []byte("iframe"), []byte("noscript"), []byte("noembed"), []byte("noframes"), []byte("plaintext"), []byte("svg"), []byte("math")}

// skipMarkup returns the index after the markup starting at b[i] == '<':
// a comment, a tag with its quoted attributes, or a raw-text element
// with its content and end tag.
func skipMarkup(b []byte, i int) int {
	if bytes.HasPrefix(b[i:], []byte("<!--")) {
		if j := bytes.Index(b[i+4:], []byte("-->")); j >= 0 {
			return i + 4 + j + 3
		}
		return len(b)
	}
	end := tagEnd(b, i)
	name := tagName(b[i+1 : end])
	if len(name) < 3 || len(name) > 9 {
		return end // no raw-text element has such a name ("p", "li", "article")
	}
	for _, r := range rawText {
		if bytes.EqualFold(name, r) {
			// The content runs to the matching end tag, whatever case.
			close := append([]byte("</"), r...)
			for j := end; j < len(b); j++ {
				if b[j] == '<' && len(b)-j >= len(close) && bytes.EqualFold(b[j:j+len(close)], close) {
					return tagEnd(b, j)
				}
			}
			return len(b)
		}
	}
	return end
}

// tagEnd returns the index after the '>' closing the tag at b[i],
// skipping quoted attribute values.
func tagEnd(b []byte, i int) int {
	var quote byte
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		}
	}
	return len(b)
}

// tagName is the element name at the start of a tag's inside ("p
// class=x>" → "p"); end tags and declarations give a name that matches
// no raw-text element.
func tagName(in []byte) []byte {
	n := 0
	for n < len(in) && alnum(in[n]) {
		n++
	}
	return in[:n]
}
