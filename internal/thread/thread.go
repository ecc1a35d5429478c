package thread

import (
	"cmp"
	"hash/fnv"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// Doc is one article to thread.
type Doc struct {
	ID, Title, Text, Source string
	Date                    time.Time // zero when unknown
	// Thread, when set, is fixed (an editor's choice or an earlier
	// assignment): it is never changed and the article joins that
	// thread's state, creating it under that id if needed.
	Thread string
	// Prior is the thread an article already in the site was in, when
	// it is decided again with a batch (Options.Batch; Thread empty): a
	// batch cluster holding the article that founded Prior keeps Prior
	// as its id.
	Prior string
}

// Assignment is where one article went.
type Assignment struct {
	ID     string
	Thread string
	// CopyOf is the id of an earlier article this one copies or rewrites
	// (syndicated wire copy, a close sentence-by-sentence rewrite); empty
	// for an independent report.
	CopyOf string
	// New is true when the article founded its thread.
	New bool
}

// Options tunes threading. The zero value means the documented defaults,
// which are the same for every data set; a zero field takes its default.
type Options struct {
	// Model is the pairwise model that scores how likely an article and
	// a thread tell the same event (default: the shipped one, model.json,
	// learned from the labelled sets in testdata/threads).
	Model *Model
	// Threshold is the least likelihood, by Model, for an article of full
	// length to join a thread (default: the model's own threshold, learned
	// with it; the model's ShortThreshold is added for short ones). An
	// article recognised as a copy joins its source's thread whatever
	// the likelihood.
	Threshold float64
	// TitleWeight and LeadWeight multiply the counts of words in the
	// headline and the first two sentences (defaults 3 and 2); the body
	// counts 1 and the tail past 400 words 0.5.
	TitleWeight, LeadWeight float64
	// EntityWeight multiplies capitalised names, NumberWeight numbers
	// (defaults 2 and 1.5): same event means same people, places, figures.
	EntityWeight, NumberWeight float64
	// Grace is the date gap between an article and the span of a thread's
	// dates that costs nothing (default 1 day); past it the gap, in days,
	// is one of the model's features. The span grows as the story goes
	// on, so a long story is not cut. Undated articles or threads have no
	// gap.
	Grace time.Duration
	// MaxGap is the longest time between a dated article and a dated
	// thread's span over which it may still join (default 30 days): a
	// story taken up again a month later is a new thread, which the
	// labelled sets, whose reports of one event are days apart, cannot
	// teach the model.
	MaxGap time.Duration
	// MaxTerms is how many of an article's strongest terms are kept
	// (default 80); IndexTerms how many of them find candidates in the
	// inverted index (default 30).
	MaxTerms, IndexTerms int
	// Candidates is how many earlier articles, found through the index,
	// are compared in full (default 30).
	Candidates int
	// CopyContainment is the least share of an article's sampled
	// four-word shingles found in an earlier one to call it a copy
	// (default 0.3); CopyAlignment the least share of its sentences that
	// align, in order, with the earlier article's (default 0.4, at least
	// 4 sentences).
	CopyContainment, CopyAlignment float64
	// PersonWeight multiplies the weight of people's surnames on top of
	// EntityWeight, for a person named in full and again by surname alone
	// (default 1: no more than other names; 1.5–4 moved ECB+ by less than
	// 0.01).
	PersonWeight float64
	// Batch is how a batch's threads are decided: Online (the default
	// of a Threader), each article as it comes; Average or Merge, the
	// batch as a whole when Resolve is called (see their docs). The
	// importer uses Average unless told otherwise (docs/threading.md).
	Batch string
	// Linkage is the least average likelihood at which Batch clusters
	// merge (default: PairModel's Threshold, learned with it).
	Linkage float64
	// PairModel scores two articles for Batch, the second as a thread of
	// one (default: the shipped one, pair_model.json, learned from the
	// labelled pairs of testdata/threads).
	PairModel *Model
	// NoBackground leaves out the shipped background document
	// frequencies, so that IDF comes from the articles seen only.
	NoBackground bool
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if o.Model == nil {
		o.Model = shippedModel()
	}
	def(&o.Threshold, o.Model.Threshold)
	def(&o.TitleWeight, 3)
	def(&o.LeadWeight, 2)
	def(&o.EntityWeight, 2)
	def(&o.NumberWeight, 1.5)
	def(&o.CopyContainment, 0.3)
	def(&o.PersonWeight, 1)
	def(&o.CopyAlignment, 0.4)
	if o.Batch == "" {
		o.Batch = Online
	}
	if o.PairModel == nil {
		o.PairModel = shippedPairModel()
	}
	if o.PairModel == nil {
		o.PairModel = o.Model
		def(&o.Linkage, 0.5)
	}
	def(&o.Linkage, o.PairModel.Threshold)
	if o.Grace == 0 {
		o.Grace = 24 * time.Hour
	}
	if o.MaxGap == 0 {
		o.MaxGap = 30 * 24 * time.Hour
	}
	if o.MaxTerms == 0 {
		o.MaxTerms = 80
	}
	if o.IndexTerms == 0 {
		o.IndexTerms = 30
	}
	if o.Candidates == 0 {
		o.Candidates = 30
	}
	return o
}

// maxPostings bounds how much of one term's posting list a query reads:
// the most recent entries, as old stories of a common term are the least
// likely to be continued.
const maxPostings = 400

// alignCandidates is how many of the nearest earlier articles are checked
// for a sentence-by-sentence rewrite.
const alignCandidates = 3

// shortTerms is how many distinct terms make a text long enough that its
// cosines need no extra margin.
const shortTerms = 50.0

type entry struct {
	term int32
	w    float32
}

type docState struct {
	id      string
	thread  int32
	vec     []entry // sorted by term, unit length
	shing   []uint32
	sents   sentPrint
	copyOf  string
	founded bool
}

type threadState struct {
	id     string
	cent   []entry // sum of member vectors, sorted by term
	norm2  float64
	ecent  []entry // sum of member name vectors
	enorm2 float64
	// protagonists counts the members' protagonists.
	protagonists map[string]int
	sources      map[string]int // members by outlet
	members      []int32
	first, last  time.Time
}

// Threader threads articles one at a time. It is not safe for concurrent
// use.
type Threader struct {
	opt Options
	// Terms are interned as ids by a hash the parallel analysis already
	// computed; names holds each id's term, to confirm a hit, and
	// collide the rare terms whose hash an earlier term took.
	seed      maphash.Seed
	byHash    map[uint64]int32
	names     []string
	collide   map[string]int32
	df        []int32
	bgdf      []int32
	bgN       int
	n         int
	docs      []docState
	byDoc     map[string]int32
	threads   []*threadState
	byThread  map[string]int32
	postings  [][]int32
	acc       []float32 // per article, scratch for candidates
	touched   []int32   // scratch for candidates
	spare     []entry   // scratch for centroid sums
	dense     []float32 // per term, the current article's weights, else 0
	model     *Model
	threshold float64
	observe   func(thread string, x []float64)
	// observePair, when set, is given the features of every pair Batch
	// weighs.
	observePair func(a, b string, x []float64)
	// voc is the vocabulary of the decoded analyses seen, and vmap the
	// Threader's id of each of its numbers (-1 until seen).
	voc  *Vocabulary
	vmap []int32
	// added marks the articles added (not restored); bdocs and edges are
	// what Resolve needs, kept only with Options.Batch.
	added []bool
	bdocs []batchDoc
	edges []pairEdge
}

// New returns an empty Threader.
func New(opt Options) *Threader {
	t := &Threader{
		opt:      opt.withDefaults(),
		seed:     maphash.MakeSeed(),
		byHash:   map[uint64]int32{},
		collide:  map[string]int32{},
		byDoc:    map[string]int32{},
		byThread: map[string]int32{},
	}
	t.model, t.threshold = t.opt.Model, t.opt.Threshold
	if !opt.NoBackground {
		bg := sharedBackground()
		t.bgN = bg.n
		// Term ids in sorted order: ids break ties and order float sums,
		// so they must not follow map iteration.
		terms := make([]string, 0, len(bg.df))
		for term := range bg.df {
			terms = append(terms, term)
		}
		slices.Sort(terms)
		for _, term := range terms {
			t.bgdf[t.term(term)] = bg.df[term]
		}
	}
	return t
}

func (t *Threader) term(s string) int32 {
	return t.termHashed(s, maphash.String(t.seed, s))
}

// lookup returns the id of a term seen before.
func (t *Threader) lookup(s string) (int32, bool) {
	if id, ok := t.byHash[maphash.String(t.seed, s)]; ok && t.names[id] == s {
		return id, true
	}
	id, ok := t.collide[s]
	return id, ok
}

// termHashed returns the id of term s, whose hash is h, making one if s is
// new. Ids follow first occurrence, whatever the hash seed.
func (t *Threader) termHashed(s string, h uint64) int32 {
	prev, taken := t.byHash[h]
	if taken {
		if t.names[prev] == s {
			return prev
		}
		if id, ok := t.collide[s]; ok {
			return id
		}
	}
	id := int32(len(t.df))
	if taken {
		t.collide[s] = id
	} else {
		t.byHash[h] = id
	}
	// A copy: s may be cut from a larger string (a decoded Analysis)
	// that the Threader must not keep alive.
	t.names = append(t.names, strings.Clone(s))
	t.df = append(t.df, 0)
	t.bgdf = append(t.bgdf, 0)
	t.postings = append(t.postings, nil)
	t.dense = append(t.dense, 0)
	return id
}

func (t *Threader) idf(id int32) float64 {
	return math.Log(float64(t.bgN+t.n+1) / float64(t.bgdf[id]+t.df[id]+1))
}

// Add threads one article: it joins the best-scoring thread, or founds one
// when none scores Threshold, or joins its fixed Thread. Adding an id
// already seen returns its first assignment unchanged.
func (t *Threader) Add(d Doc) Assignment {
	if k, ok := t.byDoc[d.ID]; ok {
		return t.assignment(k)
	}
	return t.add(d, analyse(d, t.opt, &t.seed), false)
}

// analysis is what an article contributes before it meets the Threader's
// state; computing it is pure, so Cluster does it in parallel.
type analysis struct {
	terms []string // in first-occurrence order
	tf    []float64
	named []bool
	hash  []uint64 // of each term, with the Threader's seed; nil when not computed
	// vids are the terms' numbers in voc, for an analysis decoded with a
	// Vocabulary: the Threader then finds its ids by number, not by hash.
	vids  []uint32
	voc   *Vocabulary
	shing []uint32
	sents sentPrint
	// protagonist is the surname of the person the article names most;
	// leadPeople the surnames in its headline and lead.
	protagonist string
	fullName    bool // the protagonist was also named in full
	leadPeople  []string
}

// analyse computes d's analysis; with a seed, it also hashes the terms
// with it, so that the Threader need not.
func analyse(d Doc, opt Options, seed *maphash.Seed) *analysis {
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	order, tf, named, toks := sc.termFeatures(d.Title, d.Text, opt)
	a := &analysis{terms: order, tf: tf, named: named}
	if seed != nil {
		a.hash = make([]uint64, len(order))
		for i, k := range order {
			a.hash[i] = maphash.String(*seed, k)
		}
	}
	a.shing, a.sents = fingerprints(toks)
	a.protagonist, a.fullName, a.leadPeople = people(toks)
	return a
}

// add threads d with its analysis, in phases: its vector (vectorize), the
// earlier articles and threads it is close to (compare), a copy among them
// (findCopy), the thread it joins (choose), and the state it leaves for
// later articles (join). With restore (and a fixed d.Thread), it only
// joins that thread: no candidates are compared and no copy is looked
// for, which changes nothing of the state later articles meet.
func (t *Threader) add(d Doc, an *analysis, restore bool) Assignment {
	if k, ok := t.byDoc[d.ID]; ok {
		return t.assignment(k)
	}
	q := t.vectorize(an)
	// The query's weights spread over a dense table make each comparison
	// one pass over the other vector, with no merge branches.
	for _, e := range q.vec {
		t.dense[e.term] = e.w
	}
	defer func() {
		for _, e := range q.vec {
			t.dense[e.term] = 0
		}
	}()
	ds := docState{id: d.ID, vec: q.vec, shing: an.shing, sents: an.sents}
	var cands []int32
	if !restore || d.Thread == "" {
		cands = t.candidates(q.index)
	}
	sims, best := t.compare(cands)
	copyOf := t.findCopy(&ds, cands, sims)
	chosen := int32(-1)
	switch {
	case d.Thread != "":
		if k, ok := t.byThread[d.Thread]; ok {
			chosen = k
		}
		if t.observe != nil {
			t.choose(d, an, q, best)
		}
	case copyOf >= 0:
		chosen = t.docs[copyOf].thread
	default:
		chosen = t.choose(d, an, q, best)
	}
	if copyOf >= 0 {
		ds.copyOf = t.docs[copyOf].id
	}
	t.added = append(t.added, !restore)
	if t.opt.Batch != Online {
		if !restore {
			t.recordPairs(int32(len(t.docs)), d, an, q, cands, sims)
		}
		t.bdocs = append(t.bdocs, batchDoc{title: d.Title, evec: q.evec, nvec: q.nvec, top: q.top, date: d.Date, source: d.Source,
			prot: an.protagonist, copyOf: copyOf, pinned: d.Thread != "", prior: d.Prior})
	}
	return t.join(d, an, q, ds, chosen)
}

// query is an article's vectors as the Threader weighs them.
type query struct {
	vec    []entry // the strongest MaxTerms terms, sorted by term, unit length
	evec   []entry // its names alone, sorted by term, unit length
	nvec   []entry // its figures alone, sorted by term, unit length
	top    int32   // its heaviest name (figures aside), or -1
	index  []entry // the strongest IndexTerms, strongest first
	nterms int     // distinct terms before the cut
}

// vectorize interns the article's terms, counts them in the document
// frequencies and weighs them by TF-IDF.
func (t *Threader) vectorize(an *analysis) query {
	t.n++
	all := make([]scored, len(an.terms))
	if an.voc != nil && t.voc == nil {
		t.voc = an.voc
	}
	for i, k := range an.terms {
		var id int32
		switch {
		case an.voc != nil && an.voc == t.voc:
			// The ids are handed out as by hash, in the order terms
			// first occur; the number only finds them again.
			v := int(an.vids[i])
			for v >= len(t.vmap) {
				t.vmap = append(t.vmap, -1)
			}
			if id = t.vmap[v]; id < 0 {
				id = t.termHashed(k, maphash.String(t.seed, k))
				t.vmap[v] = id
			}
		case an.hash != nil:
			id = t.termHashed(k, an.hash[i])
		default:
			id = t.termHashed(k, maphash.String(t.seed, k))
		}
		t.df[id]++
		all[i] = scored{id, math.Log1p(an.tf[i]), an.named[i]}
	}
	for i := range all {
		all[i].w *= t.idf(all[i].id)
	}
	// Only the strongest MaxTerms are kept: move them to the front and
	// sort just those.
	selectTop(all, t.opt.MaxTerms)
	top := all[:min(len(all), t.opt.MaxTerms)]
	slices.SortFunc(top, func(a, b scored) int {
		if a.better(b) {
			return -1
		}
		if b.better(a) {
			return 1
		}
		return 0
	})
	q := query{nterms: len(all)}
	all = top
	// The names alone, normalised on their own: the who and where of an
	// event, which sister events of one kind do not share.
	var enorm float64
	for _, s := range all {
		if s.named {
			q.evec = append(q.evec, entry{s.id, float32(s.w)})
			enorm += s.w * s.w
		}
	}
	for i := range q.evec {
		q.evec[i].w /= float32(math.Sqrt(enorm))
	}
	slices.SortFunc(q.evec, func(a, b entry) int { return cmp.Compare(a.term, b.term) })
	// The figures alone, normalised on their own likewise.
	var nnorm float64
	for _, e := range q.evec {
		if hasDigit(t.names[e.term]) {
			q.nvec = append(q.nvec, e)
			nnorm += float64(e.w) * float64(e.w)
		}
	}
	for i := range q.nvec {
		q.nvec[i].w /= float32(math.Sqrt(nnorm))
	}
	q.top = -1
	var topW float32
	for _, e := range q.evec {
		if e.w > topW && !hasDigit(t.names[e.term]) {
			q.top, topW = e.term, e.w
		}
	}
	var norm float64
	for _, s := range all {
		norm += s.w * s.w
	}
	norm = math.Sqrt(norm)
	q.vec = make([]entry, len(all))
	for i, s := range all {
		q.vec[i] = entry{s.id, float32(s.w / max(norm, 1e-12))}
	}
	q.index = slices.Clone(q.vec[:min(len(all), t.opt.IndexTerms)])
	slices.SortFunc(q.vec, func(a, b entry) int { return cmp.Compare(a.term, b.term) })
	return q
}

// compare computes the exact similarity of the article (in t.dense) to
// each candidate and, through them, the best two of each thread.
func (t *Threader) compare(cands []int32) (sims []float64, best map[int32][2]float64) {
	best = map[int32][2]float64{}
	sims = make([]float64, len(cands))
	for i, c := range cands {
		od := &t.docs[c]
		sims[i] = t.qdot(od.vec)
		b := best[od.thread]
		switch s := sims[i]; {
		case s > b[0]:
			b = [2]float64{s, b[0]}
		case s > b[1]:
			b[1] = s
		}
		best[od.thread] = b
	}
	return sims, best
}

// findCopy returns the candidate the article copies or rewrites, or -1.
// Shingles are cheap and checked against every close candidate; sentence
// alignment only against the closest few, as a rewrite of an article is
// always among its nearest neighbours.
func (t *Threader) findCopy(ds *docState, cands []int32, sims []float64) int32 {
	byS := make([]int, len(cands))
	for i := range byS {
		byS[i] = i
	}
	sort.SliceStable(byS, func(a, b int) bool { return sims[byS[a]] > sims[byS[b]] })
	copyScore, copyOf := 0.0, int32(-1)
	for r, i := range byS {
		if sims[i] < 0.15 {
			break
		}
		if s := copyEvidence(ds, &t.docs[cands[i]], t.opt, r < alignCandidates); s > copyScore {
			copyScore, copyOf = s, cands[i]
		}
	}
	return copyOf
}

// choose returns the thread the article joins, or -1 for a new one: the
// candidate thread the pairwise model finds likeliest to tell the same
// event, when that likelihood reaches the threshold.
func (t *Threader) choose(d Doc, an *analysis, q query, best map[int32][2]float64) int32 {
	prot := int32(-1)
	if an.protagonist != "" {
		if id, ok := t.lookup(stem(an.protagonist)); ok {
			prot = id
		}
	}
	threads := make([]int32, 0, len(best))
	for k := range best {
		threads = append(threads, k)
	}
	slices.Sort(threads)
	short := max(0, 1-float64(q.nterms)/shortTerms)
	chosen, bestP := int32(-1), t.threshold+t.model.ShortThreshold*short
	var x [numFeatures]float64
	for _, k := range threads {
		th := t.threads[k]
		t.features(&x, d, an, q, th, best[k], prot)
		if t.observe != nil {
			t.observe(th.id, x[:])
		}
		if g, ok := dateGap(d, th); ok && g > t.opt.MaxGap {
			continue
		}
		if p := t.model.prob(x[:]); p >= bestP {
			bestP, chosen = p, k
		}
	}
	return chosen
}

// features fills x with what the pairwise model weighs of the article
// and thread th; sim holds its cosines to th's two closest members.
func (t *Threader) features(x *[numFeatures]float64, d Doc, an *analysis, q query, th *threadState, sim [2]float64, prot int32) {
	bestSim := sim[0]
	cent := t.qdot(th.cent) / math.Sqrt(max(th.norm2, 1e-12))
	var names float64
	if len(q.evec) > 0 && th.enorm2 > 0 {
		names = dot(q.evec, th.ecent) / math.Sqrt(th.enorm2)
	}
	short := max(0, 1-float64(q.nterms)/shortTerms)
	var gap, dated float64
	if g, ok := dateGap(d, th); ok {
		dated = 1
		gap = min(52, max(0, float64(g-t.opt.Grace))/float64(7*24*time.Hour))
	}
	var other float64
	if th.otherLead(an, prot) {
		other = 1
	}
	var sameOutlet float64
	if d.Source != "" && len(th.members) > 0 {
		sameOutlet = float64(th.sources[d.Source]) / float64(len(th.members))
	}
	var far float64
	if gap > 2 {
		far = 1
	}
	*x = [numFeatures]float64{
		1, cent, bestSim, names, short, cent * short, bestSim * short, names * short,
		dated, gap, other, sameOutlet, math.Log(float64(len(th.members))), sim[1], far,
		0, 0,
	}
}

// dateGap is the time between d's date and the span of th's dates; ok
// is false when either is undated.
func dateGap(d Doc, th *threadState) (gap time.Duration, ok bool) {
	if d.Date.IsZero() || th.first.IsZero() {
		return 0, false
	}
	switch {
	case d.Date.Before(th.first):
		return th.first.Sub(d.Date), true
	case d.Date.After(th.last):
		return d.Date.Sub(th.last), true
	}
	return 0, true
}

// join records the article in its thread (a new one when chosen is -1)
// and in the index.
func (t *Threader) join(d Doc, an *analysis, q query, ds docState, chosen int32) Assignment {
	vec, evec := q.vec, q.evec
	if chosen < 0 {
		id := d.Thread
		if id == "" {
			id = t.freshID(d)
		}
		chosen = int32(len(t.threads))
		t.threads = append(t.threads, &threadState{id: id})
		t.byThread[id] = chosen
		ds.founded = true
	}
	ds.thread = chosen
	k := int32(len(t.docs))
	t.docs = append(t.docs, ds)
	t.byDoc[d.ID] = k
	t.acc = append(t.acc, 0)
	th := t.threads[chosen]
	th.norm2 += 2*t.qdot(th.cent) + dot(vec, vec)
	th.cent, t.spare = addVec(t.spare, th.cent, vec)
	th.enorm2 += 2*dot(evec, th.ecent) + dot(evec, evec)
	th.ecent, t.spare = addVec(t.spare, th.ecent, evec)
	if len(th.cent) > 2*maxCentroid {
		th.cent, th.norm2 = prune(th.cent, maxCentroid)
	}
	if len(th.ecent) > 2*maxCentroid {
		th.ecent, th.enorm2 = prune(th.ecent, maxCentroid)
	}
	th.members = append(th.members, k)
	if d.Source != "" {
		if th.sources == nil {
			th.sources = map[string]int{}
		}
		th.sources[d.Source]++
	}
	if an.protagonist != "" {
		if th.protagonists == nil {
			th.protagonists = map[string]int{}
		}
		th.protagonists[an.protagonist]++
	}
	if !d.Date.IsZero() {
		if th.first.IsZero() || d.Date.Before(th.first) {
			th.first = d.Date
		}
		if d.Date.After(th.last) {
			th.last = d.Date
		}
	}
	for _, e := range q.index {
		p := append(t.postings[e.term], k)
		if len(p) >= 2*maxPostings {
			// Only the most recent maxPostings are ever read: drop the
			// older half in place, so a common term's list stays bounded.
			p = p[:copy(p, p[len(p)-maxPostings:])]
		}
		t.postings[e.term] = p
	}
	return t.assignment(k)
}

func (t *Threader) assignment(k int32) Assignment {
	d := t.docs[k]
	return Assignment{ID: d.id, Thread: t.threads[d.thread].id, CopyOf: d.copyOf, New: d.founded}
}

// candidates finds the earlier articles sharing the most weight with the
// query's strongest terms, reading the inverted index only.
func (t *Threader) candidates(index []entry) []int32 {
	touched := t.touched[:0]
	for _, e := range index {
		p := t.postings[e.term]
		if len(p) > maxPostings {
			p = p[len(p)-maxPostings:]
		}
		for _, k := range p {
			if t.acc[k] == 0 {
				touched = append(touched, k)
			}
			// The other article's weight is not at hand without a
			// lookup; the query weight ranks well enough to pick whom
			// to compare in full.
			t.acc[k] += e.w
		}
	}
	// Keep the best Candidates by insertion into a short sorted list:
	// linear in the articles touched, where a full sort was not.
	better := func(a, b int32) bool {
		if t.acc[a] != t.acc[b] {
			return t.acc[a] > t.acc[b]
		}
		return a > b
	}
	n := t.opt.Candidates
	top := make([]int32, 0, n+1)
	for _, k := range touched {
		if len(top) == n && !better(k, top[n-1]) {
			continue
		}
		i := len(top)
		for i > 0 && better(k, top[i-1]) {
			i--
		}
		top = slices.Insert(top, i, k)
		if len(top) > n {
			top = top[:n]
		}
	}
	for _, k := range touched {
		t.acc[k] = 0
	}
	t.touched = touched
	return top
}

// freshID derives a thread id from its founding article: a slug of the
// headline and a hash of the article id, so the same content always gets
// the same id.
func (t *Threader) freshID(d Doc) string {
	h := fnv.New64a()
	h.Write([]byte(d.ID))
	sum := strconv.FormatUint(h.Sum64(), 16)
	for len(sum) < 16 {
		sum = "0" + sum
	}
	base := slug(d.Title)
	if base == "" {
		base = slug(d.Text)
	}
	if base == "" {
		base = "story"
	}
	for n := 8; ; n++ {
		id := base + "-" + sum[:min(n, 16)]
		if n > 16 {
			id += "-" + strconv.Itoa(n)
		}
		if _, taken := t.byThread[id]; !taken {
			return id
		}
	}
}

// slug makes a short lowercase URL-safe name of the first words of s.
func slug(s string) string {
	var b strings.Builder
	words := 0
	for _, tk := range tokenize(s, 0) {
		var w strings.Builder
		for _, r := range tk.lower {
			if r < 128 {
				w.WriteRune(r)
			}
		}
		if w.Len() == 0 || stopwords[tk.lower] && words > 0 && words < 5 && false {
			continue
		}
		if b.Len()+w.Len()+1 > 48 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w.String())
		words++
		if words == 6 {
			break
		}
	}
	return b.String()
}

