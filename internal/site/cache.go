package site

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/thread"
)

// cacheVersion changes whenever what the cache holds changes meaning.
const cacheVersion = "digest build cache 3"

// cacheFile is the build cache's one file in Options.CacheDir.
const cacheFile = "build.gob"

// key identifies the inputs of one output file.
type key [20]byte

// buildCache is what one build leaves for the next: parsed content files
// by hash and thread descriptions by their inputs.
type buildCache struct {
	Version  string
	Program  [32]byte               // hash of the executable: new code renders anew
	memo     content.Memo           // kept in memoShards files of its own (saveMemo), not in the gob
	Describe map[string]thread.Meta // by describeKey, as a string
	// SavedAt is when the cache was written: content files modified
	// well before it are trusted by size and time (content.LoadLazy).
	SavedAt time.Time
	// Shards are the SHA-256 sums of the memo's shard files as this
	// cache wrote them: a shard that does not match is not trusted.
	Shards [memoShards][32]byte
}

// memoShards is how many files the memo is kept in, by the first byte of
// each file's hash: adding or editing an article rewrites one of them,
// not the memo of the whole archive.
const memoShards = 16

func shardOf(k string) int { return int(k[0]) % memoShards }

func shardFile(i int) string { return fmt.Sprintf("memo-%02d.gob", i) }

// loadMemo reads the memo's shards, all or nothing.
func loadMemo(dir string, sums [memoShards][32]byte) content.Memo {
	parts := make([]content.Memo, memoShards)
	ok := make([]bool, memoShards)
	var wg sync.WaitGroup
	for i := range memoShards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := os.ReadFile(filepath.Join(dir, shardFile(i)))
			if err != nil || sha256.Sum256(b) != sums[i] {
				return
			}
			ok[i] = gob.NewDecoder(bytes.NewReader(b)).Decode(&parts[i]) == nil
		}()
	}
	wg.Wait()
	memo := content.Memo{}
	for i, p := range parts {
		if !ok[i] {
			return content.Memo{}
		}
		for k, v := range p {
			if shardOf(k) != i {
				return content.Memo{}
			}
			memo[k] = v
		}
	}
	return memo
}

