// Package ingest reads raw scraped files — plain-text dumps, HTML pages and
// JSON records — from files and folders, decodes their text to clean UTF-8
// and bounds their size. It is the first stage of import: what it returns
// is raw material for the cleaner, the extractor and the metadata stage.
package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Kind is the kind of a raw item.
type Kind int

// The kinds of raw input.
const (
	TextDump Kind = iota // a page's visible text, one block a line
	HTMLPage             // an HTML page as fetched
	Record               // one structured record from a JSON or JSON Lines file
)

func (k Kind) String() string { return [...]string{"text", "html", "record"}[k] }

// Item is one raw article to import.
type Item struct {
	Origin  string    // the file it came from, as given or found under a folder
	Line    int       // line of a JSON Lines record (or of a record in a JSON array)
	Kind    Kind      // how to read it
	Text    string    // TextDump: the decoded, normalised text
	HTML    []byte    // HTMLPage: the page bytes (charset decoded by the extractor)
	Rec     *Rec      // Record: the record, text fields normalised
	ModTime time.Time // the file's modification time, the date of last resort
}

// Options bounds the work.
type Options struct {
	MaxFileSize int64 // bytes; 0 means 32 MiB
}

// Error is a raw file that cannot be imported.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// KindOf tells a raw file's kind by its name; ok is false for files import
// does not read.
func KindOf(name string) (k Kind, ok bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return TextDump, true
	case ".html", ".htm", ".xhtml":
		return HTMLPage, true
	case ".jsonl", ".ndjson", ".json":
		return Record, true
	}
	return 0, false
}

// Files expands paths — files or folders, walked recursively — into the raw
// files to import, sorted and without duplicates. A folder's files of
// unknown kind and hidden files are skipped; a file named explicitly with
// an unknown kind is an error. Symbolic links inside folders are not
// followed, so a folder cannot pull in files from elsewhere.
func Files(paths []string) ([]string, []error) {
	seen := map[string]bool{}
	var out []string
	var errs []error
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			errs = append(errs, &Error{Path: root, Msg: "cannot read: " + unwrapPathError(err)})
			continue
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				errs = append(errs, &Error{Path: root, Msg: notRegular})
				continue
			}
			if _, ok := KindOf(root); !ok {
				errs = append(errs, &Error{Path: root, Msg: "unknown kind of file; import reads .txt dumps, .html/.htm pages and .json/.jsonl records"})
				continue
			}
			add(root)
			continue
		}
		werr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &Error{Path: p, Msg: "cannot read: " + unwrapPathError(err)})
				return nil
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				errs = append(errs, &Error{Path: p, Msg: "is a symbolic link; skipped so that import never reads outside the folder given (name the target itself to import it)"})
				return nil
			}
			if d.Type().IsRegular() {
				if _, ok := KindOf(name); ok {
					add(p)
				}
			}
			return nil
		})
		if werr != nil {
			errs = append(errs, &Error{Path: root, Msg: werr.Error()})
		}
	}
	sort.Strings(out)
	return out, errs
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// notRegular reports a named pipe, device or socket given to import.
const notRegular = "is not a regular file (a named pipe, device or socket); import reads files only"

// ReadFile reads one raw file into items. A JSON file yields one item per
// record; its bad records come back as errors beside the good items.
func ReadFile(path string, opt Options) ([]Item, []error) {
	max := opt.MaxFileSize
	if max <= 0 {
		max = 32 << 20
	}
	kind, ok := KindOf(path)
	if !ok {
		return nil, []error{&Error{Path: path, Msg: "unknown kind of file; import reads .txt, .html/.htm, .json and .jsonl"}}
	}
	// Asked before opening: opening a named pipe waits for a writer.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, []error{&Error{Path: path, Msg: notRegular}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{&Error{Path: path, Msg: "cannot read: " + unwrapPathError(err)}}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, []error{&Error{Path: path, Msg: "cannot read: " + unwrapPathError(err)}}
	}
	if !st.Mode().IsRegular() {
		return nil, []error{&Error{Path: path, Msg: notRegular}}
	}
	b, err := readAll(io.LimitReader(f, max+1), min(st.Size(), max)+1)
	if err != nil {
		return nil, []error{&Error{Path: path, Msg: "cannot read: " + unwrapPathError(err)}}
	}
	if int64(len(b)) > max {
		return nil, []error{&Error{Path: path, Msg: fmt.Sprintf("is larger than the limit of %d bytes; split it, or raise import.max_file_size in digest.toml", max)}}
	}
	return Parse(path, kind, b, st.ModTime().UTC())
}

// readAll is io.ReadAll starting with room for size bytes: a file's size
// is known, and growing the buffer from 512 bytes copied it many times.
func readAll(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// Parse turns the bytes of one raw file into items.
func Parse(path string, kind Kind, b []byte, mod time.Time) ([]Item, []error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, []error{&Error{Path: path, Msg: "is empty; nothing to import"}}
	}
	switch kind {
	case HTMLPage:
		if looksBinary(b) {
			return nil, []error{&Error{Path: path, Msg: "is not text (binary data); import reads HTML pages saved as text"}}
		}
		return []Item{{Origin: path, Kind: HTMLPage, HTML: b, ModTime: mod}}, nil
	case Record:
		text, err := Decode(b)
		if err != nil {
			return nil, []error{&Error{Path: path, Msg: err.Error()}}
		}
		recs, errs := ParseRecords(path, text)
		items := make([]Item, 0, len(recs))
		for _, r := range recs {
			items = append(items, Item{Origin: path, Line: r.Line, Kind: Record, Rec: r, ModTime: mod})
		}
		return items, errs
	default:
		text, err := Decode(b)
		if err != nil {
			return nil, []error{&Error{Path: path, Msg: err.Error()}}
		}
		return []Item{{Origin: path, Kind: TextDump, Text: text, ModTime: mod}}, nil
	}
}
