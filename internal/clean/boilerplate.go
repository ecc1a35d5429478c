package clean

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
)

// Boilerplate is what recurs across many dumps of one batch or source:
// such lines are not article text. The zero value and nil know nothing.
type Boilerplate struct {
	seeds [2]maphash.Seed
	lines map[lineKey]bool
}

// lineKey identifies a line by two 64-bit hashes of its text: a batch of
// 100,000 dumps has millions of distinct lines, and counting them by
// their text would keep every dump's text alive until the batch is
// learnt. Two lines share a key with a chance of about 2^-128.
type lineKey [2]uint64

func (b *Boilerplate) key(t string) lineKey {
	return lineKey{maphash.String(b.seeds[0], t), maphash.String(b.seeds[1], t)}
}

// LearnBoilerplate finds the lines that recur across dumps of one batch.
// Short lines (labels, menus) count when two dumps and a fifth of them
// share them; long lines only when most of at least five dumps do, since
// syndicated copies of one story share whole paragraphs.
func LearnBoilerplate(dumps []string) *Boilerplate {
	l := NewBoilerplateLearner()
	for _, d := range dumps {
		l.Add(d)
	}
	return l.Boilerplate()
}

// A BoilerplateLearner is LearnBoilerplate a dump at a time, for a caller
// that does not hold every dump of a batch at once. The dumps may be
// added in any order, from several goroutines.
type BoilerplateLearner struct {
	mu sync.Mutex
	bp *Boilerplate
	df map[lineKey]lineCount
	n  int
}

type lineCount struct {
	dumps int32
	short bool // six words or fewer
}

// NewBoilerplateLearner returns a learner that has seen no dump.
func NewBoilerplateLearner() *BoilerplateLearner {
	return &BoilerplateLearner{
		bp: &Boilerplate{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}},
		df: map[lineKey]lineCount{},
	}
}

// Add counts the distinct lines of one dump. It keeps nothing of d.
func (l *BoilerplateLearner) Add(d string) {
	type seenLine struct {
		k     lineKey
		short bool
	}
	seen := map[lineKey]bool{}
	var lines []seenLine
	for raw := range strings.SplitSeq(d, "\n") {
		t := trimLine(raw)
		if t == "" {
			continue
		}
		k := l.bp.key(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		lines = append(lines, seenLine{k, atMostWords(t, 6)})
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n++
	for _, s := range lines {
		c := l.df[s.k]
		c.dumps++
		c.short = s.short
		l.df[s.k] = c
	}
}

// atMostWords says whether t has n words or fewer, as strings.Fields
// splits them, without making the words.
func atMostWords(t string, n int) bool {
	words, in := 0, false
	for _, r := range t {
		space := unicode.IsSpace(r)
		if !space && !in {
			if words++; words > n {
				return false
			}
		}
		in = !space
	}
	return true
}

// Boilerplate returns the lines learnt from the dumps added. The learner
// is not to be used after.
func (l *BoilerplateLearner) Boilerplate() *Boilerplate {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.bp
	b.lines = map[lineKey]bool{}
	n := l.n
	for k, c := range l.df {
		switch {
		case c.short && c.dumps >= 2 && 5*int(c.dumps) >= n:
			b.lines[k] = true
		case c.dumps >= 5 && 2*int(c.dumps) >= n:
			b.lines[k] = true
		}
	}
	l.df = nil
	return b
}

// Len returns how many lines were learnt.
func (b *Boilerplate) Len() int {
	if b == nil {
		return 0
	}
	return len(b.lines)
}

func (b *Boilerplate) has(t string) bool {
	return b != nil && len(b.lines) > 0 && b.lines[b.key(t)]
}