// saveMemo writes the shards of next that differ from old's, and records
// every shard's sum in c. They are written before the cache file that
// names their sums, so a build killed between the two leaves shards that
// do not match and are ignored.
func saveMemo(dir string, c *buildCache, old *buildCache, next content.Memo) error {
	parts := make([]content.Memo, memoShards)
	for i := range parts {
		parts[i] = content.Memo{}
	}
	for k, v := range next {
		parts[shardOf(k)][k] = v
	}
	same := func(i int) bool {
		n := 0
		for k, o := range old.memo {
			if shardOf(k) != i {
				continue
			}
			n++
			v, ok := parts[i][k]
			if !ok || v.Article.Path != o.Article.Path || v.Size != o.Size || v.ModTime != o.ModTime || v.BodyOffset != o.BodyOffset {
				return false
			}
		}
		return n == len(parts[i])
	}
	errs := make([]error, memoShards)
	var wg sync.WaitGroup
	for i := range memoShards {
		if len(old.memo) > 0 && same(i) {
			c.Shards[i] = old.Shards[i]
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(parts[i]); err != nil {
				errs[i] = err
				return
			}
			c.Shards[i] = sha256.Sum256(buf.Bytes())
			errs[i] = writeFile(dir, shardFile(i), buf.Bytes())
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// folder identifies a folder as it was when a build left it: renaming
// or replacing it changes its change time.
type folder struct {
	Dev, Ino       uint64
	Ctime, CtimeNs int64
}

// output is what the cache knows of one output file: the key of its
// inputs (zero for pages rendered every time) and its sitemap entry.
type output struct {
	Key     key
	Loc     string // sitemap URL; "" when not in the sitemap
	Lastmod int64  // Unix nanoseconds; 0 when unknown
}

// tree is what an output folder holds: every file it has.
type tree struct {
	Folder  folder
	Outputs map[string]output
}

// trees are the states of the published folder and of the spare.
type trees struct {
	Version string
	Program [32]byte
	Trees   []tree
}

// GobEncode writes the trees compactly: gob would spell each key out
// byte by byte, and a large site has tens of thousands of files.
func (t *trees) GobEncode() ([]byte, error) {
	size := 64
	for _, tr := range t.Trees {
		size += 32 + 192*len(tr.Outputs) // a path, a key, a URL
	}
	b := make([]byte, 0, size)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(t.Version)
	b = append(b, t.Program[:]...)
	b = binary.AppendUvarint(b, uint64(len(t.Trees)))
	for _, tr := range t.Trees {
		f := tr.Folder
		b = binary.AppendUvarint(b, f.Dev)
		b = binary.AppendUvarint(b, f.Ino)
		b = binary.AppendVarint(b, f.Ctime)
		b = binary.AppendVarint(b, f.CtimeNs)
		b = binary.AppendUvarint(b, uint64(len(tr.Outputs)))
		for p, o := range tr.Outputs {
			str(p)
			b = append(b, o.Key[:]...)
			str(o.Loc)
			b = binary.AppendVarint(b, o.Lastmod)
		}
	}
	return b, nil
}

// GobDecode reads what GobEncode wrote.
func (t *trees) GobDecode(b []byte) error {
	bad := errors.New("build cache: trees: corrupt")
	uv := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			b = nil
			return 0
		}
		b = b[n:]
		return v
	}
	sv := func() int64 {
		v, n := binary.Varint(b)
		if n <= 0 {
			b = nil
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() (string, bool) {
		n := uv()
		if uint64(len(b)) < n {
			return "", false
		}
		s := string(b[:n])
		b = b[n:]
		return s, true
	}
	fixed := func(dst []byte) bool {
		if len(b) < len(dst) {
			return false
		}
		copy(dst, b)
		b = b[len(dst):]
		return true
	}
	var ok bool
	if t.Version, ok = str(); !ok || !fixed(t.Program[:]) {
		return bad
	}
	n := uv()
	for range min(n, 16) {
		tr := tree{Folder: folder{Dev: uv(), Ino: uv(), Ctime: sv(), CtimeNs: sv()}}
		m := uv()
		tr.Outputs = make(map[string]output, min(m, 1<<20))
		for range m {
			p, ok := str()
			if !ok {
				return bad
			}
			var o output
			if !fixed(o.Key[:]) {
				return bad
			}
			if o.Loc, ok = str(); !ok {
				return bad
			}
			o.Lastmod = sv()
			tr.Outputs[p] = o
		}
		if b == nil {
			return bad
		}
		t.Trees = append(t.Trees, tr)
	}
	return nil
}

const treesFile = "trees.bin"

// loadCache reads the cache in dir; a missing, unreadable or stale cache
// is an empty one, never an error: the cache only saves time.
func loadCache(dir string, program [32]byte) *buildCache {
	c := &buildCache{}
	if dir == "" || readGob(filepath.Join(dir, cacheFile), c) != nil || c.Version != cacheVersion || c.Program != program {
		return &buildCache{}
	}
	c.memo = loadMemo(dir, c.Shards)
	return c
}

func loadTrees(dir string, program [32]byte) *trees {
	t := &trees{}
	b, err := os.ReadFile(filepath.Join(dir, treesFile))
	if dir == "" || err != nil || t.GobDecode(b) != nil || t.Version != cacheVersion || t.Program != program {
		return &trees{Version: cacheVersion, Program: program}
	}
	return t
}

// find returns the outputs of the folder at p, if they are known.
func (t *trees) find(p string) map[string]output {
	id, ok := folderID(p)
	if !ok {
		return nil
	}
	for _, tr := range t.Trees {
		if tr.Folder == id {
			return tr.Outputs
		}
	}
	return nil
}

// forget drops the state of the folder at p.
func (t *trees) forget(p string) {
	id, ok := folderID(p)
	if !ok {
		return
	}
	kept := t.Trees[:0]
	for _, tr := range t.Trees {
		if tr.Folder != id {
			kept = append(kept, tr)
		}
	}
	t.Trees = kept
}

// writeTrees writes the trees in their own compact encoding, atomically.
func writeTrees(dir string, t *trees) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	b, err := t.GobEncode()
	if err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	return writeFile(dir, treesFile, b)
}

func readGob(name string, v any) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	return gob.NewDecoder(bytes.NewReader(b)).Decode(v)
}

// writeGob writes v atomically, without fsync: a cache torn by a crash
// fails to decode and is ignored, and the next build is merely slower.
func writeGob(dir, name string, v any) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	return writeFile(dir, name, buf.Bytes())
}

// writeFile writes b to dir/name atomically.
func writeFile(dir, name string, b []byte) error {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("build cache: %w", werr)
	}
	return nil
}

// folderID is a folder's identity and change time.
func folderID(p string) (folder, bool) {
	st, err := os.Lstat(p)
	if err != nil || !st.IsDir() {
		return folder{}, false
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return folder{}, false
	}
	return folder{Dev: uint64(sys.Dev), Ino: sys.Ino, Ctime: sys.Ctim.Sec, CtimeNs: sys.Ctim.Nsec}, true
}

