package feed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"sync"

	xmlmin "github.com/tdewolff/minify/v2/xml"
)

// format indexes an Entry's encodings.
type format int

const (
	formatRSS format = iota
	formatAtom
	formatJSON
	nFormats
)

// Entry is an Item checked and cleaned once for many feeds. Each of its
// encodings (a format, indented or compact) is made the first time a feed
// needs it and kept, so that an article carried by the site's feed, its
// story's and several tags' feeds is cleaned, escaped and compacted once
// per format rather than once per feed. An Entry is safe for concurrent
// use by writers of different feeds. It holds its encodings as long as it
// is referenced: a caller that knows an article's last feed drops the
// Entry to free them, or makes a new one per feed to keep none.
type Entry struct {
	e   entry
	enc [nFormats][2]encoding // by format, then indented (0) or compact (1)
}

type encoding struct {
	once sync.Once
	enc  encoded
	err  error
}

// encoded is an entry's encoding: head, body and tail one after the other.
// The body is set only when it is the Item's HTML as it is (an RSS body in
// one CDATA section): it shares the caller's string rather than copy it.
type encoded struct {
	head []byte
	body string
	tail []byte
}

func (x encoded) len() int { return len(x.head) + len(x.body) + len(x.tail) }

// NewEntry checks and cleans it as the writers do Feed.Items; an error
// wraps ErrInvalid.
func NewEntry(it Item) (*Entry, error) {
	e, err := prepareItem("Item", it)
	if err != nil {
		return nil, err
	}
	return &Entry{e: e}, nil
}

// Size is about how many bytes the Entry's text and encodings in each
// format hold once all are made in one form (indented or compact), for
// callers that bound how many Entries they keep.
func (en *Entry) Size() int {
	e := &en.e
	n := len(e.id) + len(e.url) + len(e.title) + len(e.summary) + len(e.content) + len(e.source) + len(e.sourceURL) + len(e.language)
	for _, s := range e.authors {
		n += len(s)
	}
	for _, s := range e.tags {
		n += len(s)
	}
	// Three encodings, each with its markup and dates; the compact RSS
	// one mostly shares the body.
	return 3*n + 3*512
}

// encoded returns the entry in format f as it sits among a feed's items:
// compact, or indented for its depth in the feed, starting with the line
// break before it (XML) or at its opening brace (JSON).
func (en *Entry) encoded(f format, compact bool) (encoded, error) {
	x := &en.enc[f][0]
	if compact {
		x = &en.enc[f][1]
	}
	x.once.Do(func() {
		x.enc, x.err = en.encode(f, compact)
		if b := x.enc.head; cap(b) > len(b)+len(b)/8 {
			x.enc.head = bytes.Clone(b) // kept: no room to spare
		}
	})
	return x.enc, x.err
}

func (en *Entry) encode(f format, compact bool) (encoded, error) {
	b, err := en.encodeBytes(f, compact)
	if err != nil || !compact || f != formatRSS {
		return encoded{head: b}, err
	}
	// Most bodies have markup enough to stay in one CDATA section as
	// they are: the encoding then refers to the body, not a copy.
	const open, end = "<content:encoded><![CDATA[", "]]></content:encoded>"
	body := en.e.content
	i := bytes.Index(b, []byte(open))
	if i < 0 {
		return encoded{head: b}, nil
	}
	i += len(open)
	j := i + len(body)
	if j+len(end) > len(b) || string(b[i:j]) != body || string(b[j:j+len(end)]) != end {
		return encoded{head: b}, nil
	}
	// Copies, so that b with its copy of the body can go.
	return encoded{head: bytes.Clone(b[:i]), body: body, tail: bytes.Clone(b[j:])}, nil
}

