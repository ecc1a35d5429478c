// Package corpus generates synthetic scraped news articles for benchmarks:
// a deterministic, seed-driven stream of plain-text page dumps in the form
// of testdata/seeds (title line, paragraphs, then an aggregator's tail of
// menus, teasers and comments), grouped into story threads of 1 to about
// 40 reports from several outlets, spread over weeks. It reads and writes
// no files; the caller decides where the dumps go.
package corpus

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Options configures a corpus.
type Options struct {
	Articles int       // how many articles to generate
	Seed     uint64    // the same seed gives the same corpus, byte for byte
	Start    time.Time // the first story's day; zero means 2025-06-01 UTC, or earlier for a corpus whose span would pass 2026-06-01
}

// Doc is one generated raw article.
type Doc struct {
	Name   string    // a file name, unique in the corpus: "000123_<hash>.txt"
	Text   string    // the page dump
	Date   time.Time // publication time, also written in the dateline
	Thread int       // the story it belongs to, for checking a threader
	Outlet string    // the outlet that published it
	CopyOf int       // index of the article it copies (wire copy), or -1
}

// Outlets are the generated sources, with how often each publishes.
var outlets = []struct {
	name   string
	weight int
}{
	{"Reuters", 9}, {"Associated Press", 8}, {"AFP", 7}, {"BBC News", 6}, {"Al Jazeera", 5},
	{"The Guardian", 5}, {"CNN", 5}, {"Politico", 3}, {"The Hindu", 3}, {"Hindustan Times", 3},
	{"New York Post", 2}, {"The Hill", 2}, {"Hamilton Spectator", 1}, {"First Post", 1},
}

var agencies = []string{"Reuters", "AP", "AFP", "UNI", "PTI", "dpa"}

