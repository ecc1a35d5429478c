package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/news"
	"go.yaml.in/yaml/v3"
)

// articleMeta is an article's front matter as written to disk. Field order
// is the order editors see.
type articleMeta struct {
	ID          string         `yaml:"id"`
	Title       string         `yaml:"title"`
	TitleSource string         `yaml:"title_source,omitempty"`
	Date        string         `yaml:"date"`
	DateSource  string         `yaml:"date_source,omitempty"`
	Source      string         `yaml:"source"`
	URL         string         `yaml:"url,omitempty"`
	Author      string         `yaml:"author,omitempty"`
	Dateline    string         `yaml:"dateline,omitempty"`
	Agency      string         `yaml:"agency,omitempty"`
	Language    string         `yaml:"language,omitempty"`
	Summary     string         `yaml:"summary,omitempty"`
	Thread      string         `yaml:"thread"`
	CopyOf      string         `yaml:"copy_of,omitempty"`
	Tags        []string       `yaml:"tags,omitempty,flow"`
	Related     []news.Related `yaml:"related,omitempty"`
	Origin      string         `yaml:"origin,omitempty"`
	Publish     string         `yaml:"publish,omitempty"`
	Checksum    string         `yaml:"checksum,omitempty"`
}

// checksumLine matches the checksum line the tool writes, so that the
// checksum can be computed over the file with its own value blanked.
var checksumLine = regexp.MustCompile(`(?m)^checksum: [0-9a-f]*\n`)

// Error is a problem in a content file, with the line where known.
type Error struct {
	Path string // file, relative to the content folder
	Line int    // 1-based; 0 when unknown
	Msg  string // what is wrong and how to fix it
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Marshal writes an article as front matter and Markdown body, with a
// checksum of the result so that later imports can tell whether a person
// has edited the file since.
func Marshal(a *news.Article) ([]byte, error) {
	m := articleMeta{
		ID: a.ID, Title: a.Title, TitleSource: a.TitleSource, DateSource: string(a.DateSource), Source: a.Source,
		URL: a.URL, Author: a.Author, Dateline: a.Dateline, Agency: a.Agency,
		Language: a.Language, Summary: a.Summary, Thread: a.Thread, CopyOf: a.CopyOf,
		Tags: a.Tags, Related: a.Related, Origin: a.Origin, Publish: a.Publish,
	}
	if !a.Date.IsZero() {
		m.Date = a.Date.Format(time.RFC3339)
	}
	var buf bytes.Buffer
	buf.Grow(1024 + len(a.Body))
	buf.WriteString("---\n")
	if b, ok := writeFastMeta(buf.AvailableBuffer(), &m); ok {
		buf.Write(b)
	} else if err := encodeMeta(&buf, &m); err != nil {
		return nil, fmt.Errorf("content: %s: %w", a.ID, err)
	}
	buf.WriteString("checksum: \n---\n\n")
	body := strings.TrimSpace(a.Body)
	if body != "" {
		buf.WriteString(body)
		buf.WriteByte('\n')
	}
	sum := checksum(buf.Bytes())
	return bytes.Replace(buf.Bytes(), []byte("checksum: \n"), []byte("checksum: "+sum+"\n"), 1), nil
}

// checksum hashes a file with its checksum line's value blanked.
func checksum(b []byte) string {
	h := sha256.New()
	// Hash the file as if every checksum line were blank: the lines
	// checksumLine matches, found without a regular expression because
	// every build checks every file.
	const key = "checksum: "
	done := 0 // b[:done] is hashed
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte(key))
		if i < 0 {
			break
		}
		i += from
		end := i + len(key)
		from = end
		if i > 0 && b[i-1] != '\n' {
			continue
		}
		j := end
		for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] >= 'a' && b[j] <= 'f') {
			j++
		}
		if j < len(b) && b[j] == '\n' {
			h.Write(b[done:end])
			done, from = j, j
		}
	}
	h.Write(b[done:])
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Unmarshal reads an article file. path is used in errors and kept in
// Article.File. A file whose checksum no longer matches, or that has none,
// is marked Edited: a person owns it now.
func Unmarshal(path string, b []byte) (*news.Article, error) {
	fm, body, fmLine, err := split(b)
	if err != nil {
		return nil, &Error{Path: path, Line: fmLine, Msg: err.Error()}
	}
	m, fast := fastMeta(fm)
	if !fast {
		m, err = decodeMeta(fm)
	}
	if err != nil {
		line, msg := yamlErrorLine(err)
		if line > 0 {
			line += fmLine
		}
		msg = yamlAtLine.ReplaceAllStringFunc(msg, func(m string) string {
			n, _ := strconv.Atoi(m[len("at line "):])
			return "at line " + strconv.Itoa(n+fmLine)
		})
		return nil, &Error{Path: path, Line: line, Msg: "front matter: " + msg}
	}
	a := &news.Article{
		ID: m.ID, Title: strings.TrimSpace(m.Title), TitleSource: m.TitleSource, DateSource: news.DateSource(m.DateSource),
		Source: m.Source, URL: m.URL, Author: m.Author, Dateline: m.Dateline, Agency: m.Agency,
		Language: m.Language, Summary: m.Summary, Thread: m.Thread, CopyOf: m.CopyOf,
		Tags: m.Tags, Related: m.Related, Origin: m.Origin, Body: string(body), File: path, Publish: m.Publish,
	}
	if a.Publish != "" && a.Publish != "full" && a.Publish != "excerpt" {
		return nil, &Error{Path: path, Line: fieldLine(fm, "publish", fmLine), Msg: fmt.Sprintf("front matter: publish %q is not a publish mode; write full or excerpt, or leave it out for the site's", a.Publish)}
	}
	if a.Title == "" {
		return nil, &Error{Path: path, Line: fieldLine(fm, "title", fmLine), Msg: "front matter: title is missing or empty; every article needs a title"}
	}
	if a.ID == "" {
		return nil, &Error{Path: path, Line: fieldLine(fm, "id", fmLine), Msg: "front matter: id is missing; give the article a stable id (letters, digits, '-', '_', ':' or '.')"}
	}
	if m.Date != "" {
		d, err := parseDate(m.Date)
		if err != nil {
			return nil, &Error{Path: path, Line: fieldLine(fm, "date", fmLine), Msg: fmt.Sprintf("front matter: date %q is not a date; write it as RFC 3339, e.g. 2025-07-12T09:30:00Z or 2025-07-12", m.Date)}
		}
		a.Date = d
	}
	a.Edited = m.Checksum == "" || m.Checksum != checksum(b)
	return a, nil
}

