package site

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/thread"
	"golang.org/x/sync/errgroup"
)

// cacheKind names the build cache's files and their layout; it changes
// whenever what they hold changes meaning.
const cacheKind = "digest build cache 4"

// The build cache's files in Options.CacheDir: the record, the memo's
// shards (shardFile) and the output trees.
const (
	cacheFile = "build.cache"
	treesFile = "trees.cache"
)

// cacheHeader is the envelope of the build cache's files (package cache):
// they are trusted only by the program that wrote them.
func cacheHeader() cache.Header {
	return cache.Header{Kind: cacheKind, Program: cache.Program()}
}

// key identifies the inputs of one output file.
type key [20]byte

// buildCache is what one build leaves for the next: parsed content files
// by hash and thread descriptions by their inputs.
type buildCache struct {
	memo     content.Memo           // kept in memoShards files of its own (saveMemo)
	Describe map[string]thread.Meta // by describeKey, as a string
	// SavedAt is when the cache was written: content files modified
	// well before it are trusted by size and time (content.LoadLazy).
	SavedAt time.Time
	// Shards are the SHA-256 sums of the memo's shard files as this
	// cache wrote them: a shard that does not match (one a build killed
	// part-way wrote for a record it never saved) is not trusted.
	Shards [memoShards][32]byte
}

