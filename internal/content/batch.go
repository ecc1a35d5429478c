package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/news"
)

// WriteArticles writes many articles as WriteArticle does, on all cores,
// with one flush to disk for the whole batch instead of one per file:
// each file is written under a temporary name, the file system is synced
// once, and only then are the files renamed into place, so a crash leaves
// every file either as it was or whole. Two articles bound for one path
// are written one after the other, in order. outcomes[i] and errs[i] are
// article i's.
func WriteArticles(dir string, as []*news.Article) (outcomes []WriteOutcome, errs []error) {
	outcomes, _, errs = WriteArticlesMemo(dir, as)
	return outcomes, errs
}

// Written is what a batch write knows of an article's file afterwards,
// for a caller that keeps a Memo between runs.
type Written struct {
	// OK is true when the file now holds exactly the article's bytes
	// (created, updated or unchanged) and Sum and Parsed describe it.
	OK  bool
	Sum [32]byte // SHA-256 of the file's bytes
	// Parsed is what LoadMemo would remember of the file. HasParsed is
	// false when the article holds text whose trip through YAML is not
	// plainly exact (such a file is simply parsed when next loaded).
	Parsed    Parsed
	HasParsed bool
}

// WriteArticlesMemo is WriteArticles that also reports, for each article,
// the hash and the parsed form of the file written, so that the next
// LoadLazy or LoadMemo need not read or parse it again.
func WriteArticlesMemo(dir string, as []*news.Article) (outcomes []WriteOutcome, written []Written, errs []error) {
	b := NewBatch(dir)
	b.Write(as)
	return b.Commit()
}

// A Batch is WriteArticlesMemo a part at a time: Write makes the files of
// some articles under temporary names, and Commit flushes the file system
// once and renames them all into place, so a crash leaves every file
// either as it was or whole, as WriteArticles does. A caller holding many
// articles may so let each part go as soon as it is written (the bytes
// wait on disk, not in memory). Two articles bound for one path are
// written one after the other, in order: the files staged before the
// second are committed first. A Batch is not safe for concurrent use.
type Batch struct {
	dir      string
	made     map[string]error // folders created, and how it went
	seen     map[string]bool  // paths staged and not yet committed
	outcomes []WriteOutcome
	written  []Written
	errs     []error
	tmps     []*cache.File // of the articles in the order written; nil where none
	fulls    []string
	from     int // the first article not yet committed
}

// NewBatch returns an empty batch of article files under dir.
func NewBatch(dir string) *Batch {
	return &Batch{dir: dir, made: map[string]error{}, seen: map[string]bool{}}
}

// Write stages the files of as (on all cores), after those of the
// earlier calls; a's File is set when empty. Nothing is in place until
// Commit. Write keeps no reference to the articles' bodies.
func (b *Batch) Write(as []*news.Article) {
	for len(as) > 0 {
		n := 0
		for ; n < len(as); n++ {
			a := as[n]
			if a.File == "" {
				a.File = ArticlePath(a)
			}
			if b.seen[a.File] {
				break
			}
			b.seen[a.File] = true
		}
		if n == 0 {
			// as[0] is bound for a path staged before: that file goes in
			// place first, and as[0] is compared with it, as if the two
			// were written one after the other.
			b.commit()
			continue
		}
		b.stage(as[:n])
		as = as[n:]
	}
}

