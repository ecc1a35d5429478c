package eval

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parsePythonAssignment reads a Python source file that assigns one
// literal to a name (NAME = {...}), as trafilatura's evaldata.py does,
// and returns the literal: dicts as map[string]any, lists and tuples as
// []any, strings as string, numbers as float64, True/False as bool and
// None as nil. It reads the literal syntax only (comments, quotes of
// both kinds with their escapes, raw and u prefixes, triple quotes,
// adjacent strings joined, trailing commas) and never runs anything.
// Line ends are read as Python reads a source file: \r\n and \r are \n.
func parsePythonAssignment(src string) (any, error) {
	src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
	p := &pyParser{src: src, line: 1}
	p.space()
	name := p.ident()
	if name == "" {
		return nil, p.errorf("want NAME = literal")
	}
	p.space()
	if !p.eat('=') {
		return nil, p.errorf("want = after %s", name)
	}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.errorf("unexpected text after the literal")
	}
	return v, nil
}

// maxPyDepth bounds the nesting of the literal.
const maxPyDepth = 64

type pyParser struct {
	src  string
	pos  int
	line int
}

func (p *pyParser) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", p.line, fmt.Sprintf(format, args...))
}

// space skips white space, line continuations and comments.
func (p *pyParser) space() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.line++
			p.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			p.pos++
		case c == '\\' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '\n':
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *pyParser) eat(c byte) bool {
	if p.pos < len(p.src) && p.src[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

func (p *pyParser) ident() string {
	start := p.pos
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !(r == '_' || unicode.IsLetter(r) || (p.pos > start && unicode.IsDigit(r))) {
			break
		}
		p.pos += n
	}
	return p.src[start:p.pos]
}

func (p *pyParser) value(depth int) (any, error) {
	if depth > maxPyDepth {
		return nil, p.errorf("nested deeper than %d", maxPyDepth)
	}
	p.space()
	if p.pos >= len(p.src) {
		return nil, p.errorf("unexpected end of file")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		p.pos++
		return p.dict(depth)
	case c == '[' || c == '(':
		p.pos++
		close := byte(']')
		if c == '(' {
			close = ')'
		}
		return p.list(depth, close)
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	}
	if s, ok, err := p.strings(); ok || err != nil {
		return s, err
	}
	switch w := p.ident(); w {
	case "True":
		return true, nil
	case "False":
		return false, nil
	case "None":
		return nil, nil
	case "":
		return nil, p.errorf("unexpected %q", p.src[p.pos:p.pos+1])
	default:
		return nil, p.errorf("%.60s is not a literal", w)
	}
}

func (p *pyParser) dict(depth int) (any, error) {
	m := map[string]any{}
	for {
		p.space()
		if p.eat('}') {
			return m, nil
		}
		line := p.line
		k, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("line %d: a dict key that is not a string", line)
		}
		p.space()
		if !p.eat(':') {
			return nil, p.errorf("want : after key %.60q", key)
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[key] = v // a repeated key keeps its last value, as in Python
		p.space()
		if p.eat('}') {
			return m, nil
		}
		if !p.eat(',') {
			return nil, p.errorf("want , or } after the value of %.60q", key)
		}
	}
}

func (p *pyParser) list(depth int, close byte) (any, error) {
	l := []any{}
	for {
		p.space()
		if p.eat(close) {
			return l, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		l = append(l, v)
		p.space()
		if p.eat(close) {
			return l, nil
		}
		if !p.eat(',') {
			return nil, p.errorf("want , or %c in a list", close)
		}
	}
}

func (p *pyParser) number() (any, error) {
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte("+-.0123456789eE_", p.src[p.pos]) >= 0 {
		p.pos++
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(p.src[start:p.pos], "_", ""), 64)
	if err != nil {
		return nil, p.errorf("bad number %.60q", p.src[start:p.pos])
	}
	return f, nil
}

// strings reads one or more adjacent string literals, joined; ok is false
// when no string starts here.
func (p *pyParser) strings() (string, bool, error) {
	var b strings.Builder
	found := false
	for {
		save, saveLine := p.pos, p.line
		if found {
			p.space()
		}
		s, ok, err := p.str()
		if err != nil {
			return "", true, err
		}
		if !ok {
			p.pos, p.line = save, saveLine
			return b.String(), found, nil
		}
		found = true
		b.WriteString(s)
	}
}

// str reads one string literal with an optional r, u or b prefix.
func (p *pyParser) str() (string, bool, error) {
	i := p.pos
	raw := false
	for i < len(p.src) && i < p.pos+2 && strings.IndexByte("rRuUbB", p.src[i]) >= 0 {
		raw = raw || p.src[i] == 'r' || p.src[i] == 'R'
		i++
	}
	if i >= len(p.src) || (p.src[i] != '\'' && p.src[i] != '"') {
		return "", false, nil
	}
	q := p.src[i : i+1]
	if strings.HasPrefix(p.src[i:], q+q+q) {
		q = q + q + q
	}
	p.pos = i + len(q)
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			return "", true, p.errorf("unterminated string")
		}
		if strings.HasPrefix(p.src[p.pos:], q) {
			p.pos += len(q)
			return b.String(), true, nil
		}
		c := p.src[p.pos]
		switch {
		case c == '\n' && len(q) == 1:
			return "", true, p.errorf("newline in a string")
		case c == '\\' && p.pos+1 < len(p.src):
			if raw {
				b.WriteString(p.src[p.pos : p.pos+2])
				if p.src[p.pos+1] == '\n' {
					p.line++
				}
				p.pos += 2
				continue
			}
			if err := p.escape(&b); err != nil {
				return "", true, err
			}
		default:
			if c == '\n' {
				p.line++
			}
			b.WriteByte(c)
			p.pos++
		}
	}
}

// simpleEscapes are the one-letter escapes of Python's string literals.
var simpleEscapes = map[byte]string{'\\': "\\", '\'': "'", '"': "\"", 'n': "\n", 't': "\t", 'r': "\r", 'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v", '\n': ""}

// escape reads one backslash escape at p.pos.
func (p *pyParser) escape(b *strings.Builder) error {
	c := p.src[p.pos+1]
	p.pos += 2
	if s, ok := simpleEscapes[c]; ok {
		if c == '\n' {
			p.line++
		}
		b.WriteString(s)
		return nil
	}
	if c >= '0' && c <= '7' {
		// An octal escape of up to three digits: "\0", "\012".
		n := rune(c - '0')
		for k := 0; k < 2 && p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '7'; k++ {
			n = n*8 + rune(p.src[p.pos]-'0')
			p.pos++
		}
		b.WriteRune(n)
		return nil
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if digits == 0 {
		// Python keeps an unknown escape as written.
		b.WriteByte('\\')
		b.WriteByte(c)
		return nil
	}
	if p.pos+digits > len(p.src) {
		return p.errorf("short \\%c escape", c)
	}
	n, err := strconv.ParseUint(p.src[p.pos:p.pos+digits], 16, 32)
	if err != nil || n > unicode.MaxRune {
		return p.errorf("bad \\%c escape %q", c, p.src[p.pos:p.pos+digits])
	}
	p.pos += digits
	b.WriteRune(rune(n))
	return nil
}
