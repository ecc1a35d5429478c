package content

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/news"
)

// fastMeta reads front matter in the form Marshal writes it without the
// YAML library, whose decoding was most of the time a build spends
// loading content/: one "key: value" a line, each value plain, single-
// or double-quoted on its own line, the tags a flow list, the related
// teasers a block list of such maps. It answers false on anything else
// (comments, blank lines, other styles, escapes beyond the simplest,
// unknown or repeated keys, characters YAML treats specially), and the
// caller then decodes with yaml.v3, so that what is read and every
// error stay the library's. FuzzFastMeta checks that the two agree
// wherever fastMeta answers.
func fastMeta(fm []byte) (m articleMeta, ok bool) {
	if len(fm) == 0 || !yamlPlainText(fm) {
		return m, false
	}
	var seen uint32
	for len(fm) > 0 {
		var line []byte
		line, fm = cutLine(fm)
		key, val, ok := cutKey(line, "")
		if !ok {
			return m, false
		}
		bit, field := m.field(key)
		if bit == 0 || seen&bit != 0 {
			return m, false
		}
		seen |= bit
		switch key {
		case "related":
			if len(val) != 0 {
				return m, false
			}
			if m.Related, fm, ok = fastRelated(fm); !ok {
				return m, false
			}
		case "tags":
			if m.Tags, ok = flowStrings(val); !ok {
				return m, false
			}
		default:
			if *field, ok = scalar(val); !ok {
				return m, false
			}
		}
	}
	return m, true
}

// field returns the bit that marks key as read and, for a string field,
// where its value goes; bit 0 for a key articleMeta does not have.
func (m *articleMeta) field(key string) (uint32, *string) {
	switch key {
	case "id":
		return 1 << 0, &m.ID
	case "title":
		return 1 << 1, &m.Title
	case "title_source":
		return 1 << 2, &m.TitleSource
	case "date":
		return 1 << 3, &m.Date
	case "date_source":
		return 1 << 4, &m.DateSource
	case "source":
		return 1 << 5, &m.Source
	case "url":
		return 1 << 6, &m.URL
	case "author":
		return 1 << 7, &m.Author
	case "dateline":
		return 1 << 8, &m.Dateline
	case "agency":
		return 1 << 9, &m.Agency
	case "language":
		return 1 << 10, &m.Language
	case "summary":
		return 1 << 11, &m.Summary
	case "thread":
		return 1 << 12, &m.Thread
	case "copy_of":
		return 1 << 13, &m.CopyOf
	case "tags":
		return 1 << 14, nil
	case "related":
		return 1 << 15, nil
	case "origin":
		return 1 << 16, &m.Origin
	case "publish":
		return 1 << 17, &m.Publish
	case "checksum":
		return 1 << 18, &m.Checksum
	}
	return 0, nil
}

// fastRelated reads the items of a related block list from the lines of
// fm, up to the next top-level key, and returns the lines after them.
func fastRelated(fm []byte) ([]news.Related, []byte, bool) {
	var out []news.Related
	var seen uint32
	for len(fm) > 0 && fm[0] == ' ' {
		line, rest := cutLine(fm)
		fm = rest
		var key string
		var val []byte
		var ok bool
		if key, val, ok = cutKey(line, "  - "); ok {
			out = append(out, news.Related{})
			seen = 0
		} else if key, val, ok = cutKey(line, "    "); !ok || len(out) == 0 {
			return nil, nil, false
		}
		r := &out[len(out)-1]
		var bit uint32
		var field *string
		switch key {
		case "source":
			bit, field = 1<<0, &r.Source
		case "title":
			bit, field = 1<<1, &r.Title
		case "snippet":
			bit, field = 1<<2, &r.Snippet
		case "url":
			bit, field = 1<<3, &r.URL
		}
		if bit == 0 || seen&bit != 0 {
			return nil, nil, false
		}
		seen |= bit
		if *field, ok = scalar(val); !ok {
			return nil, nil, false
		}
	}
	return out, fm, true
}

// cutLine cuts b at its first newline.
func cutLine(b []byte) (line, rest []byte) {
	for i, c := range b {
		if c == '\n' {
			return b[:i], b[i+1:]
		}
	}
	return b, nil
}

