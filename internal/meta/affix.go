package meta

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// Titled is one article of an import batch: the outlet it was published
// by, its page's title as written and the headline chosen for it.
type Titled struct {
	// Outlet groups the articles of one site: its host, else its name
	// folded. Articles with an empty Outlet are never changed.
	Outlet string
	// Title is the title the page gives itself, with the site's name,
	// section or tagline pieces its template puts on every page.
	Title string
	// Headline is the headline chosen for the page, which may still
	// hold some of those pieces; "" means Title.
	Headline string
}

// affixSeps are the separators that join a site's name, section or
// tagline to a headline in page titles. The colon is not one: "Brexit:
// …", "The Latest: …", "Exclusive: …" and "…: KCNA" are the headline's own
// labels, which an outlet repeats on many pages.
var affixSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / ", "｜", " ~ "}

const (
	// affixMinPages is how many distinct headlines of one outlet must
	// carry an affix for it to be the site's: two pages may share a topic
	// label ("Milan Design Week 2018 | …").
	affixMinPages = 3
	// affixMaxWords bounds a site's affix; a longer piece is a headline.
	affixMaxWords = 8
	// affixSectionWords bounds a piece that extends a site's affix (a
	// section between it and the headline: "Autoracing | F1 | …").
	affixSectionWords = 3
	// affixMinRest is the fewest words a headline keeps once cut.
	affixMinRest = 3
)

// CutSharedAffixes returns the pages' headlines with the affixes an
// outlet puts on all its pages' titles cut off. Such an affix is a prefix
// or suffix, joined at a separator such as " | " or " – ", that at least
// three distinct titles of the same outlet carry, and at least half of
// those of its titles that have a separator at all (so a topic label on
// some of an outlet's pages is not taken for its name); a short piece
// next to it that at least two of those titles share (a section) goes
// with it. A headline is cut where it overlaps its title's affix, and
// only if it keeps at least three words; a headline found elsewhere than
// in the title (the visible <h1>) is left as it is. The result depends on
// the set of titles of each outlet only, not on their order or on how
// often one repeats.
func CutSharedAffixes(pages []Titled) []string {
	out := make([]string, len(pages))
	groups := map[string][]string{}
	for i, p := range pages {
		out[i] = cmp.Or(p.Headline, p.Title)
		if p.Outlet != "" && p.Title != "" {
			groups[p.Outlet] = append(groups[p.Outlet], p.Title)
		}
	}
	kept := map[string]map[string][2]int{} // outlet → title → span of its headline
	for outlet, titles := range groups {
		slices.Sort(titles)
		titles = slices.Compact(titles)
		if c := cutGroup(titles); len(c) > 0 {
			kept[outlet] = c
		}
	}
	for i, p := range pages {
		span, ok := kept[p.Outlet][p.Title]
		if !ok {
			continue
		}
		// The headline's place in its title, and the part of it within
		// the span the affixes leave.
		h := out[i]
		at := strings.Index(p.Title, h)
		if at < 0 {
			continue
		}
		lo, hi := max(at, span[0]), min(at+len(h), span[1])
		if lo >= hi || (lo == at && hi == at+len(h)) {
			continue
		}
		if c := strings.TrimSpace(p.Title[lo:hi]); affixWords(c) >= affixMinRest {
			out[i] = c
		}
	}
	return out
}

// cutGroup finds the shared affixes of one outlet's distinct titles and
// returns, for each title that has one, the byte span of the title they
// leave.
func cutGroup(titles []string) map[string][2]int {
	type split struct {
		title string
		seps  [][2]int // byte spans of the separators, in order
	}
	var splits []split
	prefixes, suffixes := map[string]int{}, map[string]int{}
	for _, t := range titles {
		seps := affixSepSpans(t)
		if len(seps) == 0 {
			continue
		}
		splits = append(splits, split{t, seps})
		for _, s := range seps {
			prefixes[t[:s[1]]]++
			suffixes[t[s[0]:]]++
		}
	}
	eligible := len(splits)
	if eligible < affixMinPages {
		return nil
	}
	siteAffix := func(n int, affix string) bool {
		return n >= affixMinPages && 2*n >= eligible && affixWords(affix) <= affixMaxWords
	}
	out := map[string][2]int{}
	for _, sp := range splits {
		t, seps := sp.title, sp.seps
		// The longest prefix that is the site's, then the sections after
		// it.
		pre := -1
		for k, s := range seps {
			if siteAffix(prefixes[t[:s[1]]], t[:s[1]]) {
				pre = k
			}
		}
		if pre >= 0 {
			for pre+1 < len(seps) && prefixes[t[:seps[pre+1][1]]] >= 2 && affixWords(t[seps[pre][1]:seps[pre+1][0]]) <= affixSectionWords {
				pre++
			}
		}
		// The longest suffix that is the site's, then the sections
		// before it.
		suf := -1
		for k := len(seps) - 1; k >= 0; k-- {
			if siteAffix(suffixes[t[seps[k][0]:]], t[seps[k][0]:]) {
				suf = k
			}
		}
		if suf >= 0 {
			for suf-1 >= 0 && suffixes[t[seps[suf-1][0]:]] >= 2 && affixWords(t[seps[suf-1][1]:seps[suf][0]]) <= affixSectionWords {
				suf--
			}
		}
		lo, hi := 0, len(t)
		if pre >= 0 {
			lo = seps[pre][1]
		}
		if suf >= 0 {
			hi = seps[suf][0]
		}
		// Both cuts when the headline keeps enough of itself, else the
		// suffix's alone (a site's name is more often after the
		// headline), else the prefix's.
		for _, span := range [][2]int{{lo, hi}, {0, hi}, {lo, len(t)}} {
			if span == [2]int{0, len(t)} || span[0] >= span[1] {
				continue
			}
			if affixWords(t[span[0]:span[1]]) >= affixMinRest {
				out[t] = span
				break
			}
		}
	}
	return out
}

// affixSepSpans returns the byte spans of the separators in a title, in
// order and not overlapping.
func affixSepSpans(t string) [][2]int {
	var spans [][2]int
	for i := 0; i < len(t); {
		n := 0
		for _, sep := range affixSeps {
			if strings.HasPrefix(t[i:], sep) {
				n = len(sep)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		spans = append(spans, [2]int{i, i + n})
		i += n
	}
	return spans
}

// affixWords counts the words of a title piece: runs with a letter or a
// digit, a Chinese, Japanese or Korean character counting as half a word.
func affixWords(s string) int {
	n, cjk := 0, 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			cjk++
		}
	}
	return n + cjk/2
}