// programHash identifies the running program, so that a cache written by
// other code (whose pages or descriptions may differ) is not trusted.
var programHash = sync.OnceValue(func() [32]byte {
	exe, err := os.Executable()
	if err != nil {
		return [32]byte{}
	}
	// The Go build ID names the program's inputs and contents as the go
	// command computed them: as good as a hash of the file, without
	// reading tens of megabytes on every build.
	if id := goBuildID(exe); id != "" {
		return sha256.Sum256([]byte("go build id\x00" + id))
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		return [32]byte{}
	}
	return sha256.Sum256(b)
})

// goBuildID reads the Go build ID from an ELF executable's
// .note.go.buildid section; "" when there is none.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	d, err := s.Data()
	if err != nil || len(d) < 16 {
		return ""
	}
	// An ELF note: name size, description size, type, then the name
	// ("Go\x00", padded to 4 bytes) and the description, the ID.
	namesz, descsz, typ := f.ByteOrder.Uint32(d), f.ByteOrder.Uint32(d[4:]), f.ByteOrder.Uint32(d[8:])
	if namesz != 4 || typ != 4 || string(d[12:15]) != "Go\x00" || uint64(len(d)) < 16+uint64(descsz) {
		return ""
	}
	return string(d[16 : 16+descsz])
}

// hasher builds keys from fields; each is length-prefixed so that no two
// sequences of fields hash alike.
type hasher struct {
	buf []byte
}

func (h *hasher) str(s string) *hasher {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(s)))
	h.buf = append(h.buf, s...)
	return h
}

func (h *hasher) bytes(b []byte) *hasher {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(b)))
	h.buf = append(h.buf, b...)
	return h
}

func (h *hasher) int(n int) *hasher {
	h.buf = binary.AppendVarint(h.buf, int64(n))
	return h
}

func (h *hasher) time(t time.Time) *hasher {
	b, _ := t.MarshalBinary()
	return h.bytes(b)
}

func (h *hasher) bool(v bool) *hasher {
	if v {
		return h.int(1)
	}
	return h.int(0)
}

func (h *hasher) sum() key {
	s := sha256.Sum256(h.buf)
	var k key
	copy(k[:], s[:])
	return k
}

// fsKey hashes every file of a folder, names and bytes, in sorted order.
func fsKey(h *hasher, fsys fs.FS) error {
	if fsys == nil {
		h.str("<none>")
		return nil
	}
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	sort.Strings(files)
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		s := sha256.Sum256(b)
		h.str(p).bytes(s[:])
	}
	return nil
}

// digests are the keys of the model's objects, from which each page's
// and feed's key is made. What a page shows of an object must be in the
// object's digest: an article's full digest is its content file's bytes
// (every field and the body), its short one the front matter that lists
// show (title, date, outlet, summary …, not the body); a story's card
// covers its own fields and its articles' short digests, its full digest
// adds its note, tags and related stories' cards. A layout that shows
// more of an object in a list must add it here; the incremental build
// test compares with a full build on the default theme.
type digests struct {
	global  key
	article map[*Article]key // the article alone, body and all
	short   map[*Article]key // what lists show of it: front matter, no body
	card    map[*Thread]key  // what a list of stories shows of one
	thread  map[*Thread]key  // everything a story's pages show
}

func newDigests(global key, m *Model, sums map[string][32]byte) *digests {
	d := &digests{global: global, article: map[*Article]key{}, short: map[*Article]key{}, card: map[*Thread]key{}, thread: map[*Thread]key{}}
	for _, a := range m.Articles {
		h := &hasher{}
		h.str(a.ID).str(a.Title).str(a.TitleSource).time(a.Date).str(a.Slug).str(a.Path).str(a.Outlet).str(a.Source).str(a.URL).str(a.Author)
		h.str(a.Dateline).str(a.Agency).str(a.Language).str(a.Summary).str(a.CopyOf).str(string(a.DateSource))
		for _, t := range a.Topics {
			h.str(t.Name).str(t.Path)
		}
		d.short[a] = h.sum()
		s := sums[a.Article.Path]
		short := d.short[a]
		d.article[a] = (&hasher{}).str(a.Article.Path).bytes(s[:]).bytes(short[:]).sum()
	}
	for _, t := range m.Threads {
		h := &hasher{}
		h.str(t.ID).str(t.Path).str(t.Headline).str(t.Summary).bool(t.Pinned).time(t.First).time(t.Latest)
		h.int(len(t.Articles)).int(len(t.Originals)).int(len(t.Outlets))
		for _, o := range t.Outlets {
			h.str(o)
		}
		for _, a := range t.Articles {
			k := d.short[a]
			h.bytes(k[:])
			if a.Original != nil {
				h.str(a.Original.ID)
			}
		}
		d.card[t] = h.sum()
	}
	for _, t := range m.Threads {
		h := &hasher{}
		c := d.card[t]
		h.bytes(c[:]).str(string(t.Note))
		for _, tag := range t.Tags {
			h.str(tag.Name).str(tag.Path)
		}
		h.str("related")
		for _, r := range t.Related {
			rc := d.card[r]
			h.bytes(rc[:])
		}
		d.thread[t] = h.sum()
	}
	return d
}