// cutKey reads "key:" or "key: value" after prefix, key in lower-case
// letters and underscores, the value not starting with a space.
func cutKey(line []byte, prefix string) (string, []byte, bool) {
	if len(line) < len(prefix) || string(line[:len(prefix)]) != prefix {
		return "", nil, false
	}
	line = line[len(prefix):]
	i := 0
	for i < len(line) && (line[i] >= 'a' && line[i] <= 'z' || line[i] == '_') {
		i++
	}
	if i == 0 || i == len(line) || line[i] != ':' {
		return "", nil, false
	}
	key, val := line[:i], line[i+1:]
	if len(val) == 0 {
		return string(key), nil, true
	}
	if len(val) < 2 || val[0] != ' ' || val[1] == ' ' {
		return "", nil, false
	}
	return string(key), val[1:], true
}

// scalar reads a value: empty (null), plain, or quoted on its line.
func scalar(v []byte) (string, bool) {
	if len(v) == 0 {
		return "", true // null: the field keeps its zero value
	}
	switch v[0] {
	case '"':
		return doubleQuoted(v)
	case '\'':
		return singleQuoted(v)
	}
	if !plainScalar(v, false) {
		return "", false
	}
	switch string(v) {
	case "~", "null", "Null", "NULL":
		return "", true
	}
	return string(v), true
}

// plainScalar says whether v is a plain scalar that YAML reads as
// written: no indicator first, no ": ", " #" or final ':' (and none of
// ",[]{}" inside a flow list).
func plainScalar(v []byte, flow bool) bool {
	switch v[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '<', '=':
		return false
	}
	if v[len(v)-1] == ' ' || v[len(v)-1] == ':' {
		return false
	}
	for i, c := range v {
		switch c {
		case ':':
			if v[i+1] == ' ' || flow {
				return false
			}
		case '#':
			if v[i-1] == ' ' {
				return false
			}
		case ',', '[', ']', '{', '}':
			if flow {
				return false
			}
		}
	}
	return true
}

// doubleQuoted reads "…" that closes at the end of v, with the escapes
// \\ \" \n \t \uXXXX \UXXXXXXXX only.
func doubleQuoted(v []byte) (string, bool) {
	var b []byte
	for i := 1; i < len(v); i++ {
		switch c := v[i]; c {
		case '"':
			if i != len(v)-1 {
				return "", false
			}
			if b == nil {
				return string(v[1:i]), true
			}
			return string(b), true
		case '\\':
			if b == nil {
				b = append(make([]byte, 0, len(v)), v[1:i]...)
			}
			if i++; i == len(v) {
				return "", false
			}
			switch v[i] {
			case '\\', '"':
				b = append(b, v[i])
			case 'n':
				b = append(b, '\n')
			case 't':
				b = append(b, '\t')
			case 'u', 'U':
				// yaml.v3 writes a character beyond the Basic
				// Multilingual Plane (an emoji) as \U0001F680.
				n := 4
				if v[i] == 'U' {
					n = 8
				}
				if i+n >= len(v) {
					return "", false
				}
				r, err := strconv.ParseUint(string(v[i+1:i+1+n]), 16, 32)
				if err != nil || r >= 0xd800 && r <= 0xdfff || r > unicode.MaxRune {
					return "", false
				}
				b = utf8.AppendRune(b, rune(r))
				i += n
			default:
				return "", false
			}
		default:
			if b != nil {
				b = append(b, c)
			}
		}
	}
	return "", false
}

// singleQuoted reads '…' that closes at the end of v, two single quotes
// standing for one.
func singleQuoted(v []byte) (string, bool) {
	var b []byte
	for i := 1; i < len(v); i++ {
		if v[i] != '\'' {
			if b != nil {
				b = append(b, v[i])
			}
			continue
		}
		if i+1 < len(v) && v[i+1] == '\'' {
			if b == nil {
				b = append(make([]byte, 0, len(v)), v[1:i]...)
			}
			b = append(b, '\'')
			i++
			continue
		}
		if i != len(v)-1 {
			return "", false
		}
		if b == nil {
			return string(v[1:i]), true
		}
		return string(b), true
	}
	return "", false
}

