package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/thread"
)

// cacheVersion changes whenever what the cache holds changes meaning.
const cacheVersion = "digest import cache 3"

// CacheFile is the import cache's one file in Options.CacheDir.
const CacheFile = "import.cache"

// importCache is what one import leaves for the next: the content files
// as parsed, and each article's threading analysis, both by the SHA-256
// of the file's bytes, so that an import of one more article reads,
// parses and analyses only what changed.
type importCache struct {
	Version string
	Program [32]byte // hash of the executable: new code analyses anew
	Options string   // the threading options the analyses were made with
	// SavedAt is when the cache was written: content files modified
	// well before it are trusted by size and time (content.LoadLazy).
	SavedAt  time.Time
	Memo     content.Memo
	Analyses map[string][]byte // thread.Vocabulary.Encode, by file hash
	Terms    []string          // the vocabulary of the analyses
}

// optionsKey identifies threading options in the cache.
func optionsKey(o thread.Options) string {
	return fmt.Sprintf("%#v", o)
}

// programHash identifies the running program, so that a cache written by
// other code (whose analyses may differ) is not trusted. It hashes the
// executable's identity and change time rather than its tens of
// megabytes: building or copying a program over it changes both, and the
// change time cannot be set back.
var programHash = sync.OnceValue(func() [32]byte {
	exe, err := os.Executable()
	if err != nil {
		return [32]byte{}
	}
	st, err := os.Stat(exe)
	if err != nil {
		return [32]byte{}
	}
	id := fmt.Sprintf("%s\x00%d\x00%d", exe, st.Size(), st.ModTime().UnixNano())
	id += fileIdentity(st)
	return sha256.Sum256([]byte(id))
})

// loadCache reads the cache, or returns nil when there is none or it is
// torn, corrupt, or from other code or options: a cache is never trusted
// beyond its checksum and its keys. The analyses of the cache returned
// share the storage of the file's bytes, which nothing writes to.
func loadCache(dir string, opt thread.Options) *importCache {
	if dir == "" {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, CacheFile))
	if err != nil || len(b) < 4 {
		return nil
	}
	body, sum := b[:len(b)-4], b[len(b)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(sum) {
		return nil
	}
	c, err := decodeCache(body)
	if err != nil || c.Version != cacheVersion || c.Program != programHash() || c.Options != optionsKey(opt) {
		return nil
	}
	return c
}

// castagnoli checksums the cache: a torn or damaged file fails it (the
// cache guards against accidents, not adversaries, and CRC-32C runs in
// hardware, where a cryptographic hash of tens of megabytes took longer
// than the rest of loading).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// saveCache writes the cache atomically, without fsync: a cache torn by
// a crash fails its checksum and is ignored, and the next import is merely
// slower.
func saveCache(dir string, c *importCache) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("importer: cache: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+CacheFile+".tmp-*")
	if err != nil {
		return fmt.Errorf("importer: cache: %w", err)
	}
	// Streamed: at 100,000 articles the cache is hundreds of megabytes,
	// which need not be held twice.
	werr := writeCache(tmp, c)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), filepath.Join(dir, CacheFile))
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("importer: cache: %w", werr)
	}
	return nil
}

// encodeCache writes the cache in a plain length-prefixed layout: gob
// spent more time copying tens of megabytes of analyses than the import of
// one article takes. Entries are sorted by key, so equal caches are equal
// bytes.
func encodeCache(c *importCache) []byte {
	var buf bytes.Buffer
	writeCache(&buf, c)
	b := buf.Bytes()
	return b[:len(b)-4] // without the checksum
}

