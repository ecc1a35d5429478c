package clean

import "strings"

// Boilerplate is what recurs across many dumps of one batch or source:
// such lines are not article text. The zero value and nil know nothing.
type Boilerplate struct {
	lines map[string]bool
}

// LearnBoilerplate finds the lines that recur across dumps of one batch.
// Short lines (labels, menus) count when two dumps and a fifth of them
// share them; long lines only when most of at least five dumps do, since
// syndicated copies of one story share whole paragraphs.
func LearnBoilerplate(dumps []string) *Boilerplate {
	df := map[string]int{}
	for _, d := range dumps {
		seen := map[string]bool{}
		for _, raw := range strings.Split(d, "\n") {
			t := trimLine(raw)
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			df[t]++
		}
	}
	n := len(dumps)
	b := &Boilerplate{lines: map[string]bool{}}
	for t, c := range df {
		words := len(strings.Fields(t))
		switch {
		case words <= 6 && c >= 2 && 5*c >= n:
			b.lines[t] = true
		case c >= 5 && 2*c >= n:
			b.lines[t] = true
		}
	}
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
	return b != nil && b.lines[t]
}