// stage writes the temporary files of as, whose paths are all new to the
// batch.
func (b *Batch) stage(as []*news.Article) {
	base := len(b.outcomes)
	n := base + len(as)
	b.outcomes = append(b.outcomes, make([]WriteOutcome, len(as))...)
	b.written = append(b.written, make([]Written, len(as))...)
	b.errs = append(b.errs, make([]error, len(as))...)
	b.tmps = append(b.tmps, make([]*cache.File, len(as))...)
	b.fulls = append(b.fulls, make([]string, len(as))...)
	// The folders first, once each: a batch mostly shares one.
	for _, a := range as {
		if full, err := within(b.dir, a.File); err == nil {
			d := filepath.Dir(full)
			if _, ok := b.made[d]; !ok {
				b.made[d] = os.MkdirAll(d, 0o755)
			}
		}
	}
	outcomes, written, errs, tmps, fulls := b.outcomes[base:n], b.written[base:n], b.errs[base:n], b.tmps[base:n], b.fulls[base:n]
	// Files are made into bytes on all cores, but created by one
	// goroutine: creating files in one folder from several only makes
	// them wait on the folder's lock, at twice the CPU.
	bufs := make([][]byte, len(as))
	queue := make(chan int, 64)
	var writer sync.WaitGroup
	writer.Add(1)
	go func() {
		defer writer.Done()
		for i := range queue {
			var mod int64
			tmps[i], mod, errs[i] = writeTemp(fulls[i], bufs[i])
			bufs[i] = nil
			if errs[i] != nil {
				written[i] = Written{}
			} else {
				written[i].Parsed.ModTime = mod
			}
		}
	}()
	forEach(len(as), func(i int) {
		fulls[i], bufs[i], outcomes[i], written[i], errs[i] = stage(b.dir, as[i], b.made)
		if bufs[i] != nil {
			queue <- i
		}
	})
	close(queue)
	writer.Wait()
}

// commit flushes and renames into place the files staged since the last
// commit.
func (b *Batch) commit() {
	tmps := b.tmps[b.from:]
	var staged []string
	for _, t := range tmps {
		if t != nil {
			staged = append(staged, t.TempPath())
		}
	}
	if err := syncFiles(b.dir, staged); err != nil {
		for i, t := range tmps {
			if t != nil {
				t.Abort()
				b.errs[b.from+i] = fmt.Errorf("content: write %s: %w", b.fulls[b.from+i], err)
				b.written[b.from+i] = Written{}
			}
		}
	} else {
		for i, t := range tmps {
			if t == nil {
				continue
			}
			// Flushed above, all at once: Commit only renames.
			if err := t.Commit(cache.Volatile); err != nil {
				b.errs[b.from+i] = fmt.Errorf("content: %w", err)
				b.written[b.from+i] = Written{}
			}
		}
	}
	clear(tmps)
	b.from = len(b.tmps)
	clear(b.seen)
}

// Commit puts every file staged in place, with one flush to disk, and
// returns what became of each article written, in the order written.
func (b *Batch) Commit() (outcomes []WriteOutcome, written []Written, errs []error) {
	b.commit()
	return b.outcomes, b.written, b.errs
}

// Abort gives up the files not yet committed: their temporary files are
// removed.
func (b *Batch) Abort() {
	for _, t := range b.tmps[b.from:] {
		if t != nil {
			t.Abort()
		}
	}
	clear(b.tmps)
	b.from = len(b.tmps)
}

// stage makes a's new file, or decides that nothing is to be written:
// it returns the bytes to write (nil when none) for writeTemp.
// made holds the outcome of creating each folder, which the caller did
// (it is only read here).
func stage(dir string, a *news.Article, made map[string]error) (full string, b []byte, outcome WriteOutcome, w Written, err error) {
	full, err = within(dir, a.File)
	if err != nil {
		return "", nil, 0, w, err
	}
	b, err = Marshal(a)
	if err != nil {
		return "", nil, 0, w, err
	}
	if len(b) > MaxFileSize {
		return "", nil, 0, w, fmt.Errorf("content: the article is %d MiB after cleaning, over the %d MiB a content file may hold; split the raw file into articles", len(b)>>20, MaxFileSize>>20)
	}
	outcome = Created
	if old, err := os.ReadFile(full); err == nil {
		if bytes.Equal(old, b) {
			w = written(a, b)
			if st, err := os.Stat(full); err == nil && st.Size() == int64(len(b)) {
				w.Parsed.ModTime = st.ModTime().UnixNano()
			}
			return full, nil, Unchanged, w, nil
		}
		prev, perr := Unmarshal(a.File, old)
		if perr != nil || prev.Edited {
			return full, nil, Kept, w, nil
		}
		outcome = Updated
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", nil, 0, w, fmt.Errorf("content: %w", err)
	}
	if err := made[filepath.Dir(full)]; err != nil {
		return "", nil, 0, w, fmt.Errorf("content: %w", err)
	}
	return full, b, outcome, written(a, b), nil
}

