package thread

import (
	"hash/fnv"
	"sort"
)

// Copy detection compares two kinds of fingerprint. Sampled four-word
// shingles catch syndicated wire copy, which reuses runs of words. A
// rewrite that paraphrases every sentence shares few runs, but its
// sentences still align one to one, in the same order, on their content
// words; that is the second fingerprint.
const (
	shingleSample = 4  // keep the shingles whose hash is 0 modulo this
	maxShingles   = 512
	maxSentences  = 40
	maxSentWords  = 24
	minSentWords  = 4
)

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// fingerprints returns an article's sampled shingle hashes (sorted) and,
// for each of its first sentences, the set of its content words' hashes.
func fingerprints(toks []token) ([]uint32, [][]uint16) {
	hs := make([]uint64, len(toks))
	for i, tk := range toks {
		hs[i] = hashString(tk.lower)
	}
	var sh []uint32
	for i := 0; i+4 <= len(toks) && len(sh) < maxShingles; i++ {
		h := hs[i]
		for _, x := range hs[i+1 : i+4] {
			h = (h ^ x) * 0x100000001b3
			h ^= h >> 29
		}
		if h%shingleSample == 0 {
			sh = append(sh, uint32(h>>32))
		}
	}
	sh = uniq32(sh)
	var sents [][]uint16
	cur := []uint16{}
	curSent := -1
	flush := func() {
		if len(cur) >= minSentWords && len(sents) < maxSentences {
			s := uniq16(cur)
			if len(s) >= minSentWords {
				sents = append(sents, s)
			}
		}
		cur = []uint16{}
	}
	for _, tk := range toks {
		if tk.sent != curSent {
			flush()
			curSent = tk.sent
		}
		if !keep(tk) || len(cur) >= maxSentWords {
			continue
		}
		w := tk.lower
		if !tk.number {
			w = stem(w)
		}
		cur = append(cur, uint16(hashString(w)))
	}
	flush()
	return sh, sents
}

func uniq32(s []uint32) []uint32 {
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func uniq16(s []uint16) []uint16 {
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// containment is the share of a's sampled shingles found in b.
func containment(a, b []uint32) float64 {
	if len(a) < 6 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(len(a))
}

// alignment counts a's sentences that have a close match in b (Dice on
// content words at least 0.45), keeping only matches in the same order
// (the longest increasing run of b's positions).
func alignment(a, b [][]uint16) int {
	var seq []int
	for _, sa := range a {
		bestJ, best := -1, 0.45
		for j, sb := range b {
			if d := dice(sa, sb); d >= best {
				bestJ, best = j, d
			}
		}
		if bestJ >= 0 {
			seq = append(seq, bestJ)
		}
	}
	// Longest strictly increasing subsequence, patience sorting.
	var tails []int
	for _, x := range seq {
		k := sort.SearchInts(tails, x)
		if k == len(tails) {
			tails = append(tails, x)
		} else {
			tails[k] = x
		}
	}
	return len(tails)
}

func dice(a, b []uint16) float64 {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// copyEvidence scores how surely a copies or rewrites b: 0 when the
// evidence falls short of both thresholds, else the stronger of the two
// shares.
func copyEvidence(a, b docState, opt Options) float64 {
	c := containment(a.shing, b.shing)
	var al float64
	if len(a.sents) >= minAligned {
		n := alignment(a.sents, b.sents)
		if n >= minAligned {
			al = float64(n) / float64(len(a.sents))
		}
	}
	switch {
	case c >= opt.CopyContainment && c >= al:
		return c
	case al >= opt.CopyAlignment:
		return al
	case c >= opt.CopyContainment:
		return c
	}
	return 0
}

// minAligned is the fewest aligned sentences that make a rewrite: one or
// two shared quotations are what independent reports have in common.
const minAligned = 4
