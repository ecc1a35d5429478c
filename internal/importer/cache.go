package importer

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/thread"
)

// cacheKind names the import cache's payload and its layout; it changes
// whenever what the cache holds changes meaning.
const cacheKind = "digest import cache 4"

// CacheFile is the import cache's one file in Options.CacheDir.
const CacheFile = "import.cache"

// importCache is what one import leaves for the next: the content files
// as parsed, and each article's threading analysis, both by the SHA-256
// of the file's bytes, so that an import of one more article reads,
// parses and analyses only what changed. It is kept in a cache envelope
// (package cache) naming the program and the threading options, and is
// trusted only by the same program with the same options.
type importCache struct {
	// SavedAt is when the cache was written: content files modified
	// well before it are trusted by size and time (content.LoadLazy).
	SavedAt  time.Time
	Memo     content.Memo
	Analyses map[string][]byte // thread.Vocabulary.Encode, by file hash
	Terms    []string          // the vocabulary of the analyses
	// Spilled are more analyses, by file hash, that wait in spill (a
	// batch's new ones: see spill) rather than in memory.
	Spilled map[string]span
	spill   *spill
}

// optionsKey identifies threading options in the cache.
func optionsKey(o thread.Options) string {
	// How a batch is decided changes no analysis.
	o.Batch, o.Linkage, o.PairModel = "", 0, nil
	return fmt.Sprintf("%#v", o)
}

func cacheHeader(opt thread.Options) cache.Header {
	return cache.Header{Kind: cacheKind, Program: cache.Program(), Options: optionsKey(opt)}
}

// loadCache reads the cache, or returns nil when there is none or it is
// torn, corrupt, or from other code or options: a cache is never trusted
// beyond its checksum and its header. The analyses and terms of the
// cache returned share the storage of the file's bytes, which nothing
// writes to.
func loadCache(dir string, opt thread.Options) *importCache {
	if dir == "" {
		return nil
	}
	b, err := cache.Load(filepath.Join(dir, CacheFile), cacheHeader(opt))
	if err != nil {
		return nil
	}
	c, err := decodeCache(b)
	if err != nil {
		return nil
	}
	return c
}

// saveCache writes the cache atomically and streamed (at 100,000
// articles it is hundreds of megabytes, which need not be held twice),
// without fsync: a cache torn by a crash fails its checksum and is
// ignored, and the next import is merely slower.
func saveCache(dir string, opt thread.Options, c *importCache) error {
	if err := cache.Save(filepath.Join(dir, CacheFile), cacheHeader(opt), c.encode); err != nil {
		return fmt.Errorf("importer: %w", err)
	}
	return nil
}