// writeTemp writes b under a temporary name beside full, closed but
// not yet synced nor in place, and returns it and the file's modification
// time, which the rename into place keeps.
func writeTemp(full string, b []byte) (tmp *cache.File, mod int64, err error) {
	f, err := cache.Create(full)
	if err != nil {
		return nil, 0, fmt.Errorf("content: %w", err)
	}
	_, werr := f.Write(b)
	if werr == nil {
		if st, err := f.Stat(); err == nil && st.Size() == int64(len(b)) {
			mod = st.ModTime().UnixNano()
		}
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		f.Abort()
		return nil, 0, fmt.Errorf("content: write %s: %w", full, werr)
	}
	return f, mod, nil
}

// written describes the file b that Marshal made of a: its hash and, when
// every field plainly survives YAML, the article Unmarshal would read
// back (without its body), so that no one need parse it again.
func written(a *news.Article, b []byte) Written {
	w := Written{OK: true, Sum: sha256.Sum256(b), Parsed: Parsed{Size: int64(len(b))}}
	_, body, _, err := split(b)
	if err != nil || !plainTrip(a) {
		return w
	}
	p := news.Article{
		ID: a.ID, Title: strings.TrimSpace(a.Title), TitleSource: a.TitleSource, DateSource: a.DateSource,
		Source: a.Source, URL: a.URL, Author: a.Author, Dateline: a.Dateline, Agency: a.Agency,
		Language: a.Language, Summary: a.Summary, Thread: a.Thread, CopyOf: a.CopyOf,
		Tags: a.Tags, Related: a.Related, Origin: a.Origin, Publish: a.Publish,
	}
	if len(p.Tags) == 0 {
		p.Tags = nil
	}
	if len(p.Related) == 0 {
		p.Related = nil
	}
	if !a.Date.IsZero() {
		d, err := parseDate(a.Date.Format(time.RFC3339))
		if err != nil {
			return w
		}
		p.Date = d
	}
	if p.Title == "" || p.ID == "" {
		return w // Unmarshal refuses such a file
	}
	w.Parsed.Article = p
	w.Parsed.BodyOffset = len(b) - len(body)
	w.HasParsed = true
	return w
}

// plainTrip says whether every text field of a is printable UTF-8 without
// edge spaces or line breaks (the summary and the related teasers may
// hold inner line breaks), the kind of text YAML gives back exactly.
func plainTrip(a *news.Article) bool {
	ok := func(s string, lines bool) bool {
		if s != strings.TrimSpace(s) || !utf8.ValidString(s) {
			return false
		}
		for _, r := range s {
			if r == '\n' && lines {
				continue
			}
			if !unicode.IsPrint(r) && r != ' ' {
				return false
			}
		}
		return true
	}
	for _, s := range []string{a.ID, a.TitleSource, string(a.DateSource), a.Source, a.URL, a.Author, a.Dateline, a.Agency, a.Language, a.Thread, a.CopyOf, a.Origin} {
		if !ok(s, false) {
			return false
		}
	}
	if !ok(a.Summary, true) || !ok(strings.TrimSpace(a.Title), false) {
		return false
	}
	for _, t := range a.Tags {
		if t == "" || !ok(t, false) {
			return false
		}
	}
	for _, r := range a.Related {
		if !ok(r.Source, false) || !ok(r.Title, false) || !ok(r.Snippet, true) || !ok(r.URL, false) {
			return false
		}
	}
	return true
}

func fsyncEach(files []string) error {
	for _, name := range files {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