// flowStrings reads a flow list of strings, "[a, 'b c', \"d\"]", each
// item plain or quoted and not null.
func flowStrings(v []byte) ([]string, bool) {
	if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
		return nil, false
	}
	v = v[1 : len(v)-1]
	out := []string{}
	for len(v) > 0 {
		end := 0
		switch v[0] {
		case '"', '\'':
			// The item ends at its closing quote: the first one not
			// doubled ('') or escaped (\").
			end = 1
			for end < len(v) {
				c := v[end]
				if c == '\\' && v[0] == '"' {
					end += 2
					continue
				}
				if c == v[0] {
					if v[0] == '\'' && end+1 < len(v) && v[end+1] == '\'' {
						end += 2
						continue
					}
					end++
					break
				}
				end++
			}
			if end > len(v) {
				return nil, false
			}
		default:
			for end < len(v) && v[end] != ',' {
				end++
			}
			if end == 0 || !plainScalar(v[:end], true) {
				return nil, false
			}
			switch string(v[:end]) {
			case "~", "null", "Null", "NULL":
				return nil, false
			}
		}
		s, ok := scalar(v[:end])
		if !ok {
			return nil, false
		}
		out = append(out, s)
		v = v[end:]
		if len(v) > 0 {
			if len(v) < 3 || v[0] != ',' || v[1] != ' ' || v[2] == ' ' {
				return nil, false
			}
			v = v[2:]
		}
	}
	return out, true
}

// yamlPlainText says whether b holds only characters YAML reads as
// themselves: printable ones and newlines, no tab, no carriage return,
// no byte-order mark and none of the Unicode line breaks.
func yamlPlainText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += n
	}
	return true
}

// writeFastMeta appends m to b as yaml.v3 (indent 2) encodes it, for
// front matter whose every value is in a style the function can tell:
// plain, single-quoted or, for an empty value or an RFC 3339 date, double-
// quoted. It answers false, having appended nothing, for any other value
// (line breaks, tabs, characters YAML escapes, values that might read as
// numbers or booleans), and Marshal then encodes with yaml.v3.
// FuzzWriteFastMeta holds its bytes to yaml.v3's.
func writeFastMeta(b []byte, m *articleMeta) ([]byte, bool) {
	start := len(b)
	ok := true
	// entry writes one "key: value" line after indent, unless the value
	// is empty and may be left out; it reports whether it wrote.
	entry := func(indent, key, v string, always bool) bool {
		if !ok || v == "" && !always {
			return false
		}
		b = append(append(append(b, indent...), key...), ": "...)
		b, ok = appendYAMLString(b, v, false)
		b = append(b, '\n')
		return true
	}
	field := func(key, v string, always bool) { entry("", key, v, always) }
	field("id", m.ID, true)
	field("title", m.Title, true)
	field("title_source", m.TitleSource, false)
	field("date", m.Date, true)
	field("date_source", m.DateSource, false)
	field("source", m.Source, true)
	field("url", m.URL, false)
	field("author", m.Author, false)
	field("dateline", m.Dateline, false)
	field("agency", m.Agency, false)
	field("language", m.Language, false)
	field("summary", m.Summary, false)
	field("thread", m.Thread, true)
	field("copy_of", m.CopyOf, false)
	if ok && len(m.Tags) > 0 {
		b = append(b, "tags: ["...)
		for i, t := range m.Tags {
			if i > 0 {
				b = append(b, ", "...)
			}
			if b, ok = appendYAMLString(b, t, true); !ok {
				break
			}
		}
		b = append(b, "]\n"...)
	}
	if ok && len(m.Related) > 0 {
		b = append(b, "related:\n"...)
		for _, r := range m.Related {
			// The item's first line opens it with "- ", the others align.
			indent := "  - "
			item := func(key, v string, always bool) {
				if entry(indent, key, v, always) {
					indent = "    "
				}
			}
			item("source", r.Source, false)
			item("title", r.Title, true)
			item("snippet", r.Snippet, false)
			item("url", r.URL, false)
		}
	}
	field("origin", m.Origin, false)
	field("publish", m.Publish, false)
	field("checksum", m.Checksum, false)
	if !ok {
		return b[:start], false
	}
	return b, true
}

