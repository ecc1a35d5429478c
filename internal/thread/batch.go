package thread

import (
	"cmp"
	"container/heap"
	"slices"
	"time"
)

// Batch modes: how the threads of a batch are decided (Options.Batch).
const (
	// Online decides each article as it is added, in order: the
	// Threader's default ("" means it too).
	Online = "online"
	// Average clusters the batch's articles as a whole, by average link
	// on the pairwise model's likelihood of each article and each of its
	// candidates (a thread of one), starting from single articles (a copy
	// starts with its source); a cluster joins an existing thread by the
	// same rule.
	Average = "average"
	// Merge starts from the online threads and merges, by the same
	// average link, the close ones: a second pass.
	Merge = "merge"
)

// batchDoc is what Resolve needs of an article beyond its docState: kept
// only when Options.Batch is set.
type batchDoc struct {
	title  string
	evec   []entry
	nvec   []entry
	top    int32
	date   time.Time
	source string
	prot   string
	copyOf int32 // index of the source, or -1
	pinned bool  // restored, or its thread was fixed
	prior  string
}

// pairEdge is the pairwise model's likelihood that two articles tell the
// same event.
type pairEdge struct {
	a, b int32
	p    float32
}

// minEdge is the least likelihood kept as an edge: fainter pairs would
// barely move an average and cost memory.
const minEdge = 0.01

// recordPairs notes, for the article being added (index k, its query in
// t.dense), the likelihood of each candidate as a thread of one.
func (t *Threader) recordPairs(k int32, d Doc, an *analysis, q query, cands []int32, sims []float64) {
	prot := int32(-1)
	if an.protagonist != "" {
		if id, ok := t.lookup(stem(an.protagonist)); ok {
			prot = id
		}
	}
	short := max(0, 1-float64(q.nterms)/shortTerms)
	var x [numFeatures]float64
	for i, c := range cands {
		od := &t.bdocs[c]
		var gap, dated, far float64
		if !d.Date.IsZero() && !od.date.IsZero() {
			g := d.Date.Sub(od.date)
			if g < 0 {
				g = -g
			}
			if g > t.opt.MaxGap {
				continue
			}
			dated = 1
			gap = min(52, max(0, float64(g-t.opt.Grace))/float64(7*24*time.Hour))
			if gap > 2 {
				far = 1
			}
		}
		var names float64
		if len(q.evec) > 0 && len(od.evec) > 0 {
			names = dot(q.evec, od.evec)
		}
		var other float64
		if an.fullName && od.prot != "" && od.prot != an.protagonist && !slices.Contains(an.leadPeople, od.prot) {
			if _, named := slices.BinarySearchFunc(od.evec, prot, func(e entry, t int32) int { return int(e.term) - int(t) }); !named {
				other = 1
			}
		}
		var same float64
		if d.Source != "" && d.Source == od.source {
			same = 1
		}
		var figures, topName float64
		if len(q.nvec) > 0 && len(od.nvec) > 0 {
			figures = dot(q.nvec, od.nvec)
		}
		if hasTerm(od.evec, q.top) {
			topName += 0.5
		}
		if hasTerm(q.evec, od.top) {
			topName += 0.5
		}
		s := sims[i]
		x = [numFeatures]float64{
			1, s, s, names, short, s * short, s * short, names * short,
			dated, gap, other, same, 0, 0, far,
			figures, topName,
		}
		if t.observePair != nil {
			t.observePair(d.ID, t.docs[c].id, x[:])
		}
		if p := t.opt.PairModel.prob(x[:]); p >= minEdge {
			t.edges = append(t.edges, pairEdge{k, c, float32(p)})
		}
	}
}

// hasTerm says whether the sorted vector v holds term k.
func hasTerm(v []entry, k int32) bool {
	if k < 0 {
		return false
	}
	_, ok := slices.BinarySearchFunc(v, k, func(e entry, t int32) int { return cmp.Compare(e.term, t) })
	return ok
}