// writeCache writes the cache and its checksum to w.
func writeCache(w io.Writer, c *importCache) error {
	keys := make([]string, 0, len(c.Memo)+len(c.Analyses))
	for k := range c.Memo {
		keys = append(keys, k)
	}
	for k := range c.Analyses {
		if _, ok := c.Memo[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	e := enc{b: make([]byte, 0, 2*flushAt), w: w}
	e.str(c.Version)
	e.b = append(e.b, c.Program[:]...)
	e.str(c.Options)
	e.int(c.SavedAt.UnixNano())
	e.uint(uint64(len(c.Terms)))
	for _, t := range c.Terms {
		e.str(t)
		e.flush(false)
	}
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		if m, ok := c.Memo[k]; ok {
			e.uint(1)
			e.parsed(&m)
		} else {
			e.uint(0)
		}
		e.bytes(c.Analyses[k])
		e.flush(false)
	}
	e.flush(true)
	return e.err
}

// flushAt is how many encoded bytes are gathered before they are written.
const flushAt = 256 << 10

// decodeCache reads what encodeCache wrote. The analyses share b's
// storage.
func decodeCache(b []byte) (*importCache, error) {
	d := dec{b: b}
	c := &importCache{Version: d.str()}
	if c.Version != cacheVersion {
		return nil, errCorrupt
	}
	copy(c.Program[:], d.take(len(c.Program)))
	c.Options = d.str()
	c.SavedAt = time.Unix(0, d.int())
	// The terms share b's storage, as the analyses do.
	c.Terms = make([]string, d.count(1))
	for i := range c.Terms {
		if p := d.bytes(); len(p) > 0 {
			c.Terms[i] = unsafe.String(&p[0], len(p))
		}
	}
	n := d.count(sha256.Size)
	c.Memo = make(content.Memo, n)
	c.Analyses = make(map[string][]byte, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		if d.uint() == 1 {
			c.Memo[k] = d.parsed()
		}
		if an := d.bytes(); len(an) > 0 {
			c.Analyses[k] = an
		}
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCorrupt
	}
	return c, nil
}

var errCorrupt = errors.New("importer: cache: corrupt")

// articleFields is how many fields of news.Article the cache's layout
// knows: a field added to the type must be added to it (a test checks).
const articleFields = 20

// enc encodes into b, and writes b to w, with a running checksum, as it
// fills up; the first write error stays in err.
type enc struct {
	b   []byte
	w   io.Writer
	crc uint32
	err error
}

// flush writes what is gathered once there is enough of it, or all of it
// and the checksum at the end.
func (e *enc) flush(end bool) {
	if len(e.b) < flushAt && !end {
		return
	}
	e.crc = crc32.Update(e.crc, castagnoli, e.b)
	if end {
		e.b = binary.LittleEndian.AppendUint32(e.b, e.crc)
	}
	if e.err == nil {
		_, e.err = e.w.Write(e.b)
	}
	e.b = e.b[:0]
}

func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *enc) bytes(p []byte) {
	e.uint(uint64(len(p)))
	e.b = append(e.b, p...)
}
func (e *enc) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

func (e *enc) parsed(p *content.Parsed) {
	a := &p.Article
	for _, s := range []string{a.ID, a.Title, a.TitleSource, string(a.DateSource), a.Source, a.URL, a.Author, a.Dateline, a.Agency, a.Language, a.Summary, a.Origin, a.Thread, a.CopyOf, a.Body, a.Path} {
		e.str(s)
	}
	t, _ := a.Date.MarshalBinary() // fails only for offsets no date here has
	e.bytes(t)
	e.bool(a.Tags != nil)
	e.uint(uint64(len(a.Tags)))
	for _, t := range a.Tags {
		e.str(t)
	}
	e.bool(a.Related != nil)
	e.uint(uint64(len(a.Related)))
	for _, r := range a.Related {
		e.str(r.Source)
		e.str(r.Title)
		e.str(r.Snippet)
		e.str(r.URL)
	}
	e.bool(a.Edited)
	e.int(int64(p.BodyOffset))
	e.int(p.Size)
	e.int(p.ModTime)
}

// dec reads what enc wrote; after the first error every read returns
// zero values and err stays set.
type dec struct {
	b   []byte
	err error
}

func (d *dec) fail() {
	d.err, d.b = errCorrupt, nil
}

func (d *dec) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of items of at least size bytes each.
func (d *dec) count(size int) int {
	n := d.uint()
	if n > uint64(len(d.b)/size) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *dec) take(n int) []byte {
	if n > len(d.b) {
		d.fail()
		return nil
	}
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}

func (d *dec) bytes() []byte { return d.take(d.count(1)) }
func (d *dec) str() string   { return string(d.bytes()) }
func (d *dec) bool() bool    { return d.uint() == 1 }

func (d *dec) parsed() content.Parsed {
	var p content.Parsed
	a := &p.Article
	for _, s := range []*string{&a.ID, &a.Title, &a.TitleSource, (*string)(&a.DateSource), &a.Source, &a.URL, &a.Author, &a.Dateline, &a.Agency, &a.Language, &a.Summary, &a.Origin, &a.Thread, &a.CopyOf, &a.Body, &a.Path} {
		*s = d.str()
	}
	if err := a.Date.UnmarshalBinary(d.bytes()); err != nil {
		d.fail()
	}
	if d.bool() {
		a.Tags = make([]string, d.count(1))
	} else if d.count(1) != 0 {
		d.fail()
	}
	for i := range a.Tags {
		a.Tags[i] = d.str()
	}
	if d.bool() {
		a.Related = make([]news.Related, d.count(4))
	} else if d.count(4) != 0 {
		d.fail()
	}
	for i := range a.Related {
		r := &a.Related[i]
		r.Source, r.Title, r.Snippet, r.URL = d.str(), d.str(), d.str(), d.str()
	}
	a.Edited = d.bool()
	p.BodyOffset = int(d.int())
	p.Size = d.int()
	p.ModTime = d.int()
	if p.BodyOffset < 0 || p.Size < 0 {
		d.fail()
	}
	return p
}
