package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/slug"
	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/errgroup"
)

// The folders of a content directory.
const (
	ArticlesDir = "articles"
	ThreadsDir  = "threads"
)

// MaxFileSize bounds a content file; a larger one is reported, not read.
const MaxFileSize = 8 << 20

// ThreadFile is an editor's curation of one story thread, kept in
// content/threads/<id>.md. Every field is optional.
type ThreadFile struct {
	ID         string `yaml:"-"`
	Headline   string `yaml:"headline,omitempty"`
	Summary    string `yaml:"summary,omitempty"`
	Pinned     bool   `yaml:"pinned,omitempty"`
	Hidden     bool   `yaml:"hidden,omitempty"`
	MergedInto string `yaml:"merged_into,omitempty"`
	Body       string `yaml:"-"` // an editor's note, Markdown
	Path       string `yaml:"-"`
}

// Content is everything read from a content folder.
type Content struct {
	Articles []*news.Article        // sorted by Path
	Threads  map[string]*ThreadFile // by thread id
	Sums     map[string][32]byte    // SHA-256 of each article file, by Path
	Unread   map[string]int         // LoadLazy: articles whose Body was not read → its offset
}

// Load reads every article and thread file under fsys. It reads all of
// them even when some are bad, and returns every problem found (each an
// *Error naming the file and line), so an editor can fix them in one go.
func Load(fsys fs.FS) (*Content, []error) {
	c, _, errs := LoadMemo(fsys, nil)
	return c, errs
}

// Parsed is what LoadMemo remembers of one article file: the article
// without its body and path, and where the body starts in the file.
type Parsed struct {
	Article    news.Article
	BodyOffset int
	// The file's size and modification time (Unix nanoseconds) when it
	// was read, for LoadLazy.
	Size, ModTime int64
}

// Memo remembers parsed article files by the SHA-256 of their bytes (as a
// 32-byte string), so that a build can skip parsing the front matter of
// files it has seen.
type Memo map[string]Parsed

// LoadMemo is Load reusing memo (which may be nil and is not changed): a
// file whose bytes hash to an entry is not parsed again. It returns the
// memo of the files read this time, for the next load, and records each
// article file's hash in Content.Sums. Files are read and parsed on all
// cores; the result does not depend on their order.
func LoadMemo(fsys fs.FS, memo Memo) (*Content, Memo, []error) {
	return loadMemo(fsys, memo, time.Time{}, -1)
}

// LoadLazy is LoadMemo that trusts a file's size and modification time:
// a file whose memo entry has the same path, size and modification time,
// older than trustBefore, is neither read nor hashed (as git trusts its
// index); its article comes without its Body, and Content.Unread gives
// where ReadBody finds it. trustBefore should be a little before the memo
// was made, so that a file changed twice within the file system's clock
// resolution is still read.
func LoadLazy(fsys fs.FS, memo Memo, trustBefore time.Time) (*Content, Memo, []error) {
	return loadMemo(fsys, memo, trustBefore, -1)
}

// LoadLazyBudget is LoadLazy holding at most budget bytes of bodies: an
// article read beyond that comes without its Body too, listed in
// Content.Unread like the trusted ones, so that a large archive's bodies
// are never all in memory at once. Which bodies are held depends on the
// order the files were read in, so a caller must treat a held body and
// one read again with ReadBody alike.
func LoadLazyBudget(fsys fs.FS, memo Memo, trustBefore time.Time, budget int) (*Content, Memo, []error) {
	return loadMemo(fsys, memo, trustBefore, int64(max(budget, 0)))
}

// ReadBody reads the body of an article LoadLazy did not read.
func ReadBody(fsys fs.FS, path string, offset int) (string, error) {
	b, err := readFile(fsys, path)
	if err != nil {
		return "", err
	}
	if offset > len(b) {
		return "", &Error{Path: path, Msg: "changed while the site was being built; build again"}
	}
	return string(b[offset:]), nil
}