// qdot is the dot product of the article being added (spread in t.dense)
// with b; it sums the same products in the same order as dot.
func (t *Threader) qdot(b []entry) float64 {
	var s float64
	for _, e := range b {
		s += float64(t.dense[e.term]) * float64(e.w)
	}
	return s
}

func dot(a, b []entry) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

// addVec merges the sorted vectors a and b into buf's storage and returns
// the sum, with a's storage as the next spare buffer: a thread's centroid
// grows in place instead of being copied on every join.
func addVec(buf, a, b []entry) (sum, spare []entry) {
	out := buf[:0]
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i].term < b[j].term:
			out = append(out, a[i])
			i++
		case i >= len(a) || a[i].term > b[j].term:
			out = append(out, b[j])
			j++
		default:
			out = append(out, entry{a[i].term, a[i].w + b[j].w})
			i++
			j++
		}
	}
	return out, a[:0]
}

// maxCentroid is how many of its strongest terms a thread's centroid keeps
// once it has twice as many: a long-running story must not make every
// comparison with it slower, and its faint terms barely move a cosine.
const maxCentroid = 300

// prune keeps the n strongest entries of v, sorted by term, and returns
// them with their squared norm.
func prune(v []entry, n int) ([]entry, float64) {
	byW := slices.Clone(v)
	slices.SortFunc(byW, func(a, b entry) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		return cmp.Compare(a.term, b.term)
	})
	byW = byW[:n]
	slices.SortFunc(byW, func(a, b entry) int { return cmp.Compare(a.term, b.term) })
	var n2 float64
	for _, e := range byW {
		n2 += float64(e.w) * float64(e.w)
	}
	return byW, n2
}

