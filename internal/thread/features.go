package thread

import (
	"slices"
	"sync"
)

// termFeatures turns an article into weighted terms: stemmed words,
// numbers and multi-word names, each counted with the weight of where it
// stands (title, lead, body, tail) and boosted when it names something.
// The terms come in first-occurrence order (each once), their weights in
// tf and in named the marks of those that name something (names,
// multi-word names and figures), in slices beside them: one map lookup a
// word instead of three, for the threading of every article. all is the
// title's and body's tokens.
func termFeatures(title, body string, opt Options) (order []string, tf []float64, named []bool, all []token) {
	return new(scratch).termFeatures(title, body, opt)
}

// scratch is the working space of termFeatures, kept from one text to
// the next by a caller that makes many: the tokens (about 40 kB an
// article, the largest allocation of threading and of describing a
// story), the map that numbers terms and the bytes of a multi-word name.
// What termFeatures returns in all is valid until its next call.
type scratch struct {
	toks  []token
	index map[string]int32
	key   []byte
}

// scratches lends scratch space to the analyses, which run on all cores.
var scratches = sync.Pool{New: func() any { return new(scratch) }}

// termFeatures is termFeatures in sc's space: all is sc's tokens.
func (sc *scratch) termFeatures(title, body string, opt Options) (order []string, tf []float64, named []bool, all []token) {
	// The title's and body's tokens in one slice from the start: all
	// is both of them, and copying every body's tokens into it once
	// tokenized was the largest allocation of a build's story
	// descriptions.
	if n := tokenEstimate(title) + tokenEstimate(body); cap(sc.toks) < n {
		sc.toks = make([]token, 0, n)
	}
	all = tokenizeAppend(sc.toks[:0], title, 0)
	nt := len(all)
	all = tokenizeAppend(all, body, 1000000)
	sc.toks = all
	tt, bt := all[:nt:nt], all[nt:]
	markEntities(tt, bt)
	// Sized up front: an article has about one distinct term for every
	// three words, and growing the map by doubling cost more than filling
	// it.
	hint := (len(tt) + len(bt)) / 3
	if sc.index == nil {
		sc.index = make(map[string]int32, hint)
	} else {
		clear(sc.index)
	}
	index := sc.index
	// order lists the terms as they first occur, so that term ids are
	// handed out deterministically without sorting.
	order = make([]string, 0, hint)
	tf = make([]float64, 0, hint)
	named = make([]bool, 0, hint)
	bump := func(k string, w float64) int32 {
		i, ok := index[k]
		if !ok {
			i = int32(len(order))
			index[k] = i
			order = append(order, k)
			tf = append(tf, 0)
			named = append(named, false)
		}
		tf[i] += w
		return i
	}
	bumpBytes := func(k []byte, w float64) int32 {
		if i, ok := index[string(k)]; ok {
			tf[i] += w
			return i
		}
		return bump(string(k), w)
	}
	add := func(toks []token, zone func(k int, tk token) float64) {
		run := make([]string, 0, 4)
		runW := 0.0
		flush := func() {
			for n := 2; n <= len(run) && n <= 3; n++ {
				for s := 0; s+n <= len(run); s++ {
					// The name's bytes are joined in sc.key: a name
					// already counted costs no string.
					sc.key = append(sc.key[:0], run[s]...)
					for _, w := range run[s+1 : s+n] {
						sc.key = append(append(sc.key, ' '), w...)
					}
					named[bumpBytes(sc.key, runW*opt.EntityWeight)] = true
				}
			}
			run = run[:0]
		}
		for k, tk := range toks {
			z := zone(k, tk)
			if tk.entity && (len(run) == 0 || tk.joined) && len(run) < 6 {
				if len(run) == 0 {
					runW = z
				}
				run = append(run, tk.lower)
			} else {
				flush()
				if tk.entity {
					runW = z
					run = append(run, tk.lower)
				}
			}
			if !keep(tk) {
				continue
			}
			w := z
			switch {
			case tk.entity:
				w *= opt.EntityWeight
			case tk.number:
				w *= opt.NumberWeight
			}
			key := tk.lower
			if !tk.number {
				key = stem(key)
			}
			i := bump(key, w)
			if tk.entity || tk.number {
				named[i] = true
			}
		}
		flush()
	}
	add(tt, func(int, token) float64 { return opt.TitleWeight })
	firstSent := -1
	if len(bt) > 0 {
		firstSent = bt[0].sent
	}
	add(bt, func(k int, tk token) float64 {
		switch {
		case tk.sent < firstSent+2 && k < 80:
			return opt.LeadWeight
		case k < 400:
			return 1
		default:
			return 0.5
		}
	})
	if opt.PersonWeight != 1 {
		// People are who an event happens to: a sister event of the same
		// kind has other ones.
		for _, p := range persons(all) {
			if i, ok := index[stem(p)]; ok && tf[i] > 0 {
				tf[i] *= opt.PersonWeight
			}
		}
	}
	return order, tf, named, all
}

// persons returns the surnames of people named in full (two or three
// capitalised words) and again alone.
func persons(toks []token) []string {
	full := map[string]bool{}
	alone := map[string]bool{}
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && toks[j].entity && !toks[j].number && (j == i || toks[j].joined) {
			j++
		}
		switch {
		case j-i >= 2 && j-i <= 3:
			full[toks[j-1].lower] = true
		case j-i == 1:
			alone[toks[i].lower] = true
		}
		i = max(j, i+1)
	}
	var out []string
	for s := range full {
		if alone[s] && !notNames[s] && !isStopword(s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// people finds persons by a name heuristic: a run of two or three
// capitalised words whose last word also stands alone elsewhere ("Jamal
// Williams" … "Williams said"). It returns the surname mentioned most
// (mentions in the headline and lead count double; at least three in all)
// and the surnames in the headline and lead.
func people(toks []token) (string, bool, []string) {
	full := map[string]bool{}
	count := map[string]int{}
	lead := map[string]bool{}
	firstSent := -1
	for _, tk := range toks {
		if tk.sent >= 1000000 {
			firstSent = tk.sent
			break
		}
	}
	inLead := func(tk token) bool { return tk.sent < 1000000 || tk.sent < firstSent+2 }
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && toks[j].entity && !toks[j].number && (j == i || toks[j].joined) {
			j++
		}
		switch {
		case j-i >= 2 && j-i <= 3:
			full[toks[j-1].lower] = true
			count[toks[j-1].lower]++
			if inLead(toks[j-1]) {
				count[toks[j-1].lower]++
				lead[toks[j-1].lower] = true
			}
		case j-i == 1:
			count[toks[i].lower]++
			if inLead(toks[i]) {
				count[toks[i].lower]++
				lead[toks[i].lower] = true
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	// A surname seen with a first name counts half as much again; a
	// single word needs three mentions.
	best, n := "", 2.0
	for s, c := range count {
		if notNames[s] || isStopword(s) {
			continue
		}
		score := float64(c)
		if full[s] {
			score *= 1.5
		}
		if score > n || score == n && s < best {
			best, n = s, score
		}
	}
	var leadPeople []string
	for s := range lead {
		leadPeople = append(leadPeople, s)
	}
	slices.Sort(leadPeople)
	return best, full[best], leadPeople
}