// encodeMeta writes m as YAML with yaml.v3, indented by two spaces.
func encodeMeta(w io.Writer, m *articleMeta) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return err
	}
	return enc.Close()
}

// decodeMeta decodes front matter with yaml.v3, refusing unknown keys.
func decodeMeta(fm []byte) (articleMeta, error) {
	var m articleMeta
	dec := yaml.NewDecoder(bytes.NewReader(fm))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return m, err
	}
	return m, nil
}

// parseDate accepts RFC 3339 and, for hand-written dates, a bare day.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02", s)
}

// split cuts a file into front matter and body. fmLine is the line number
// (1-based) of the opening delimiter.
func split(b []byte) (fm, body []byte, fmLine int, err error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(b, []byte("---\n")) && !bytes.HasPrefix(b, []byte("---\r\n")) {
		return nil, nil, 1, errors.New("no front matter: the file must start with a line '---', then YAML fields, then another '---'")
	}
	rest := b[bytes.IndexByte(b, '\n')+1:]
	line := 2
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		var l []byte
		if i < 0 {
			l, rest = rest, nil
		} else {
			l, rest = rest[:i], rest[i+1:]
		}
		if string(bytes.TrimRight(l, "\r \t")) == "---" {
			end := len(b) - len(rest) - len(l) - 1
			if i < 0 {
				end = len(b) - len(l)
			}
			start := bytes.IndexByte(b, '\n') + 1
			if end < start {
				end = start
			}
			return b[start:end], bytes.TrimLeft(rest, "\r\n"), 1, nil
		}
		line++
	}
	return nil, nil, 1, errors.New("front matter never closes: add a line '---' after the last field")
}

var (
	yamlLine   = regexp.MustCompile(`line (\d+): `)
	yamlAtLine = regexp.MustCompile(`at line \d+`) // "already defined at line 1", relative to the front matter
)

// yamlErrorLine finds the first line number in a YAML error, relative to
// the front matter, and the message without the library's prefix.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	msg = strings.ReplaceAll(msg, "\n  ", "; ")
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return 0, msg
	}
	n, _ := strconv.Atoi(m[1])
	msg = strings.Replace(msg, m[0], "", 1)
	// yaml.v3 prints the 0-based line of a parser error (its scanner's
	// are 1-based): "did not find expected ',' or ']'" named the line
	// above the one it is on.
	if strings.HasPrefix(msg, "did not find expected ") {
		n++
	}
	msg = strings.Replace(msg, "in type content.articleMeta", "(known fields: id, title, title_source, date, source, url, author, dateline, agency, language, summary, thread, copy_of, tags, related, origin)", 1)
	return n, msg
}

// fieldLine finds the line of a top-level key in the front matter.
func fieldLine(fm []byte, key string, fmLine int) int {
	for i, l := range strings.Split(string(fm), "\n") {
		if strings.HasPrefix(l, key+":") {
			return fmLine + 1 + i
		}
	}
	return fmLine
}