// Cluster threads a batch: it sorts the articles by date, undated ones
// last, then by id, and adds them in that order to a fresh Threader, so
// the result depends on the set of articles only, never on their input
// order. Undated articles come last so that they join the dated events
// instead of founding threads the dated reports would have to match. The
// assignments are returned in input order.
func Cluster(docs []Doc, opt Options) []Assignment {
	return cluster(docs, opt, nil)
}

// cluster is Cluster; seen, when set, is given the Threader (for the
// benchmark's memory figures).
func cluster(docs []Doc, opt Options, seen func(*Threader)) []Assignment {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return lessDoc(docs[order[a]], docs[order[b]]) })
	t := New(opt)
	if seen != nil {
		seen(t)
	}
	out := make([]Assignment, len(docs))
	// Analysis is pure and runs ahead in parallel, a window at a time;
	// joining threads is sequential, in order.
	const window = 256
	workers := max(1, runtime.GOMAXPROCS(0))
	ready := make(chan []*analysis, 1)
	go func() {
		defer close(ready)
		for lo := 0; lo < len(order); lo += window {
			hi := min(lo+window, len(order))
			res := make([]*analysis, hi-lo)
			var g errgroup.Group
			g.SetLimit(workers)
			for k := lo; k < hi; k++ {
				g.Go(func() error {
					res[k-lo] = analyse(docs[order[k]], t.opt, &t.seed)
					return nil
				})
			}
			g.Wait()
			ready <- res
		}
	}()
	k := 0
	for res := range ready {
		for _, an := range res {
			out[order[k]] = t.add(docs[order[k]], an, false)
			k++
		}
	}
	if t.opt.Batch != Online {
		final := map[string]Assignment{}
		for _, as := range t.Resolve() {
			final[as.ID] = as
		}
		for i, d := range docs {
			out[i] = final[d.ID]
		}
	}
	return out
}