// Generate calls fn for each of opt.Articles documents in publication
// order. It stops at the first error fn returns. Memory stays bounded by
// the open stories, not by the corpus size.
func Generate(opt Options, fn func(Doc) error) error {
	g := &gen{rng: rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))}
	totalW := 0
	for _, o := range outlets {
		totalW += o.weight
	}
	g.outletW = totalW
	// Stories start over a span that grows with the corpus, about 167
	// articles a day (10,000 over 60 days), so a big corpus covers months.
	days := max(7, opt.Articles*6/1000)
	span := time.Duration(days) * 24 * time.Hour
	if opt.Start.IsZero() {
		opt.Start = defaultStart(span)
	}

	// Plan stories until they hold enough articles, then emit all
	// articles in date order. Sizes follow a heavy-tailed law: most
	// stories have a few reports, some have dozens.
	type planned struct {
		story *story
		at    time.Time
		idx   int // position in the story
	}
	var plan []planned
	for n, id := 0, 0; n < opt.Articles; id++ {
		size := min(1+int(math.Floor(math.Pow(g.rng.Float64(), 2.2)*40)), opt.Articles-n)
		s := g.newStory(id)
		start := opt.Start.Add(time.Duration(g.rng.Int64N(int64(span))))
		last := time.Duration(1+g.rng.IntN(5*24)) * time.Hour // a story runs hours to days
		for i := range size {
			at := start
			if i > 0 {
				at = start.Add(time.Duration(g.rng.Int64N(int64(last))))
			}
			plan = append(plan, planned{story: s, at: at.Truncate(time.Minute), idx: i})
		}
		n += size
	}
	// Order by time, ties by story then position: deterministic.
	slices.SortFunc(plan, func(a, b planned) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		if c := cmp.Compare(a.story.id, b.story.id); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx)
	})
	bodies := map[int][]string{} // story → bodies emitted, for wire copies
	first := map[int]int{}       // story → index of its first article
	for i, p := range plan {
		s := p.story
		d := Doc{Date: p.at, Thread: s.id, CopyOf: -1, Outlet: g.outlet()}
		var paras []string
		if prev := bodies[s.id]; len(prev) > 0 && g.rng.IntN(10) == 0 {
			// A wire copy: another outlet runs the first report nearly as is.
			paras = strings.Split(prev[0], "\n")
			paras = append(paras[:len(paras):len(paras)], g.sentence(s, 8, 14))
			d.CopyOf = first[s.id]
		} else {
			paras = g.body(s, p.at)
		}
		if _, ok := first[s.id]; !ok {
			first[s.id] = i
		}
		bodies[s.id] = append(bodies[s.id], strings.Join(paras, "\n"))
		if len(bodies[s.id]) > 1 {
			bodies[s.id] = bodies[s.id][:1] // only the first is copied
		}
		title := g.title(s)
		d.Text = g.page(title, paras)
		d.Name = fmt.Sprintf("%06d_%016x.txt", i, g.rng.Uint64())
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// gen holds the random source and vocabulary of one corpus.
type gen struct {
	rng     *rand.Rand
	outletW int
}

// story is one news event: its actors and words.
type story struct {
	id       int
	people   []string
	places   []string
	org      string
	keywords []string
	event    string
}

var syllables = []string{"ka", "lo", "vi", "mar", "ten", "sa", "ro", "bel", "dan", "ko", "ri", "zu", "mi", "ga", "nor", "el", "an", "pe", "tra", "vo", "lin", "des", "ha", "mu", "ber", "sto", "qui", "fa", "ye", "ol"}

func (g *gen) name(parts int) string {
	var b strings.Builder
	for range parts {
		b.WriteString(syllables[g.rng.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func (g *gen) newStory(id int) *story {
	s := &story{id: id}
	for range 2 + g.rng.IntN(2) {
		s.people = append(s.people, g.name(2)+" "+g.name(2+g.rng.IntN(2)))
	}
	for range 1 + g.rng.IntN(2) {
		s.places = append(s.places, g.name(2+g.rng.IntN(2)))
	}
	s.org = g.name(2) + " " + orgKinds[g.rng.IntN(len(orgKinds))]
	for range 6 {
		s.keywords = append(s.keywords, nouns[g.rng.IntN(len(nouns))])
	}
	s.event = events[g.rng.IntN(len(events))]
	return s
}

func (g *gen) outlet() string {
	n := g.rng.IntN(g.outletW)
	for _, o := range outlets {
		if n < o.weight {
			return o.name
		}
		n -= o.weight
	}
	return outlets[0].name
}

func (g *gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

func (g *gen) title(s *story) string {
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %s %s in %s", lastName(g.pick(s.people)), g.pick(verbs), s.keywords[0], g.pick(s.places))
	case 1:
		return fmt.Sprintf("%s %s over %s as %s %s", s.org, g.pick(verbs), s.keywords[1], g.pick(s.keywords), s.event)
	case 2:
		return fmt.Sprintf("%s: %s %s %s %s", g.pick(s.places), g.pick(s.people), g.pick(verbs), g.pick(adjs), s.keywords[0])
	default:
		return fmt.Sprintf("What the %s %s means for %s", s.keywords[0], s.event, g.pick(s.places))
	}
}

func lastName(p string) string {
	if i := strings.LastIndexByte(p, ' '); i >= 0 {
		return p[i+1:]
	}
	return p
}

// body writes 400 to 900 words in paragraphs of two to four sentences;
// the first opens with a dateline.
func (g *gen) body(s *story, at time.Time) []string {
	target := 400 + g.rng.IntN(501)
	var paras []string
	words := 0
	for words < target {
		var p strings.Builder
		for k := range 2 + g.rng.IntN(3) {
			if k > 0 {
				p.WriteByte(' ')
			}
			p.WriteString(g.sentence(s, 10, 26))
		}
		text := p.String()
		if len(paras) == 0 {
			text = fmt.Sprintf("%s, %s (%s) - %s", strings.ToUpper(g.pick(s.places)), at.Format("January 2"), g.pick(agencies), text)
		}
		if g.rng.IntN(9) == 0 && len(paras) > 0 {
			paras = append(paras, "-"+strings.ToUpper(s.keywords[g.rng.IntN(3)][:1])+s.keywords[g.rng.IntN(3)][1:]+" "+g.pick(nouns)+"-")
		}
		paras = append(paras, text)
		words += strings.Count(text, " ") + 1
	}
	return paras
}

func (g *gen) sentence(s *story, lo, hi int) string {
	n := lo + g.rng.IntN(hi-lo+1)
	var b strings.Builder
	for i := range n {
		var w string
		switch r := g.rng.IntN(20); {
		case r == 0:
			w = g.pick(s.people)
		case r == 1:
			w = g.pick(s.places)
		case r == 2:
			w = s.org
		case r < 6:
			w = g.pick(s.keywords)
		case r < 8:
			w = g.pick(verbs)
		case r < 10:
			w = g.pick(adjs)
		case r < 12:
			w = g.pick(nouns)
		default:
			w = g.pick(common)
		}
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i == n/2 && g.rng.IntN(3) == 0 {
			b.WriteByte(',')
		}
	}
	switch g.rng.IntN(8) {
	case 0:
		b.WriteString(`, "` + g.pick(s.people) + ` said".`)
	default:
		b.WriteByte('.')
	}
	return b.String()
}

// page lays the article out as the aggregator's dump does: the title
// (sometimes twice), the paragraphs, then the tail.
func (g *gen) page(title string, paras []string) string {
	var b strings.Builder
	if g.rng.IntN(3) == 0 {
		b.WriteString("\n")
	}
	b.WriteString(title + "\n")
	if g.rng.IntN(4) == 0 {
		b.WriteString(title + "\n\n")
	}
	for _, p := range paras {
		b.WriteString(p + "\n")
	}
	// The aggregator's tail: its reactions box or its AI box, then five
	// related teasers (outlet, age, outlet again, headline, standfirst),
	// as in the seeds. The cleaner keeps the teasers in front matter.
	if g.rng.IntN(3) == 0 {
		b.WriteString("What's Your Reaction?\n\n\n\n\n\n")
	}
	b.WriteString("\nTry Our AI Features\nExplore what Daily8 AI can do for you:\nComments\nNo comments yet...\nRelated Articles\n\n")
	for k := range 5 {
		o := g.outlet()
		age := "an hour ago"
		if k < 3 {
			age = fmt.Sprintf("%d minutes ago", 5+g.rng.IntN(55))
		}
		other := g.newStory(-1)
		fmt.Fprintf(&b, "\n%s\n%s\n- %s\n%s\n", o, age, o, g.title(other))
		for j := range 2 + g.rng.IntN(3) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(g.sentence(other, 12, 28))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// defaultStart is the first story's day of a corpus whose stories start
// over span: 2025-06-01, or earlier for a big corpus, so that it ends by
// 2026-06-01. A fixed start keeps a corpus the same whenever it is made;
// ending by a fixed day in the past keeps a big one like a real archive
// (100,000 articles over 600 days from June 2025 would run into the
// future, and be built as a site whose articles are not yet published).
func defaultStart(span time.Duration) time.Time {
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	if end := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC); start.Add(span).After(end) {
		start = end.Add(-span)
	}
	return start
}
