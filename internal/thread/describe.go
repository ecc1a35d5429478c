package thread

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Meta describes a thread for readers.
type Meta struct {
	Headline string    // the most representative title
	Summary  string    // two or three central sentences from different outlets
	Tags     []string  // key entities: people, places, organisations
	Outlets  []string  // distinct sources, sorted
	First    time.Time // earliest dated article; zero when none is dated
	Latest   time.Time // latest dated article
}

// Describe summarises the articles of one thread. The headline is the
// title closest to the thread's centroid; the summary takes the sentences
// closest to it, each from a different outlet where possible, skipping
// near-repeats; tags are the capitalised names most articles mention.
func Describe(docs []Doc) Meta {
	var m Meta
	if len(docs) == 0 {
		return m
	}
	docs = append([]Doc(nil), docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	opt := Options{}.withDefaults()
	bg := sharedBackground()
	v := newVocab(bg, len(docs))

	// The terms of every text first (articles, titles, candidate
	// sentences), so that each thread numbers its terms in sorted order
	// once and every sum below runs in key order without sorting again.
	outlets := map[string]bool{}
	vecs := make([]termVec, len(docs))
	tvecs := make([]termVec, len(docs))
	tagDocs := map[string]int{}
	tagForm := map[string]map[string]int{}
	var cands []sentence
	var cvecs []termVec
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	for i, d := range docs {
		if d.Source != "" {
			outlets[d.Source] = true
		}
		if !d.Date.IsZero() {
			if m.First.IsZero() || d.Date.Before(m.First) {
				m.First = d.Date
			}
			if d.Date.After(m.Latest) {
				m.Latest = d.Date
			}
		}
		order, tf, _, toks := sc.termFeatures(d.Title, d.Text, opt)
		vecs[i] = v.vec(order, tf)
		seen := map[string]bool{}
		for _, ph := range phrases(toks) {
			key := tagKey(ph)
			if !seen[key] {
				seen[key] = true
				tagDocs[key]++
			}
			if tagForm[key] == nil {
				tagForm[key] = map[string]int{}
			}
			tagForm[key][ph]++
		}
		order, tf, _, _ = sc.termFeatures(d.Title, "", opt)
		tvecs[i] = v.vec(order, tf)
		cands, cvecs = summaryCandidates(cands, cvecs, v, sc, i, d, opt)
	}
	for o := range outlets {
		m.Outlets = append(m.Outlets, o)
	}
	sort.Strings(m.Outlets)
	v.rank()
	for i := range docs {
		v.weigh(&vecs[i])
		v.weigh(&tvecs[i])
	}
	cent := v.centroid(vecs).normalise()

	// The headline is the title the other headlines agree with most (its
	// words in theirs), then whose article is closest to the story: a
	// newcomer titled with its site's name, or off the story's point,
	// agrees with none and cannot take over.
	tcent := v.centroid(tvecs)
	bestTitle, bestSim := "", -1.0
	for i, d := range docs {
		t := strings.TrimSpace(d.Title)
		if t == "" {
			continue
		}
		s := tcent.cosineOthers(tvecs[i]) + 0.5*cent.cosine(vecs[i])
		if len(strings.Fields(t)) < 4 {
			s -= 0.2 // a label more than a headline
		}
		if s > bestSim {
			bestTitle, bestSim = t, s
		}
	}
	if bestTitle == "" {
		bestTitle = firstSentence(docs[0].Text)
	}
	m.Headline = bestTitle
	for i := range cands {
		v.weigh(&cvecs[i])
		cands[i].score = cent.cosine(cvecs[i]) * (1 - 0.05*float64(cands[i].pos))
	}
	m.Summary = summarise(cands, sc)
	m.Tags = pickTags(tagDocs, tagForm, len(docs))
	return m
}

// vocab numbers the terms of one thread's texts. Once all are in, rank
// renumbers them in sorted order, so that a vector sorted by number is
// sorted by term.
type vocab struct {
	bg    bgTable
	n     float64 // the IDF's document count: background, thread, one
	ids   map[string]int32
	terms []string
	renum []int32   // each term's sorted number by its first, once ranked
	idf   []float64 // by sorted number, once ranked
}

func newVocab(bg bgTable, docs int) *vocab {
	return &vocab{bg: bg, n: float64(bg.n + docs + 1), ids: map[string]int32{}}
}

// termVec is a sparse vector of term weights: raw term frequencies until
// weigh makes them unit-length log-TF·IDF weights, in term order.
type termVec struct {
	ids []int32
	w   []float64
}

// vec numbers the terms of order (as termFeatures returns them, each
// once) and keeps their frequencies tf.
func (v *vocab) vec(order []string, tf []float64) termVec {
	ids := make([]int32, len(order))
	for i, k := range order {
		id, ok := v.ids[k]
		if !ok {
			id = int32(len(v.terms))
			v.ids[k] = id
			v.terms = append(v.terms, k)
		}
		ids[i] = id
	}
	return termVec{ids: ids, w: tf}
}

// rank renumbers the terms in sorted order and computes their IDF.
func (v *vocab) rank() {
	perm := make([]int32, len(v.terms))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return strings.Compare(v.terms[a], v.terms[b]) })
	renum := make([]int32, len(perm))
	sorted := make([]string, len(perm))
	v.idf = make([]float64, len(perm))
	for r, old := range perm {
		renum[old] = int32(r)
		sorted[r] = v.terms[old]
		v.idf[r] = math.Log(v.n / float64(v.bg.df[v.terms[old]]+1))
	}
	v.terms = sorted
	v.renum = renum
}