// lessDoc is Cluster's order: dated articles first, by date, then by id.
func lessDoc(x, y Doc) bool {
	if x.Date.IsZero() != y.Date.IsZero() {
		return !x.Date.IsZero()
	}
	if !x.Date.Equal(y.Date) {
		return x.Date.Before(y.Date)
	}
	return x.ID < y.ID
}

// otherLead says whether the article's protagonist (term prot) differs
// from the thread's: no member names the article's protagonist among its
// strong names, and the thread's main protagonist is not in the article's
// headline or lead.
func (th *threadState) otherLead(an *analysis, prot int32) bool {
	if !an.fullName || len(th.protagonists) == 0 || th.protagonists[an.protagonist] > 0 {
		return false
	}
	if _, named := slices.BinarySearchFunc(th.ecent, prot, func(e entry, t int32) int { return cmp.Compare(e.term, t) }); named {
		return false
	}
	main, n := "", 0
	for p, c := range th.protagonists {
		if c > n || c == n && p < main {
			main, n = p, c
		}
	}
	return n*2 > len(th.members) && !slices.Contains(an.leadPeople, main)
}

// scored is a term of the article being added with its weight.
type scored struct {
	id    int32
	w     float64
	named bool
}

// better orders terms by weight, then id: a total order, so the terms
// kept never depend on how they were sorted.
func (a scored) better(b scored) bool {
	if a.w != b.w {
		return a.w > b.w
	}
	return a.id < b.id
}

// selectTop moves the n best of all to its front, in no particular order:
// a quickselect, linear on average where a full sort was not.
func selectTop(all []scored, n int) {
	if n <= 0 || len(all) <= n {
		return
	}
	lo, hi := 0, len(all)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		// Median of three as the pivot.
		if all[mid].better(all[lo]) {
			all[mid], all[lo] = all[lo], all[mid]
		}
		if all[hi].better(all[lo]) {
			all[hi], all[lo] = all[lo], all[hi]
		}
		if all[hi].better(all[mid]) {
			all[hi], all[mid] = all[mid], all[hi]
		}
		pivot := all[mid]
		i, j := lo, hi
		for i <= j {
			for all[i].better(pivot) {
				i++
			}
			for pivot.better(all[j]) {
				j--
			}
			if i <= j {
				all[i], all[j] = all[j], all[i]
				i++
				j--
			}
		}
		switch {
		case n-1 <= j:
			hi = j
		case n-1 >= i:
			lo = i
		default:
			return
		}
	}
}
