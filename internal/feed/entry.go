package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
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
	b    []byte
	err  error
}

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
	n := len(e.id) + len(e.url) + len(e.title) + len(e.summary) + len(e.content) + len(e.source) + len(e.sourceURL)
	for _, s := range e.authors {
		n += len(s)
	}
	for _, s := range e.tags {
		n += len(s)
	}
	// Three encodings, each with its markup and dates.
	return 4*n + 3*512
}

// encoded returns the entry in format f as it sits among a feed's items:
// compact, or indented for its depth in the feed, starting with the line
// break before it (XML) or at its opening brace (JSON).
func (en *Entry) encoded(f format, compact bool) ([]byte, error) {
	x := &en.enc[f][0]
	if compact {
		x = &en.enc[f][1]
	}
	x.once.Do(func() {
		x.b, x.err = en.encode(f, compact)
		if cap(x.b) > len(x.b)+len(x.b)/8 {
			x.b = bytes.Clone(x.b) // kept: no room to spare
		}
	})
	return x.b, x.err
}

func (en *Entry) encode(f format, compact bool) ([]byte, error) {
	if f == formatJSON {
		if compact {
			return encodeJSON(jsonItem(&en.e), "", "")
		}
		return encodeJSON(jsonItem(&en.e), jsonItemPrefix, "  ")
	}
	var v any
	prefix := ""
	switch f {
	case formatRSS:
		v, prefix = rssItemOf(&en.e), "    " // rss > channel > item
	case formatAtom:
		v, prefix = atomEntryOf(&en.e), "  " // feed > entry
	}
	var buf bytes.Buffer
	buf.WriteByte('\n')
	if err := encodeXML(&buf, v, prefix); err != nil {
		return nil, err
	}
	if !compact {
		return buf.Bytes(), nil
	}
	// The minifier goes token by token and forgets all but whether the
	// last text ended in a space, which the whitespace between
	// elements always sets: an entry compacted alone gives the same
	// bytes as it does in the whole feed.
	return minifyXML(buf.Bytes())
}

// encodeXML writes v indented as at depth len(prefix)/2 of a document.
func encodeXML(w io.Writer, v any, prefix string) error {
	enc := xml.NewEncoder(w)
	enc.Indent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}

// minifyXML compacts b with the minifier the publisher uses for XML.
func minifyXML(b []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(b))
	if err := (&xmlmin.Minifier{}).Minify(nil, &out, bytes.NewReader(b), nil); err != nil {
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
	parts := make([][]byte, len(p.entries))
	n := len(head) + len(tail)
	for i, e := range p.entries {
		b, err := e.encoded(f, p.compact)
		if err != nil {
			return err
		}
		parts[i] = b
		n += len(b) + len(sep)
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
	for i, b := range parts {
		if i > 0 {
			out = append(out, sep...)
		}
		out = append(out, b...)
	}
	out = append(out, tail...)
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}
