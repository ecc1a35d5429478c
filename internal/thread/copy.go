package thread

import (
	"slices"
	"sort"
)

// Copy detection compares two kinds of fingerprint. Sampled four-word
// shingles catch syndicated wire copy, which reuses runs of words. A
// rewrite that paraphrases every sentence shares few runs, but its
// sentences still align one to one, in the same order, on their content
// words; that is the second fingerprint.
const (
	shingleSample = 4 // keep the shingles whose hash is 0 modulo this
	maxShingles   = 512
	maxSentences  = 30
	maxSentWords  = 16
	minSentWords  = 4
)

// hashString is the 64-bit FNV-1a hash of s, as hash/fnv computes it,
// without the two allocations of the hash and the byte slice: it runs
// on every word of every article.
func hashString(s string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// sentPrint is the content words of an article's first sentences:
// words holds hash<<8 | sentence, sorted; size the distinct words of each
// sentence.
type sentPrint struct {
	words []uint32
	size  []uint8
}

// fingerprints returns an article's sampled shingle hashes (sorted) and
// the content words of its first sentences.
func fingerprints(toks []token) ([]uint32, sentPrint) {
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
	// Kept for the article's lifetime: no spare capacity.
	sh = slices.Clone(uniq32(sh))
	var sp sentPrint
	cur := make([]uint16, 0, maxSentWords)
	curSent := -1
	flush := func() {
		if len(cur) >= minSentWords && len(sp.size) < maxSentences {
			s := uniq16(cur)
			if len(s) >= minSentWords {
				k := uint32(len(sp.size))
				for _, w := range s {
					sp.words = append(sp.words, uint32(w)<<8|k)
				}
				sp.size = append(sp.size, uint8(len(s)))
			}
		}
		cur = cur[:0]
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
	slices.Sort(sp.words)
	sp.words = slices.Clone(sp.words)
	return sh, sp
}

func uniq32(s []uint32) []uint32 {
	slices.Sort(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func uniq16(s []uint16) []uint16 {
	slices.Sort(s)
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
// (the longest increasing run of b's positions). Shared words are found by
// merging the two sorted word lists, so the cost is linear in their length
// plus the sentence-pair table.
func alignment(a, b sentPrint) int {
	na, nb := len(a.size), len(b.size)
	if na == 0 || nb == 0 {
		return 0
	}
	var buf [maxSentences * maxSentences]uint8
	shared := buf[:na*nb]
	i, j := 0, 0
	for i < len(a.words) && j < len(b.words) {
		wa, wb := a.words[i]>>8, b.words[j]>>8
		switch {
		case wa < wb:
			i++
		case wa > wb:
			j++
		default:
			i2 := i
			for i2 < len(a.words) && a.words[i2]>>8 == wa {
				i2++
			}
			j2 := j
			for j2 < len(b.words) && b.words[j2]>>8 == wb {
				j2++
			}
			for _, x := range a.words[i:i2] {
				for _, y := range b.words[j:j2] {
					shared[int(x&0xff)*nb+int(y&0xff)]++
				}
			}
			i, j = i2, j2
		}
	}
	var seq []int
	for x := 0; x < na; x++ {
		bestJ, best := -1, 0.45
		for y := 0; y < nb; y++ {
			n := shared[x*nb+y]
			if n == 0 {
				continue
			}
			if d := 2 * float64(n) / float64(int(a.size[x])+int(b.size[y])); d >= best {
				bestJ, best = y, d
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

// copyEvidence scores how surely a copies or rewrites b: 0 when the
// evidence falls short of both thresholds, else the stronger of the two
// shares.
func copyEvidence(a, b *docState, opt Options, align bool) float64 {
	c := containment(a.shing, b.shing)
	var al float64
	if align && c < opt.CopyContainment && len(a.sents.size) >= minAligned {
		n := alignment(a.sents, b.sents)
		if n >= minAligned {
			al = float64(n) / float64(len(a.sents.size))
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