// page is the key of a page, or false for pages that list the whole site
// (indexes, archive) and are always rendered. The key covers what the
// page's structured data (Page.ld) is made from, so that a reused page's
// JSON-LD is never computed.
func (d *digests) page(p *Page) (key, bool) {
	h := &hasher{}
	h.bytes(d.global[:]).str(p.Kind).str(p.Path).str(p.Title).str(p.Description).str(p.Heading).bool(p.NoIndex)
	for _, f := range p.Feeds {
		h.str(f.URL)
	}
	for _, f := range p.Follow {
		h.str(f.URL)
	}
	switch p.Kind {
	case "article":
		return d.articlePage(p.Article), true
	case "thread":
		t := d.thread[p.Thread]
		h.bytes(t[:])
	case "term":
		d.term(h, p.Threads, p.Listed)
		h.str(p.Term.Name).str(p.Term.Slug).str(p.Term.Kind)
		if p.Pager == nil || p.Pager.Page == 0 {
			// The list's own page counts its stories and articles; its
			// sealed pages show neither and stay as they are.
			h.int(len(p.Term.Threads)).int(len(p.Term.Articles))
		}
	case "day":
		d.term(h, nil, p.Listed)
		if p.Pager == nil || p.Pager.Page == 0 {
			h.int(len(p.Articles))
		}
	case "home":
		d.term(h, p.Threads, nil)
		for _, day := range p.Days {
			h.str(day.Path).time(day.Date).int(len(day.Articles))
		}
	default:
		return key{}, false
	}
	if p.Pager != nil {
		h.int(p.Pager.Page).int(p.Pager.Pages).str(p.Pager.Path).str(p.Pager.Prev).str(p.Pager.Next).str(p.Pager.Items)
	}
	return h.sum(), true
}

// articlePage is the key of an article's page: what it shows comes from
// the article, its story and the site, so the key can be known before the
// page is assembled.
func (d *digests) articlePage(a *Article) key {
	h := &hasher{}
	ak, tk := d.article[a], d.thread[a.Thread]
	h.bytes(d.global[:]).str("article").bytes(ak[:]).bytes(tk[:])
	return h.sum()
}

// term hashes a list of stories and articles as list pages show them.
func (d *digests) term(h *hasher, threads []*Thread, articles []*Article) {
	h.int(len(threads))
	for _, t := range threads {
		c := d.card[t]
		h.bytes(c[:])
	}
	h.int(len(articles))
	for _, a := range articles {
		k := d.short[a]
		h.bytes(k[:]).str(a.Thread.Path).str(a.Thread.Headline)
		// The list folds each article's copies under it, and they may
		// come from outlets and days the list does not show.
		h.int(len(a.Copies))
		for _, c := range a.Copies {
			ck := d.short[c]
			h.bytes(ck[:])
		}
	}
}

// feed is the key of one scope's feeds.
func (d *digests) feed(dir, title, description, scope string, items []*Article) key {
	h := &hasher{}
	h.bytes(d.global[:]).str("feed").str(dir).str(title).str(description).str(scope)
	for _, a := range items {
		k := d.article[a]
		h.bytes(k[:]).str(a.Thread.Headline)
		for _, t := range a.Thread.Tags {
			h.str(t.Name)
		}
	}
	return h.sum()
}

// describeKey identifies what thread.Describe reads of a thread.
func describeKey(t *Thread, sums map[string][32]byte) key {
	h := &hasher{}
	h.str(t.ID)
	for _, a := range t.Articles {
		s := sums[a.Article.Path]
		h.str(a.ID).str(a.Title).bytes(s[:]).str(a.Outlet).time(a.Date)
	}
	return h.sum()
}