func (en *Entry) encodeBytes(f format, compact bool) ([]byte, error) {
	if f == formatJSON {
		if compact {
			return encodeJSON(jsonItem(&en.e), "", "")
		}
		return encodeJSON(jsonItem(&en.e), jsonItemPrefix, "  ")
	}
	if !compact {
		return encodeItemXML(f, &en.e)
	}
	if en.e.content == "" {
		return compactItemXML(f, &en.e)
	}
	// The body is most of an entry: it is escaped by compactHTML and
	// compactCDATA, in one pass, rather than encoded and then minified;
	// the rest is encoded and minified with a one-letter stand-in.
	e := en.e
	e.content = contentMark
	b, err := compactItemXML(f, &e)
	if err != nil {
		return nil, err
	}
	open, end := "<content type=\"html\">", "</content>"
	if f == formatRSS {
		open, end = "<content:encoded>", "</content:encoded>"
	}
	i := bytes.Index(b, []byte(open+contentMark+end))
	if i < 0 {
		return compactItemXML(f, &en.e) // never, but a slow right answer beats a fast wrong one
	}
	i += len(open)
	out := make([]byte, 0, len(b)+len(en.e.content)+len(en.e.content)/8)
	out = append(out, b[:i]...)
	if f == formatRSS {
		out = compactCDATA(out, en.e.content)
	} else {
		out = compactHTML(out, en.e.content)
	}
	return append(out, b[i+len(contentMark):]...), nil
}

// contentMark stands in for an entry's body while the rest is encoded
// and minified: one letter, which both leave as it is.
const contentMark = "x"

// encodeItemXML encodes e in format f, indented for its depth in a feed,
// after a line break.
func encodeItemXML(f format, e *entry) ([]byte, error) {
	var v any
	prefix := ""
	switch f {
	case formatRSS:
		v, prefix = rssItemOf(e), "    " // rss > channel > item
	case formatAtom:
		v, prefix = atomEntryOf(e), "  " // feed > entry
	}
	var buf bytes.Buffer
	buf.WriteByte('\n')
	if err := encodeXML(&buf, v, prefix); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// compactItemXML is e in format f as the publisher's minifier makes it.
// The minifier goes token by token and carries over only whether the last
// text ended in a space, which the whitespace between elements always
// sets: an entry minified alone gives the same bytes as in a whole feed.
func compactItemXML(f format, e *entry) ([]byte, error) {
	b, err := encodeItemXML(f, e)
	if err != nil {
		return nil, err
	}
	return minifyXML(b)
}

// compactHTML appends s as the text of an element, as encoding/xml
// escapes it and then the minifier rewrites it: <, > and & as entities,
// quotes as they are, tab and line feed (CR is gone: see cleanText) as
// decimal references, a run of spaces as one, and no space at either end.
func compactHTML(out []byte, s string) []byte {
	start := len(out)
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			space = true
			continue
		}
		if space {
			if len(out) > start {
				out = append(out, ' ')
			}
			space = false
		}
		switch c {
		case '<':
			out = append(out, "&lt;"...)
		case '>':
			out = append(out, "&gt;"...)
		case '&':
			out = append(out, "&amp;"...)
		case '\t':
			out = append(out, "&#9;"...)
		case '\n':
			out = append(out, "&#10;"...)
		case '\r':
			out = append(out, "&#13;"...)
		default:
			out = append(out, c)
		}
	}
	return out
}

// compactCDATA appends s as the content of an element, as encoding/xml
// writes it in CDATA sections (split after each "]]" of a "]]>", which
// no section may hold) and then the minifier rewrites each section: as
// escaped text when that costs no more than the 12 bytes of the CDATA
// markup, else as it is.
func compactCDATA(out []byte, s string) []byte {
	for first := true; ; first = false {
		cut := strings.Index(s, "]]>")
		sec := s
		if cut >= 0 {
			sec = s[:cut+2]
		}
		if !first {
			sec = ">" + sec // the > of the "]]>" that ended the last one
		}
		out = cdataSection(out, sec)
		if cut < 0 {
			return out
		}
		s = s[cut+3:]
	}
}