// encode writes the record: the time, the shards' sums and the
// descriptions, sorted by key.
func (c *buildCache) encode(e *cache.Encoder) {
	e.Int(c.SavedAt.UnixNano())
	for _, s := range c.Shards {
		e.Raw(s[:])
	}
	keys := make([]string, 0, len(c.Describe))
	for k := range c.Describe {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.Uint(uint64(len(keys)))
	strs := func(ss []string) {
		e.Bool(ss != nil)
		e.Uint(uint64(len(ss)))
		for _, s := range ss {
			e.Str(s)
		}
	}
	for _, k := range keys {
		m := c.Describe[k]
		e.Str(k)
		e.Str(m.Headline)
		e.Str(m.Summary)
		strs(m.Tags)
		strs(m.Outlets)
		e.Time(m.First)
		e.Time(m.Latest)
	}
}

// decodeBuildCache reads what encode wrote.
func decodeBuildCache(b []byte) (*buildCache, error) {
	d := cache.NewDecoder(b)
	c := &buildCache{SavedAt: time.Unix(0, d.Int())}
	for i := range c.Shards {
		copy(c.Shards[i][:], d.Raw(32))
	}
	strs := func() []string {
		if !d.Bool() {
			if d.Count(1) != 0 {
				d.Fail()
			}
			return nil
		}
		ss := make([]string, d.Count(1))
		for i := range ss {
			ss[i] = d.Str()
		}
		return ss
	}
	n := d.Count(8)
	c.Describe = make(map[string]thread.Meta, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		k := d.Str()
		c.Describe[k] = thread.Meta{Headline: d.Str(), Summary: d.Str(), Tags: strs(), Outlets: strs(), First: d.Time(), Latest: d.Time()}
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	return c, nil
}

// memoShards is how many files the memo is kept in, by the first byte of
// each file's hash: adding or editing an article rewrites one of them,
// not the memo of the whole archive.
const memoShards = 16

func shardOf(k string) int { return int(k[0]) % memoShards }

func shardFile(i int) string { return fmt.Sprintf("memo-%02d.cache", i) }

// loadMemo reads the memo's shards, all or nothing.
func loadMemo(dir string, sums [memoShards][32]byte) content.Memo {
	parts := make([]content.Memo, memoShards)
	var g errgroup.Group
	for i := range memoShards {
		g.Go(func() error {
			b, err := os.ReadFile(filepath.Join(dir, shardFile(i)))
			if err != nil {
				return err
			}
			if sha256.Sum256(b) != sums[i] {
				return cache.ErrStale
			}
			p, err := cache.Open(b, cacheHeader())
			if err != nil {
				return err
			}
			d := cache.NewDecoder(p)
			parts[i] = content.DecodeMemo(d)
			return d.Done()
		})
	}
	if g.Wait() != nil {
		return content.Memo{}
	}
	memo := content.Memo{}
	for i, p := range parts {
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
// every shard's sum in c. They are written before the record that names
// their sums, so a build killed between the two leaves shards that do
// not match and are ignored.
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
			if !ok || v.Article.File != o.Article.File || v.Size != o.Size || v.ModTime != o.ModTime || v.BodyOffset != o.BodyOffset {
				return false
			}
		}
		return n == len(parts[i])
	}
	var g errgroup.Group
	for i := range memoShards {
		if len(old.memo) > 0 && same(i) {
			c.Shards[i] = old.Shards[i]
			continue
		}
		g.Go(func() error {
			e := cache.NewEncoder(nil)
			parts[i].Encode(e)
			b := cache.Seal(cacheHeader(), e.Buffer())
			c.Shards[i] = sha256.Sum256(b)
			return cache.WriteFile(filepath.Join(dir, shardFile(i)), b, cache.Volatile)
		})
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	return nil
}

// folder identifies a folder as it was when a build left it (folderID,
// by system): replacing it, or adding or removing a file in it, changes
// it.
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
	Trees []tree
}

// encode writes the trees: a large site has tens of thousands of files.
func (t *trees) encode(e *cache.Encoder) {
	e.Uint(uint64(len(t.Trees)))
	for _, tr := range t.Trees {
		f := tr.Folder
		e.Uint(f.Dev)
		e.Uint(f.Ino)
		e.Int(f.Ctime)
		e.Int(f.CtimeNs)
		e.Uint(uint64(len(tr.Outputs)))
		for p, o := range tr.Outputs {
			e.Str(p)
			e.Raw(o.Key[:])
			e.Str(o.Loc)
			e.Int(o.Lastmod)
		}
	}
}

// decodeTrees reads what encode wrote.
func decodeTrees(b []byte) (*trees, error) {
	d := cache.NewDecoder(b)
	t := &trees{}
	n := d.Count(5)
	for i := 0; i < n && d.Err() == nil; i++ {
		tr := tree{Folder: folder{Dev: d.Uint(), Ino: d.Uint(), Ctime: d.Int(), CtimeNs: d.Int()}}
		m := d.Count(len(key{}) + 3)
		tr.Outputs = make(map[string]output, m)
		for range m {
			p := d.Str()
			var o output
			copy(o.Key[:], d.Raw(len(o.Key)))
			o.Loc = d.Str()
			o.Lastmod = d.Int()
			tr.Outputs[p] = o
		}
		t.Trees = append(t.Trees, tr)
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	return t, nil
}

// loadCache reads the cache in dir; a missing, unreadable or stale cache
// is an empty one, never an error: the cache only saves time.
func loadCache(dir string) *buildCache {
	if dir == "" {
		return &buildCache{}
	}
	b, err := cache.Load(filepath.Join(dir, cacheFile), cacheHeader())
	if err != nil {
		return &buildCache{}
	}
	c, err := decodeBuildCache(b)
	if err != nil {
		return &buildCache{}
	}
	c.memo = loadMemo(dir, c.Shards)
	return c
}

// saveCache writes the record of c, after saveMemo wrote its shards.
func saveCache(dir string, c *buildCache) error {
	if err := cache.Save(filepath.Join(dir, cacheFile), cacheHeader(), c.encode); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	return nil
}

func loadTrees(dir string) *trees {
	if dir == "" {
		return &trees{}
	}
	b, err := cache.Load(filepath.Join(dir, treesFile), cacheHeader())
	if err != nil {
		return &trees{}
	}
	t, err := decodeTrees(b)
	if err != nil {
		return &trees{}
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

// writeTrees writes the trees atomically.
func writeTrees(dir string, t *trees) error {
	if err := cache.Save(filepath.Join(dir, treesFile), cacheHeader(), t.encode); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	return nil
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
		s := sums[a.File]
		short := d.short[a]
		d.article[a] = (&hasher{}).str(a.File).bytes(s[:]).bytes(short[:]).sum()
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
		s := sums[a.File]
		h.str(a.ID).str(a.Title).bytes(s[:]).str(a.Outlet).time(a.Date)
	}
	return h.sum()
}