// weigh turns tv's frequencies into log-TF·IDF weights of unit length,
// its terms in sorted order (v is ranked).
func (v *vocab) weigh(tv *termVec) {
	for i, id := range tv.ids {
		tv.ids[i] = v.renum[id]
	}
	sortVec(tv)
	var n float64
	for i, id := range tv.ids {
		tv.w[i] = math.Log1p(tv.w[i]) * v.idf[id]
		n += tv.w[i] * tv.w[i]
	}
	n = math.Sqrt(n)
	if n == 0 {
		return
	}
	for i := range tv.w {
		tv.w[i] /= n
	}
}

// sortVec sorts tv by term number, keeping each weight with its term.
func sortVec(tv *termVec) {
	if slices.IsSorted(tv.ids) {
		return
	}
	perm := make([]int, len(tv.ids))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int { return int(tv.ids[a]) - int(tv.ids[b]) })
	ids := make([]int32, len(perm))
	w := make([]float64, len(perm))
	for i, j := range perm {
		ids[i], w[i] = tv.ids[j], tv.w[j]
	}
	tv.ids, tv.w = ids, w
}

// denseVec is a sum of termVecs: a weight for every term of the vocab,
// and the terms any of them had, in sorted order.
type denseVec struct {
	w   []float64
	ids []int32
}

// centroid sums vecs term by term, in the order given.
func (v *vocab) centroid(vecs []termVec) denseVec {
	d := denseVec{w: make([]float64, len(v.terms))}
	in := make([]bool, len(v.terms))
	for _, tv := range vecs {
		for i, id := range tv.ids {
			d.w[id] += tv.w[i]
			in[id] = true
		}
	}
	for id, ok := range in {
		if ok {
			d.ids = append(d.ids, int32(id))
		}
	}
	return d
}

// normalise scales d to unit length, summing in term order; a zero
// vector stays as it is.
func (d denseVec) normalise() denseVec {
	var n float64
	for _, id := range d.ids {
		n += d.w[id] * d.w[id]
	}
	n = math.Sqrt(n)
	if n == 0 {
		return d
	}
	for _, id := range d.ids {
		d.w[id] /= n
	}
	return d
}

// cosine is the dot product of d and tv, summed in term order so that
// it never depends on map iteration.
func (d denseVec) cosine(tv termVec) float64 {
	var s float64
	for i, id := range tv.ids {
		s += tv.w[i] * d.w[id]
	}
	return s
}

// cosineOthers is the cosine of tv and the rest of the sum d that it is
// part of: d less tv, the weights above 1e-12 kept, normalised.
func (d denseVec) cosineOthers(tv termVec) float64 {
	j := 0
	var n float64
	for _, id := range d.ids {
		w := d.w[id]
		for j < len(tv.ids) && tv.ids[j] < id {
			j++
		}
		if j < len(tv.ids) && tv.ids[j] == id {
			w -= tv.w[j]
		}
		if w > 1e-12 {
			n += w * w
		}
	}
	n = math.Sqrt(n)
	if n == 0 {
		return 0
	}
	var s float64
	for i, id := range tv.ids {
		if w := d.w[id] - tv.w[i]; w > 1e-12 {
			s += tv.w[i] * (w / n)
		}
	}
	return s
}

type sentence struct {
	text, source string
	doc, pos     int
	score        float64
	words        map[string]bool // its content words, stemmed; see wordSet
}

// wordSet returns the stemmed content words of s, made on first use:
// summarise compares only the few best sentences of a story, so most
// candidates never need theirs.
func (s *sentence) wordSet(sc *scratch) map[string]bool {
	if s.words == nil {
		s.words = map[string]bool{}
		sc.toks = tokenizeAppend(sc.toks[:0], s.text, 0)
		for _, tk := range sc.toks {
			if keep(tk) {
				s.words[stem(tk.lower)] = true
			}
		}
	}
	return s.words
}