// Resolve decides, when Options.Batch is set, the threads of the
// articles added since New (not those restored) by clustering them as a
// whole, and returns their assignments in the order they were added.
// Clusters merge while the average likelihood over their pairs of
// articles (0 for a pair never compared) reaches Options.Linkage; two
// clusters holding fixed threads never merge, and a fixed article never
// moves. A cluster joining a fixed thread takes its id; another keeps the
// id of its first article's online thread when no earlier cluster took
// it, else gets a fresh one. Copies stay with their sources. The
// Threader is not to be used after Resolve. Without Options.Batch it
// returns the online assignments.
func (t *Threader) Resolve() []Assignment {
	var out []Assignment
	if t.opt.Batch == Online {
		for k := range t.docs {
			if t.added[k] {
				out = append(out, t.assignment(int32(k)))
			}
		}
		return out
	}
	n := len(t.docs)
	uf := make([]int32, n)
	for i := range uf {
		uf[i] = int32(i)
	}
	find := func(i int32) int32 {
		for uf[i] != i {
			uf[i] = uf[uf[i]]
			i = uf[i]
		}
		return i
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra != rb {
			uf[max(ra, rb)] = min(ra, rb)
		}
	}
	// The starting clusters.
	first := make([]int32, len(t.threads))       // first member of each online thread
	firstPinned := make([]int32, len(t.threads)) // and its first fixed one
	for i := range first {
		first[i], firstPinned[i] = -1, -1
	}
	for k := range t.docs {
		th := t.docs[k].thread
		bd := &t.bdocs[k]
		if first[th] < 0 {
			first[th] = int32(k)
		}
		if bd.pinned && firstPinned[th] < 0 {
			firstPinned[th] = int32(k)
		}
		switch {
		case t.opt.Batch == Merge:
			union(int32(k), first[th])
		case bd.copyOf >= 0 && !bd.pinned:
			union(int32(k), bd.copyOf)
		}
	}
	// Fixed threads are fixed as a whole; an article decided again that
	// went, online, into a fixed thread added later in the batch is not
	// fixed with it.
	for k := range t.docs {
		if t.bdocs[k].pinned {
			union(int32(k), firstPinned[t.docs[k].thread])
		}
	}
	c := &agglo{size: make([]float64, n), pinned: make([]bool, n), nbr: make([]map[int32]float64, n), least: t.opt.Linkage}
	for k := range t.docs {
		r := find(int32(k))
		c.size[r]++
		if t.bdocs[k].pinned {
			c.pinned[r] = true
		}
	}
	for _, e := range t.edges {
		a, b := find(e.a), find(e.b)
		if a == b {
			continue
		}
		c.add(a, b, float64(e.p))
		c.add(b, a, float64(e.p))
	}
	t.edges = nil
	for a := range c.nbr {
		for b, s := range c.nbr[a] {
			if int32(a) < b {
				c.push(int32(a), b, s)
			}
		}
	}
	for c.h.Len() > 0 {
		top := heap.Pop(&c.h).(link)
		if top.l < t.opt.Linkage {
			break
		}
		a, b := top.a, top.b
		if c.size[a] == 0 || c.size[b] == 0 || c.pinned[a] && c.pinned[b] {
			continue
		}
		if s, ok := c.nbr[a][b]; !ok || s/(c.size[a]*c.size[b]) != top.l {
			continue // stale
		}
		// The one with the lower index survives, so that it is the
		// earlier article's.
		if b < a {
			a, b = b, a
		}
		c.merge(a, b)
		uf[b] = a
	}
	// Ids: a cluster holding a fixed thread takes the first one's; then a
	// cluster holding the founder of a thread decided again keeps that
	// thread's id; then the others, in the order of each cluster's first
	// article.
	ids := map[int32]string{}
	taken := map[string]bool{}
	founder := map[int32]int32{}
	for k := range t.docs {
		r := find(int32(k))
		if _, ok := founder[r]; !ok {
			founder[r] = int32(k)
		}
		if _, ok := ids[r]; !ok && t.bdocs[k].pinned {
			ids[r] = t.threads[t.docs[k].thread].id
			taken[ids[r]] = true
		}
	}
	priorSeen := map[string]bool{}
	for k := range t.docs {
		prior := t.bdocs[k].prior
		if prior == "" || priorSeen[prior] {
			continue
		}
		// The first article decided again of a thread is its founder,
		// as articles are added in the order they were threaded.
		priorSeen[prior] = true
		if _, ok := t.byThread[prior]; !ok {
			t.byThread[prior] = -1 // no fresh id is an old one
		}
		r := find(int32(k))
		if _, ok := ids[r]; !ok && !taken[prior] {
			ids[r] = prior
			taken[prior] = true
		}
	}
	for k := range t.docs {
		r := find(int32(k))
		if _, ok := ids[r]; ok || founder[r] != int32(k) {
			continue
		}
		if id := t.threads[t.docs[k].thread].id; !taken[id] && !t.pinnedThread(t.docs[k].thread) {
			ids[r] = id
		} else {
			ids[r] = t.freshID(Doc{ID: t.docs[k].id, Title: t.bdocs[k].title})
			t.byThread[ids[r]] = -1
		}
		taken[ids[r]] = true
	}
	for k := range t.docs {
		if !t.added[k] {
			continue
		}
		r := find(int32(k))
		d := t.docs[k]
		out = append(out, Assignment{ID: d.id, Thread: ids[r], CopyOf: d.copyOf, New: founder[r] == int32(k) && (!c.pinned[r] || d.founded)})
	}
	return out
}