// encode writes the payload: the time, the terms, the memo and the
// analyses, each sorted where it is a map, so that equal caches are
// equal bytes.
func (c *importCache) encode(e *cache.Encoder) {
	e.Int(c.SavedAt.UnixNano())
	e.Uint(uint64(len(c.Terms)))
	for _, t := range c.Terms {
		e.Str(t)
	}
	c.Memo.Encode(e)
	keys := make([]string, 0, len(c.Analyses)+len(c.Spilled))
	for k := range c.Analyses {
		keys = append(keys, k)
	}
	for k := range c.Spilled {
		if _, dup := c.Analyses[k]; !dup {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	e.Uint(uint64(len(keys)))
	var buf []byte
	for _, k := range keys {
		e.Str(k)
		an, ok := c.Analyses[k]
		if !ok {
			// A spilled analysis that cannot be read back is written
			// empty, which decodeCache skips: that article is analysed
			// again by the next import.
			buf = c.spill.read(buf, c.Spilled[k])
			an = buf
		}
		e.Bytes(an)
	}
}

// A spill holds what a batch need not keep in memory in a temporary
// file: the bodies of its articles between recovery and writing, and
// their encoded analyses until the cache is written (at 100,000 articles,
// 500 and 400 MB). It is safe for concurrent use.
type spill struct {
	mu  sync.Mutex
	f   *os.File
	w   *bufio.Writer
	off int64
	err error
}

// span is where one analysis is in a spill.
type span struct{ off, n int64 }

// newSpill makes a spill in dir (created if need be), or returns nil
// when it cannot: the analyses are then kept in memory.
func newSpill(dir string) *spill {
	if dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return nil
	}
	// A spill left by a killed import (where an open file cannot be
	// unlinked, below) goes: one import runs at a time in a site.
	if old, err := filepath.Glob(filepath.Join(dir, spillPrefix+"*")); err == nil {
		for _, name := range old {
			os.Remove(name)
		}
	}
	f, err := os.CreateTemp(dir, spillPrefix+"*")
	if err != nil {
		return nil
	}
	// Unlinked at once where the system allows it (not Windows): the
	// file lives as long as it is open, so even a killed import leaves
	// no gigabyte behind.
	os.Remove(f.Name())
	return &spill{f: f, w: bufio.NewWriterSize(f, 1<<20)}
}

// spillPrefix opens the names of spill files.
const spillPrefix = ".import-spill-"

// add writes b to the spill and says where.
func (s *spill) add(b []byte) span {
	return s.put(len(b), func() error { _, err := s.w.Write(b); return err })
}

// addString is add for a string; the writer copies its bytes into
// its buffer without converting the string first.
func (s *spill) addString(t string) span {
	return s.put(len(t), func() error { _, err := s.w.WriteString(t); return err })
}

// put reserves n bytes at the spill's end, writes them with write and
// says where: add and addString differ only in the writer's method.
func (s *spill) put(n int, write func() error) span {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp := span{s.off, int64(n)}
	if s.err == nil {
		s.err = write()
	}
	s.off += int64(n)
	return sp
}

// read returns the bytes at sp, in buf's storage when it is large
// enough, or nil when they cannot be read.
func (s *spill) read(buf []byte, sp span) []byte {
	if s == nil {
		return nil
	}
	buf = sized(buf, sp.n)
	if err := s.readAt(buf, sp.off); err != nil {
		return nil
	}
	return buf
}

// sized returns buf with length n, in its own storage when that is
// large enough.
func sized(buf []byte, n int64) []byte {
	if int64(cap(buf)) < n {
		return make([]byte, n)
	}
	return buf[:n]
}

// readString returns the string at sp, read through a pooled buffer
// so that the string is the only allocation.
func (s *spill) readString(sp span) (string, error) {
	bp := readBufs.Get().(*[]byte)
	buf := sized(*bp, sp.n)
	err := s.readAt(buf, sp.off)
	str := string(buf)
	if cap(buf) <= maxPooledRead {
		*bp = buf[:0]
		readBufs.Put(bp)
	}
	if err != nil {
		return "", fmt.Errorf("importer: temporary file %s: %w", s.f.Name(), err)
	}
	return str, nil
}

// readBufs holds the buffers readString reads bodies into; one larger
// than maxPooledRead (a rare huge body) is left to the collector rather
// than held for good.
var readBufs = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledRead = 1 << 20

func (s *spill) readAt(buf []byte, off int64) error {
	s.mu.Lock()
	if s.err == nil && s.w.Buffered() > 0 {
		s.err = s.w.Flush()
	}
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return err
	}
	_, err = s.f.ReadAt(buf, off)
	return err
}

// remove deletes the spill's file.
func (s *spill) remove() {
	if s != nil {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}

// decodeCache reads what encode wrote. The terms and analyses share b's
// storage.
func decodeCache(b []byte) (*importCache, error) {
	d := cache.NewDecoder(b)
	c := &importCache{SavedAt: time.Unix(0, d.Int())}
	c.Terms = make([]string, d.Count(1))
	for i := range c.Terms {
		c.Terms[i] = d.SharedStr()
	}
	c.Memo = content.DecodeMemo(d)
	n := d.Count(2)
	c.Analyses = make(map[string][]byte, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		k := d.Str()
		if an := d.Bytes(); len(an) > 0 {
			c.Analyses[k] = an
		}
	}
	if err := d.Done(); err != nil {
		return nil, fmt.Errorf("importer: cache: %w", err)
	}
	return c, nil
}