// summaryCandidates adds the sentences of d (the i-th document) that
// summarise may pick, the first few of each paragraph, and their terms,
// to cands and vecs, tokenizing in sc.
func summaryCandidates(cands []sentence, vecs []termVec, v *vocab, sc *scratch, i int, d Doc, opt Options) ([]sentence, []termVec) {
	for p, s := range splitSentences(d.Text, 6) {
		n := utf8.RuneCountInString(s)
		if n < 40 || n > 400 || !endsSentence(s) {
			// A line without a closing stop (a heading, a caption, a
			// cut paragraph) would read glued to the next sentence.
			continue
		}
		order, tf, _, _ := sc.termFeatures("", s, opt)
		src := d.Source
		if src == "" {
			src = d.ID
		}
		cands = append(cands, sentence{text: s, source: src, doc: i, pos: p})
		vecs = append(vecs, v.vec(order, tf))
	}
	return cands, vecs
}

// summarise picks two or three sentences central to the thread: early
// sentences of each article (cands, scored by their similarity to the
// centroid and their place), taken best first with at most one per
// outlet (or per article when outlets are unknown) and none repeating an
// earlier pick.
func summarise(cands []sentence, sc *scratch) string {
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var picked []sentence
	used := map[string]bool{}
	for pass := 0; pass < 2 && len(picked) < 3; pass++ {
		for ci := range cands {
			c := &cands[ci] // its words, once made, serve both passes
			if len(picked) == 3 {
				break
			}
			if pass == 0 && used[c.source] {
				continue
			}
			dup := false
			for k := range picked {
				p := &picked[k]
				if p.text == c.text || overlap(p.wordSet(sc), c.wordSet(sc)) >= 0.5 {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			picked = append(picked, *c)
			used[c.source] = true
		}
	}
	// Read them in the order the story unfolds: earlier in an article first.
	sort.SliceStable(picked, func(i, j int) bool { return picked[i].pos < picked[j].pos })
	parts := make([]string, len(picked))
	for i, p := range picked {
		parts[i] = p.text
	}
	return strings.Join(parts, " ")
}

// endsSentence says whether s ends as a sentence does: a full stop,
// question or exclamation mark, perhaps inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), "\"'”’)»")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// splitSentences cuts text into sentences at line breaks and at ., ! or ?
// followed by a space and a capital or a quotation mark; it stops after
// the first max sentences.
func splitSentences(text string, max int) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if len(out) >= max {
			break
		}
		start := 0
		rs := []rune(line)
		for i := 0; i < len(rs); i++ {
			if rs[i] != '.' && rs[i] != '!' && rs[i] != '?' {
				continue
			}
			j := i + 1
			for j < len(rs) && strings.ContainsRune("\"'”’)", rs[j]) {
				j++
			}
			if j >= len(rs) || rs[j] != ' ' || j+1 >= len(rs) {
				continue
			}
			nx := rs[j+1]
			if !(nx >= 'A' && nx <= 'Z') && !strings.ContainsRune("\"“‘'", nx) {
				continue
			}
			if w := lastWord(rs[start:i]); abbrevs[strings.ToLower(w)] || utf8.RuneCountInString(w) == 1 {
				continue
			}
			if s := strings.TrimSpace(string(rs[start:j])); s != "" {
				if out = append(out, s); len(out) >= max {
					return out
				}
			}
			start = j + 1
		}
		if s := strings.TrimSpace(string(rs[start:])); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func lastWord(rs []rune) string {
	i := len(rs)
	for i > 0 && isWordRune(rs[i-1]) {
		i--
	}
	return string(rs[i:])
}

func firstSentence(text string) string {
	if s := splitSentences(text, 1); len(s) > 0 {
		return s[0]
	}
	return ""
}

// phrases returns the runs of capitalised name words, as written.
func phrases(toks []token) []string {
	var out []string
	var run []string
	flush := func() {
		// A title or rank before a name is not part of it ("Sen. Mitch
		// McConnell"), nor is a connector left dangling.
		for len(run) > 0 && tagAbbrev[strings.ToLower(strings.TrimSuffix(run[0], "."))] {
			run = run[1:]
		}
		for len(run) > 0 && nameConnectors[run[len(run)-1]] {
			run = run[:len(run)-1]
		}
		// "Moscow and Pyongyang" are two names; "Food and Drug
		// Administration" is one: an "and" stays inside a name that ends
		// as an institution's does.
		if i := slices.Index(run, "and"); i >= 0 && !institutions[strings.ToLower(run[len(run)-1])] {
			head, tail := slices.Clone(run[:i]), slices.Clone(run[i+1:])
			for _, part := range [][]string{head, tail} {
				for len(part) > 0 && nameConnectors[part[len(part)-1]] {
					part = part[:len(part)-1]
				}
				if len(part) > 0 && len(part) <= 6 {
					out = append(out, strings.Join(part, " "))
				}
			}
			run = run[:0]
			return
		}
		if len(run) > 0 && len(run) <= 6 {
			out = append(out, strings.Join(run, " "))
		}
		run = run[:0]
	}
	for i, tk := range toks {
		if tk.entity && !tk.number {
			if len(run) > 0 && !tk.joined {
				flush()
			}
			run = append(run, tk.raw)
			continue
		}
		// "Food and Drug Administration", "Centers for Disease Control
		// and Prevention": a connector between capitalised words keeps
		// the name whole.
		if len(run) > 0 && nameConnectors[tk.raw] && tk.joined && i+1 < len(toks) && toks[i+1].entity && !toks[i+1].number && toks[i+1].joined {
			run = append(run, tk.raw)
			continue
		}
		flush()
	}
	flush()
	return out
}

// institutions are the last words of names that may hold an "and".
var institutions = set(`administration prevention department association agency commission institute institution company
council committee bureau foundation service services society university court party union organization
organisation authority office ministry centre center board fund trust corporation group bank school college
museum hospital agencies development affairs security safety research technology trade`)

// nameConnectors are the lowercase words found inside multi-word names.
var nameConnectors = set(`of and for the de du von van la le`)

// tagAbbrev are the capitalised abbreviations and titles that are no tag
// on their own and no part of the name they precede: months, weekdays,
// ranks, offices.
var tagAbbrev = set(`jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
gen sen rep reps gov lt col sgt capt cpl pvt maj adm cmdr pres supt det insp staff mr mrs ms dr prof rev hon st sr jr
president senator governor secretary minister chancellor judge justice officer general sergeant captain lieutenant
chief deputy mayor representative congressman congresswoman center`)

// tagKey is the key that merges a name's variants: case, a plural ("Republicans"),
// and the few party nicknames.
func tagKey(ph string) string {
	k := strings.ToLower(ph)
	if a, ok := tagAliases[k]; ok {
		return a
	}
	if !strings.Contains(k, " ") && len(k) > 4 && strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") {
		k = strings.TrimSuffix(k, "s")
	}
	return k
}

var tagAliases = map[string]string{"gop": "republican", "dems": "democrat", "democratic party": "democrat", "republican party": "republican"}

// pickTags keeps the names that at least two articles (or the only one)
// mention, most widely mentioned first, dropping a name contained in a
// longer kept one ("Lavrov" under "Sergey Lavrov" only when the longer is as
// common).
func pickTags(docsWith map[string]int, forms map[string]map[string]int, n int) []string {
	minDocs := 2
	if n == 1 {
		minDocs = 1
	}
	keys := make([]string, 0, len(docsWith))
	for k, c := range docsWith {
		if c >= minDocs && utf8.RuneCountInString(k) >= 3 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if docsWith[a] != docsWith[b] {
			return docsWith[a] > docsWith[b]
		}
		return a < b
	})
	var out []string
	var kept []string
	for _, k := range keys {
		sub := false
		for i, o := range kept {
			if strings.Contains(" "+k+" ", " "+o+" ") && docsWith[k]*2 >= docsWith[o] {
				// The fuller name, when half the articles use it:
				// "Donald Trump" rather than "Trump".
				kept[i], out[i] = k, bestForm(forms[k])
				sub = true
				break
			}
			if strings.Contains(" "+o+" ", " "+k+" ") || strings.Contains(" "+k+" ", " "+o+" ") {
				sub = true
				break
			}
		}
		if sub {
			continue
		}
		kept = append(kept, k)
		out = append(out, bestForm(forms[k]))
		if len(out) == 10 {
			break
		}
	}
	return out
}

func bestForm(forms map[string]int) string {
	best, n := "", -1
	for f, c := range forms {
		// An all-capital nickname ("GOP") gives way to the word it
		// stands for when both are used.
		if isUpper(f) && len(forms) > 1 {
			c = 0
		}
		if c > n || c == n && (len(f) > len(best) || len(f) == len(best) && f < best) {
			best, n = f, c
		}
	}
	return best
}

func isUpper(s string) bool { return strings.ToUpper(s) == s && strings.ToLower(s) != s }