// loadMemo is LoadLazy; budget bounds the bytes of bodies held (none
// when negative).
func loadMemo(fsys fs.FS, memo Memo, trustBefore time.Time, budget int64) (*Content, Memo, []error) {
	c := &Content{Threads: map[string]*ThreadFile{}, Sums: map[string][32]byte{}, Unread: map[string]int{}}
	var byPath map[string]string // path → memo key, for trusted stats
	if !trustBefore.IsZero() {
		byPath = make(map[string]string, len(memo))
		for k, m := range memo {
			byPath[m.Article.File] = k
		}
	}
	var errs []error
	paths := mdFiles(fsys, ArticlesDir, &errs)
	type result struct {
		a      *news.Article
		sum    [32]byte
		p      Parsed
		err    error
		unread bool
	}
	results := make([]result, len(paths))
	var held atomic.Int64 // bytes of bodies held, with a budget
	// hold says whether r may keep its body; if not, the body is let go
	// and the article listed as unread.
	hold := func(r *result) {
		if budget < 0 || r.a.Body == "" || held.Add(int64(len(r.a.Body))) <= budget {
			return
		}
		r.a.Body, r.unread = "", true
	}
	forEach(len(paths), func(i int) {
		r := &results[i]
		p := paths[i]
		if k, ok := byPath[p]; ok {
			if st, err := fs.Stat(fsys, p); err == nil {
				m := memo[k]
				if mt := st.ModTime(); st.Size() == m.Size && mt.UnixNano() == m.ModTime && mt.Before(trustBefore) {
					a := m.Article
					a.File = p
					r.a, r.p, r.unread = &a, m, true
					copy(r.sum[:], k)
					return
				}
			}
		}
		b, err := readFile(fsys, p)
		if err != nil {
			r.err = err
			return
		}
		r.sum = sha256.Sum256(b)
		// The time is recorded even on a load that trusts none, so that
		// the next load, after a first build, can trust what this one read.
		var size, mod int64 = int64(len(b)), 0
		if st, err := fs.Stat(fsys, p); err == nil && st.Size() == size {
			mod = st.ModTime().UnixNano()
		}
		if m, ok := memo[string(r.sum[:])]; ok && m.BodyOffset <= len(b) {
			a := m.Article
			a.Body, a.File = string(b[m.BodyOffset:]), p
			m.Size, m.ModTime, m.Article.File = size, mod, p
			r.a, r.p = &a, m
			hold(r)
			return
		}
		a, err := Unmarshal(p, b)
		if err != nil {
			r.err = err
			return
		}
		r.a = a
		r.p = Parsed{Article: *a, BodyOffset: len(b) - len(a.Body), Size: size, ModTime: mod}
		r.p.Article.Body = ""
		hold(r)
	})
	next := make(Memo, len(paths))
	byID := map[string]string{}
	for i, r := range results {
		p := paths[i]
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		a := r.a
		if other, dup := byID[a.ID]; dup {
			errs = append(errs, &Error{Path: p, Msg: fmt.Sprintf("id %q is already used by %s; ids must be unique, change one or delete the duplicate", a.ID, other)})
			continue
		}
		byID[a.ID] = p
		c.Articles = append(c.Articles, a)
		c.Sums[p] = r.sum
		if r.unread {
			c.Unread[p] = r.p.BodyOffset
		}
		next[string(r.sum[:])] = r.p
	}
	for _, p := range mdFiles(fsys, ThreadsDir, &errs) {
		b, err := readFile(fsys, p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t, err := unmarshalThread(p, b)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.Threads[t.ID] = t
	}
	return c, next, errs
}

// forEach runs fn(0..n-1) on all cores.
func forEach(n int, fn func(i int)) {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		g.Go(func() error {
			fn(i)
			return nil
		})
	}
	g.Wait()
}

// mdFiles lists the .md files under dir, sorted. Symbolic links are
// reported and skipped: content must live inside the content folder.
func mdFiles(fsys fs.FS, dir string, errs *[]error) []string {
	var out []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			*errs = append(*errs, &Error{Path: p, Msg: err.Error()})
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			*errs = append(*errs, &Error{Path: p, Msg: "is a symbolic link; content files must be regular files inside the content folder (copy the file in instead)"})
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(path.Base(p), ".") {
			return nil
		}
		if !d.Type().IsRegular() {
			// A named pipe would be waited on for ever, a device read
			// without end.
			*errs = append(*errs, &Error{Path: p, Msg: "is not a regular file (a named pipe, device or socket); content files must be plain files: remove it"})
			return nil
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		*errs = append(*errs, &Error{Path: dir, Msg: err.Error()})
	}
	sort.Strings(out)
	return out
}