// appendYAMLString appends s in the style yaml.v3 gives it, in a flow
// list or not, when that style is one the function can tell.
func appendYAMLString(b []byte, s string, flow bool) ([]byte, bool) {
	reads := yamlReads(s)
	blockPlain, flowPlain, ok := yamlPlainAllowed(s)
	if reads == readsUnknown || !ok {
		return b, false
	}
	if reads == readsOther {
		// yaml.v3 double-quotes a string that would read as another
		// type (a number, a date, the empty string), escaping only
		// what yamlPlainAllowed lets through of its escapes.
		b = append(b, '"')
		for i := 0; i < len(s); i++ {
			if s[i] == '"' || s[i] == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, '"'), true
	}
	if flow && flowPlain || !flow && blockPlain {
		return append(b, s...), true
	}
	b = append(b, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			b = append(b, '\'')
		}
		b = append(b, s[i])
	}
	return append(b, '\''), true
}

// What a plain scalar reads as, by yaml.v3's rules.
const (
	readsUnknown = iota // not worked out here
	readsString
	readsOther // a number, boolean, null or date
)

// yamlReads says what s, written plain, reads as.
func yamlReads(s string) int {
	if s == "" {
		return readsOther // null
	}
	c := s[0]
	switch {
	case c >= 0x80:
		return readsString
	case c == '+' || c == '-' || c == '.' || c == '~' || c == '<':
		return readsUnknown // a signed number, a float, null, YAML's merge key
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL",
			// YAML 1.1's booleans, which yaml.v3 quotes for other readers.
			"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
			return readsOther
		}
		return readsString
	case c >= '0' && c <= '9':
		if len(s) >= 5 && s[4] == '-' && isDigits(s[:4]) {
			if isYAMLTimestamp(s) {
				return readsOther
			}
			return readsUnknown // a date yaml.v3 might still read
		}
		if strings.IndexByte(s, ':') >= 0 {
			return readsUnknown // a sexagesimal number, perhaps
		}
		plain := strings.ReplaceAll(s, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return readsOther
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return readsOther
		}
		if yamlFloat.MatchString(plain) || strings.HasPrefix(plain, "0b") || strings.HasPrefix(plain, "0o") {
			return readsUnknown
		}
		return readsString
	}
	return readsString // no other first character makes yaml.v3 read a number, boolean or null
}

// yamlFloat is YAML 1.2's pattern of a float, which yaml.v3 reads as one.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// isYAMLTimestamp says whether s is an RFC 3339 time as Marshal writes
// dates, which yaml.v3 reads as a timestamp.
func isYAMLTimestamp(s string) bool {
	if len(s) < 20 || !isDigits(s[:4]) || s[4] != '-' {
		return false
	}
	t, err := time.Parse(time.RFC3339, s)
	return err == nil && t.Format(time.RFC3339) == s
}

// yamlPlainAllowed says whether yaml.v3's emitter writes s, a string,
// plain in a block and in a flow list; ok is false when s holds what
// the function does not handle (line breaks, tabs, characters it
// escapes), for which the emitter would choose double quotes.
func yamlPlainAllowed(s string) (block, flow, ok bool) {
	if !utf8.ValidString(s) {
		return false, false, false
	}
	if s == "" {
		return false, false, true
	}
	block, flow = true, true
	if len(s) >= 3 && (s[:3] == "---" || s[:3] == "...") {
		block, flow = false, false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		block, flow = false, false
	}
	for i, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe {
			// Control characters, YAML's line breaks, the byte-order
			// mark and characters beyond the emitter's printable ones.
			return false, false, false
		}
		next := i+1 >= len(s) || s[i+1] == ' '
		if i == 0 {
			switch r {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				block, flow = false, false
			case '?', ':':
				flow = false
				if next {
					block = false
				}
			case '-':
				if next {
					block, flow = false, false
				}
			}
			continue
		}
		switch r {
		case ',', '?', '[', ']', '{', '}':
			flow = false
		case ':':
			flow = false
			if next {
				block = false
			}
		case '#':
			if s[i-1] == ' ' {
				block, flow = false, false
			}
		}
	}
	return block, flow, true
}