func cdataSection(out []byte, s string) []byte {
	n := 3*strings.Count(s, "<") + 4*strings.Count(s, "&")
	if n > len("<![CDATA[]]>") {
		out = append(out, "<![CDATA["...)
		out = append(out, s...)
		return append(out, "]]>"...)
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			out = append(out, "&lt;"...)
		case '&':
			out = append(out, "&amp;"...)
		default:
			out = append(out, s[i])
		}
	}
	return out
}

// encodeXML writes v indented as at depth len(prefix)/2 of a document.
func encodeXML(w io.Writer, v any, prefix string) error {
	// An xml.Encoder writes through a bufio.Writer of its own unless
	// given one: lent from xmlWriters, not 4 kB made for each entry of
	// each feed (1.4 GB of a 100,000-article build).
	bw := xmlWriters.Get().(*bufio.Writer)
	bw.Reset(w)
	defer func() {
		bw.Reset(nil)
		xmlWriters.Put(bw)
	}()
	enc := xml.NewEncoder(bw)
	enc.Indent(prefix, "  ")
	if err := enc.Encode(v); err != nil { // Encode flushes
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}

// xmlWriters are the buffered writers encodeXML lends its encoders.
var xmlWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// minifyXML compacts b with the minifier the publisher uses for XML.
func minifyXML(b []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(b))
	// A reader with Bytes is read in place; any other is copied whole
	// first (io.ReadAll).
	if err := (&xmlmin.Minifier{}).Minify(nil, &out, bytes.NewBuffer(b), nil); err != nil {
		return nil, fmt.Errorf("feed: compact: %w", err)
	}
	return out.Bytes(), nil
}

// jsonItemPrefix is the indentation of an item in a feed's items array.
const jsonItemPrefix = "    "

// encodeJSON encodes v without a final newline, indented with prefix and
// indent when indent is set. The feeds are served as
// application/feed+json, never inlined in HTML, so <, > and & need no \u
// escapes.
func encodeJSON(v any, prefix, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, indent)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeXMLFeed writes an XML feed: root v, whose entries are left out and
// spliced in, in their encoded form, just before the closing tags in
// close (as they appear in the indented document, whose compact form is
// the concatenation of its pieces' compact forms). It writes to w in one
// piece so that a failure never leaves half a feed.
func writeXMLFeed(w io.Writer, p *prepared, f format, v any, close string) error {
	var shell bytes.Buffer
	shell.WriteString(xml.Header)
	if err := encodeXML(&shell, v, ""); err != nil {
		return err
	}
	shell.WriteByte('\n')
	doc := shell.Bytes()
	if p.compact {
		var err error
		if doc, err = minifyXML(doc); err != nil {
			return err
		}
		close = string(compactClose(close))
	}
	cut := bytes.LastIndex(doc, []byte(close))
	if cut < 0 {
		return fmt.Errorf("feed: no %q in the encoded feed", close)
	}
	return writeSpliced(w, p, f, doc[:cut], doc[cut:], "")
}

// compactClose is the closing tags of an indented document without the
// whitespace between them.
func compactClose(s string) []byte {
	return bytes.Join(bytes.Fields([]byte(s)), nil)
}

// writeSpliced writes head, the entries' encodings in format f separated
// by sep, and tail, to w in one Write (or, as it cannot fail part-way,
// straight into a bytes.Buffer, saving a copy of the whole feed).
func writeSpliced(w io.Writer, p *prepared, f format, head, tail []byte, sep string) error {
	parts := make([]encoded, len(p.entries))
	n := len(head) + len(tail)
	for i, e := range p.entries {
		x, err := e.encoded(f, p.compact)
		if err != nil {
			return err
		}
		parts[i] = x
		n += x.len() + len(sep)
	}
	var out []byte
	buf, direct := w.(*bytes.Buffer)
	if direct {
		buf.Grow(n)
		out = buf.AvailableBuffer()
	} else {
		out = make([]byte, 0, n)
	}
	out = append(out, head...)
	for i, x := range parts {
		if i > 0 {
			out = append(out, sep...)
		}
		out = append(out, x.head...)
		out = append(out, x.body...)
		out = append(out, x.tail...)
	}
	out = append(out, tail...)
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}