// pinnedThread says whether online thread k holds a fixed article.
func (t *Threader) pinnedThread(k int32) bool {
	for _, m := range t.threads[k].members {
		if t.bdocs[m].pinned {
			return true
		}
	}
	return false
}

// agglo is the state of average-link clustering: each cluster's size,
// whether it holds a fixed thread, and the sums of the likelihoods of its
// pairs with each neighbour cluster.
type agglo struct {
	size   []float64
	pinned []bool
	nbr    []map[int32]float64
	h      linkHeap
	// least is the linkage: a link below it is not queued, as it would
	// never be taken; a link changes only when one of its clusters
	// merges, and is then queued again.
	least float64
}

func (c *agglo) add(a, b int32, p float64) {
	if c.nbr[a] == nil {
		c.nbr[a] = map[int32]float64{}
	}
	c.nbr[a][b] += p
}

func (c *agglo) push(a, b int32, s float64) {
	if l := s / (c.size[a] * c.size[b]); l >= c.least {
		heap.Push(&c.h, link{l, min(a, b), max(a, b)})
	}
}

// merge moves cluster b into a.
func (c *agglo) merge(a, b int32) {
	for m, s := range c.nbr[b] {
		delete(c.nbr[m], b)
		if m == a {
			continue
		}
		c.add(a, m, s)
		c.add(m, a, s)
	}
	delete(c.nbr[a], b)
	c.nbr[b] = nil
	c.size[a] += c.size[b]
	c.size[b] = 0
	c.pinned[a] = c.pinned[a] || c.pinned[b]
	keys := make([]int32, 0, len(c.nbr[a]))
	for m := range c.nbr[a] {
		keys = append(keys, m)
	}
	slices.Sort(keys)
	for _, m := range keys {
		c.push(a, m, c.nbr[a][m])
	}
}

// link is a candidate merge: the average link l of clusters a < b.
type link struct {
	l    float64
	a, b int32
}

// linkHeap pops the highest link first, ties by the lower clusters.
type linkHeap []link

func (h linkHeap) Len() int { return len(h) }
func (h linkHeap) Less(i, j int) bool {
	if h[i].l != h[j].l {
		return h[i].l > h[j].l
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h linkHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *linkHeap) Push(x any)   { *h = append(*h, x.(link)) }
func (h *linkHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// ObservePairs makes the Threader call fn, with Options.Batch set, with
// the features of every pair of an article and a candidate it weighs:
// the examples a pair model is trained on.
func (t *Threader) ObservePairs(fn func(a, b string, x []float64)) { t.observePair = fn }

// A Stamp places an article in time for Open.
type Stamp struct {
	Thread string    // its thread, for an article of the site
	Date   time.Time // when it was published, or scraped; zero when unknown
	// Scraped says Date is only when the article was scraped (a file's
	// time): threading takes it as undated.
	Scraped bool
}

// scrapeWindow is how far apart in scraping time articles dated only so
// are decided together: the imports of one scrape are a day or two
// apart, and such articles, compared whatever their dates, would
// otherwise reopen the whole site at every import.
const scrapeWindow = 48 * time.Hour

// Open returns the threads of a site that a batch of new articles may
// change, to be decided again with it (as Docs with their Prior, in
// publication order). A dated new article is compared with no dated
// article more than Options.MaxGap away, so a thread is open when one
// of its articles is published at most MaxGap before the batch's
// earliest, or scraped at most two days before it, or has no date at
// all; a new article with no date counts as the site's latest. The
// threads left closed are those the batch could reach only through
// others, or through an article whose date nothing tells.
func Open(site, batch []Stamp, opt Options) map[string]bool {
	open := map[string]bool{}
	if len(batch) == 0 {
		return open
	}
	opt = opt.withDefaults()
	var latest time.Time
	for _, ss := range [][]Stamp{site, batch} {
		for _, s := range ss {
			if s.Date.After(latest) {
				latest = s.Date
			}
		}
	}
	earliest := latest
	for _, s := range batch {
		if !s.Date.IsZero() && s.Date.Before(earliest) {
			earliest = s.Date
		}
	}
	published, scraped := earliest.Add(-opt.MaxGap), earliest.Add(-scrapeWindow)
	for _, s := range site {
		from := published
		if s.Scraped {
			from = scraped
		}
		if s.Thread != "" && (s.Date.IsZero() || !s.Date.Before(from)) {
			open[s.Thread] = true
		}
	}
	return open
}
