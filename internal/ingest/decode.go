package ingest

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/unicode/norm"
)

// Decode turns raw text bytes in any common encoding into clean UTF-8:
// a BOM (UTF-8, UTF-16, UTF-32) decides; else valid UTF-8 is taken as
// UTF-8; else UTF-16 without a BOM is recognised by its NUL bytes; else the
// bytes are read as Windows-1252 (a superset of Latin-1's printable range).
// The result is NFC-normalised, with line endings as "\n" and control
// characters other than tab and newline removed.
func Decode(b []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		s = string(b[3:])
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		out, err := utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", errors.New("is not valid UTF-32 text")
		}
		s = string(out)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", errors.New("is not valid UTF-16 text")
		}
		s = string(out)
	case utf8.Valid(b):
		s = string(b)
	default:
		if e, ok := bomlessUTF16(b); ok {
			out, err := xunicode.UTF16(e, xunicode.IgnoreBOM).NewDecoder().Bytes(b)
			if err == nil {
				s = string(out)
				break
			}
		}
		if looksBinary(b) {
			return "", errors.New("is not text (binary data); import reads text dumps, HTML and JSON")
		}
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			return "", errors.New("is in an unknown text encoding; save it as UTF-8")
		}
		s = string(out)
	}
	// Only the first bytes are looked at: they are not copied whole.
	if looksBinary([]byte(s[:min(len(s), binaryProbe)])) {
		return "", errors.New("is not text (binary data); import reads text dumps, HTML and JSON")
	}
	return Normalize(s), nil
}

// Normalize makes text NFC, turns CRLF and CR into LF, replaces invalid
// UTF-8, and drops control characters (but tab and newline) and the
// invisible format characters scrapers leave behind (BOMs, soft hyphens,
// zero-width spaces, bidi overrides).
func Normalize(s string) string {
	if needsCleaning(s) {
		// Most text needs nothing but NFC: it is not copied three times
		// to find that out.
		s = cleanText(s)
	}
	return norm.NFC.String(s)
}

// cleanText is Normalize but NFC.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(cleanRune, s)
}

// cleanRune is what cleanText makes of r once line ends are LF: a
// no-break space becomes a space, control characters other than tab and
// newline and invisible format characters other than the zero-width
// joiner go (-1), everything else stays.
func cleanRune(r rune) rune {
	switch {
	case r == '\n' || r == '\t':
		return r
	case r == '\u00A0':
		return ' '
	case unicode.IsControl(r):
		return -1
	case unicode.Is(unicode.Cf, r): // ZWSP, soft hyphen, BOM, bidi controls
		if r == '\u200D' { // zero-width joiner builds emoji and scripts
			return r
		}
		return -1
	}
	return r
}

// needsCleaning says whether cleanText would change s: invalid UTF-8,
// or a rune cleanRune changes (a carriage return among them, being a
// control character).
func needsCleaning(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f { // printable ASCII stays
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || cleanRune(r) != r {
			return true
		}
		i += size
	}
	return false
}

// binaryProbe is how many bytes looksBinary looks at.
const binaryProbe = 8192

// bomlessUTF16 recognises UTF-16 text without a BOM by the NULs that ASCII
// characters leave in every other byte.
func bomlessUTF16(b []byte) (xunicode.Endianness, bool) {
	n := min(len(b), 4096) &^ 1
	if n < 4 {
		return xunicode.BigEndian, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd > half*6/10 && even < half/10:
		return xunicode.LittleEndian, true
	case even > half*6/10 && odd < half/10:
		return xunicode.BigEndian, true
	}
	return xunicode.BigEndian, false
}

// looksBinary says whether b is more than a trace of NULs and other
// control bytes: an image, an archive, an executable.
func looksBinary(b []byte) bool {
	n := min(len(b), binaryProbe)
	bad := 0
	for _, c := range b[:n] {
		if c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
			bad++
		}
	}
	return n > 0 && bad*100 > n*10
}
