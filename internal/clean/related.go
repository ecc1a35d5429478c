package clean

import (
	"strings"

	"github.com/digest-news/digest/internal/meta"

	"github.com/digest-news/digest/internal/news"
)

// snippetMax bounds a teaser's snippet: some pages put a whole story
// there, and a teaser only needs its opening.
const snippetMax = 300

// teaser is one teaser of another story found on the page, with the
// index of its first line.
type teaser struct {
	at int
	r  news.Related
}

// markTeasers finds teaser groups built around a relative age: an outlet
// line, the age ("15 minutes ago"), maybe the outlet again after a dash
// or bullet, the headline and a snippet. Headlines repeated just before
// the outlet belong to the group too. Every line of a group is marked.
func markTeasers(lines []line) []teaser {
	var out []teaser
	for a := range lines {
		if !lines[a].age {
			continue
		}
		lines[a].teaser = true
		var t news.Related
		first := a
		if a > 0 && outletLike(&lines[a-1]) {
			first = a - 1
			t.Source = lines[a-1].text
			lines[a-1].teaser = true
		}
		i := a + 1
		if i < len(lines) {
			if item, ok := bulleted(lines[i].text); ok && len(strings.Fields(item)) <= 5 {
				if t.Source == "" {
					t.Source = item
				}
				lines[i].teaser = true
				i++
			} else if strings.HasPrefix(lines[i].text, "-") || strings.HasPrefix(lines[i].text, "•") {
				lines[i].teaser = true
				i++
			}
		}
		if i < len(lines) && !lines[i].age && lines[i].words >= 3 && !lines[i].tail {
			t.Title = lines[i].text
			lines[i].teaser = true
			i++
			if i < len(lines) && lines[i].words >= 8 && !nextGroupStarts(lines, i) {
				t.Snippet = meta.Trim(lines[i].text, snippetMax)
				lines[i].teaser = true
			}
		}
		// The same headline shown above the outlet.
		for j := first - 1; j >= 0 && j >= first-3 && t.Title != ""; j-- {
			if lines[j].text != t.Title {
				break
			}
			lines[j].teaser = true
			first = j
		}
		if t.Title != "" {
			out = append(out, teaser{at: first, r: t})
		}
	}
	return out
}

// outletLike reports whether a line can be an outlet's name: a few words
// without sentence punctuation.
func outletLike(l *line) bool {
	return l.words >= 1 && l.words <= 5 && !l.endPunct && !l.tail && !l.age
}

// nextGroupStarts reports whether line i opens the next teaser group: it is
// an outlet right before an age, or a headline shown twice.
func nextGroupStarts(lines []line, i int) bool {
	if i+1 >= len(lines) {
		return false
	}
	return lines[i+1].age || lines[i+1].text == lines[i].text
}

// maxListed bounds a plain list of related headlines.
const maxListed = 12

// relatedAfter returns the teasers found after the article's start,
// without repeated headlines. When the page has no teaser groups, it takes
// the plain list of headlines under a "Related …" label after the article.
func relatedAfter(lines []line, teasers []teaser, start int) []news.Related {
	seen := map[string]bool{}
	var out []news.Related
	for _, t := range teasers {
		if t.at < start || seen[t.r.Title] {
			continue
		}
		seen[t.r.Title] = true
		out = append(out, t.r)
	}
	if len(out) > 0 {
		return out
	}
	for i := start; i < len(lines); i++ {
		if !lines[i].tail || !strings.Contains(lines[i].norm, "related") {
			continue
		}
		for j := i + 1; j < len(lines) && len(out) < maxListed; j++ {
			l := &lines[j]
			if l.words <= 2 && !l.tail {
				continue // a section label between headlines
			}
			if !headlineLike(l) {
				break
			}
			if !seen[l.text] {
				seen[l.text] = true
				out = append(out, news.Related{Title: l.text})
			}
		}
		break
	}
	return out
}

// datedTeasers is how often the shape "date line, one paragraph, then a
// short line" must recur before it is read as a list of teasers.
const datedTeasers = 3

// markDatedTeasers finds lists of teasers that give each story a date and
// one paragraph of text ("Headline / Author / Tuesday November 19, 2019 /
// snippet"). A paragraph followed by more paragraphs opens an article and
// is left alone.
func markDatedTeasers(lines []line) {
	var hits []int
	for i := 0; i+1 < len(lines); i++ {
		if !lines[i].date {
			continue
		}
		j := i + 1
		if lines[j].words < 15 {
			continue
		}
		if j+1 < len(lines) && lines[j+1].words >= 15 {
			continue
		}
		hits = append(hits, i)
	}
	if len(hits) < datedTeasers {
		return
	}
	for _, i := range hits {
		lines[i].teaser = true
		lines[i+1].teaser = true
	}
}