func readFile(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, &Error{Path: p, Msg: err.Error()}
	}
	defer f.Close()
	// Read in one go when the size is known: every build reads every file.
	size := 512
	if st, err := f.Stat(); err == nil && st.Size() >= 0 && st.Size() <= MaxFileSize {
		size = int(st.Size()) + 1 // +1 to see the end of file in one read
	}
	b := make([]byte, 0, size)
	r := io.LimitReader(f, MaxFileSize+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow: the file is larger than it said
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{Path: p, Msg: err.Error()}
		}
	}
	if len(b) > MaxFileSize {
		return nil, &Error{Path: p, Msg: fmt.Sprintf("is larger than %d MiB; split it or shorten the body", MaxFileSize>>20)}
	}
	return b, nil
}

func unmarshalThread(p string, b []byte) (*ThreadFile, error) {
	fm, body, fmLine, err := split(b)
	if err != nil {
		return nil, &Error{Path: p, Line: fmLine, Msg: err.Error()}
	}
	t := &ThreadFile{}
	dec := yaml.NewDecoder(bytes.NewReader(fm))
	dec.KnownFields(true)
	if err := dec.Decode(t); err != nil && !errors.Is(err, io.EOF) {
		line, msg := yamlErrorLine(err)
		if line > 0 {
			line += fmLine
		}
		msg = strings.Replace(msg, "in type content.ThreadFile", "(known fields: headline, summary, pinned, hidden, merged_into)", 1)
		return nil, &Error{Path: p, Line: line, Msg: "front matter: " + msg}
	}
	t.ID = strings.TrimSuffix(path.Base(p), ".md")
	t.Body = string(body)
	t.Path = p
	return t, nil
}

// ArticlePath is where a new article is written: a slug of its title and
// a short form of its id, so that two titles that differ only in case or
// accents, or wire copies that share a title, never share a file.
func ArticlePath(a *news.Article) string {
	return ArticlesDir + "/" + slug.WithID(a.Title, ShortID(a.ID), 72) + ".md"
}

// ShortID is the part of an id used in file names and URLs: the id itself
// when it is short and safe, else a hash of it.
func ShortID(id string) string {
	if len(id) <= 16 && slug.Make(id, 0) == id {
		return id
	}
	return Hash(id)
}

// WriteOutcome says what WriteArticle did.
type WriteOutcome int

// The outcomes of writing an article file.
const (
	Created   WriteOutcome = iota // a new file
	Updated                       // the tool's own file, rewritten with new content
	Unchanged                     // the file already had exactly these bytes
	Kept                          // a person edited the file: left alone
)

func (o WriteOutcome) String() string {
	return [...]string{"created", "updated", "unchanged", "kept (edited by hand)"}[o]
}

// WriteArticle writes a to dir/a.Path (ArticlePath(a) when empty),
// atomically. It never overwrites a file a person has edited since the
// tool wrote it.
func WriteArticle(dir string, a *news.Article) (WriteOutcome, error) {
	if a.File == "" {
		a.File = ArticlePath(a)
	}
	full, err := within(dir, a.File)
	if err != nil {
		return 0, err
	}
	b, err := Marshal(a)
	if err != nil {
		return 0, err
	}
	if len(b) > MaxFileSize {
		return 0, fmt.Errorf("content: the article is %d MiB after cleaning, over the %d MiB a content file may hold; split the raw file into articles", len(b)>>20, MaxFileSize>>20)
	}
	outcome := Created
	if old, err := os.ReadFile(full); err == nil {
		if bytes.Equal(old, b) {
			return Unchanged, nil
		}
		prev, perr := Unmarshal(a.File, old)
		if perr != nil || prev.Edited {
			return Kept, nil
		}
		outcome = Updated
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("content: %w", err)
	}
	// Durable: content files are what editors keep.
	if err := cache.WriteFile(full, b, cache.Durable); err != nil {
		return 0, fmt.Errorf("content: %w", err)
	}
	return outcome, nil
}

// within joins dir and a slash-separated relative path, refusing any path
// that would leave dir.
func within(dir, rel string) (string, error) {
	if !fs.ValidPath(rel) || strings.Contains(rel, `\`) {
		return "", fmt.Errorf("content: %q is not a path inside the content folder", rel)
	}
	return filepath.Join(dir, filepath.FromSlash(rel)), nil
}
