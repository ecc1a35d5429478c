package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/meta"
	"github.com/digest-news/digest/internal/news"
)

// Result is the article recovered from one dump.
type Result struct {
	Title   string         // the headline, once
	Blocks  []news.Block   // the article's own text, verbatim, in order; subheadings as news.Heading
	Related []news.Related // teasers of other stories listed after the article
	Trailer []string       // lines dropped right after the article that may carry metadata (sign-offs, credits)
	Byline  string         // the author named by a "By …" line, without "By"
}

// Options tunes Dump.
type Options struct {
	// Boilerplate holds lines learnt to recur across the batch the dump
	// belongs to; such lines are never article text. It may be nil.
	Boilerplate *Boilerplate

	// tune overrides the hand-set constants; only the cross-validation
	// test sets it.
	tune *tuning
}

// tuning holds the few constants that were set by hand while looking at
// the dev pages. The cross-validation test varies them to measure how much
// that choice flatters the dev score.
type tuning struct {
	before    float64 // factor on lines above the page's headline
	tail      float64 // cost in words of an end-of-article label
	dropBelow float64 // probability under which a line inside the run is left out
	proseMass int     // words of prose before an end label is believed
}

func defaultTuning() tuning {
	return tuning{before: 0.6, tail: 25, dropBelow: 0.2, proseMass: 150}
}

func (o Options) tuning() tuning {
	if o.tune != nil {
		return *o.tune
	}
	return defaultTuning()
}

// Text returns the blocks' text joined by newlines: the article body as the
// extraction benchmark scores it, without the title.
func (r Result) Text() string {
	parts := make([]string, len(r.Blocks))
	for i, b := range r.Blocks {
		parts[i] = b.Text
	}
	return strings.Join(parts, "\n")
}

// line is one non-blank line of a dump with what is known of it.
type line struct {
	text     string
	norm     string // normCue(text), for short lines only
	words    int    // word tokens; CJK text counts two characters a word
	stop     float64
	endPunct bool
	tail     bool // an end-of-article label
	end      bool // a label that only ever follows an article
	junk     bool // page furniture
	age      bool // "15 minutes ago"
	teaser   bool // part of a teaser group
	repeated bool
	credit   bool
	caps     int     // capitalised words the line opens with
	before   bool    // above the page's headline
	prompt   bool    // a sign-up, consent or sharing prompt
	byline   bool    // a "By …" line
	date     bool    // a date or time stamp
	caption  bool    // a photo caption or credit
	numeric  bool    // a row of figures
	table    bool    // one of several rows of figures in a row
	p        float64 // probability of being article text, before context
	score    float64
}

// shortLine is the most words a cue line may have.
const shortLine = 6

// Dump recovers the article from the visible text of a scraped page.
func Dump(text string, opt Options) Result {
	lines, related := analyse(text, opt)
	if len(lines) == 0 {
		return Result{}
	}
	tune := opt.tuning()
	start, end := bestRun(lines)
	start, end = articleAboveFooter(lines, start, end)
	end = cutAtEnd(lines, start, end, tune.proseMass)
	end = bestEnd(lines, start, end)
	res := Result{}
	titleAt := -1
	if start < end {
		// A headline-shaped first line is the title, not article text.
		if headlineLike(&lines[start]) && start+1 < end && lines[start+1].words > lines[start].words {
			titleAt = start
			start++
		}
	}
	if titleAt < 0 {
		titleAt = findTitle(lines, start, anchor(lines))
	}
	if titleAt >= 0 {
		res.Title = lines[titleAt].text
	}
	// Credits closing the run go to the trailer.
	for end > start && (lines[end-1].credit || lines[end-1].words == 0) {
		end--
	}
	for i := end; i < len(lines) && i < end+4; i++ {
		if lines[i].credit || meta.AgencyFromTrailer([]string{lines[i].text}) != "" && lines[i].words <= 8 {
			res.Trailer = append(res.Trailer, lines[i].text)
		}
	}
	res.Blocks = blocks(lines[start:end], res.Title, tune.dropBelow)
	res.Byline = findByline(lines, titleAt, start)
	res.Related = relatedAfter(lines, related, start)
	return res
}

// analyse splits a dump into its non-blank lines and scores them. It
// also returns the teaser groups it found.
func analyse(text string, opt Options) ([]line, []teaser) {
	lang := meta.Language(text)
	raw := strings.Split(text, "\n")
	lines := make([]line, 0, len(raw))
	counts := make(map[string]int, len(raw))
	for _, r := range raw {
		t := trimLine(r)
		if t == "" {
			continue
		}
		counts[t]++
		lines = append(lines, line{text: t})
	}
	if len(lines) == 0 {
		return nil, nil
	}
	for i := range lines {
		describe(&lines[i], lang)
		lines[i].repeated = counts[lines[i].text] > 1
	}
	related := markTeasers(lines)
	markDatedTeasers(lines)
	markTables(lines)
	if a := anchor(lines); a > 0 {
		for i := 0; i < a; i++ {
			lines[i].before = true
		}
	}
	tune := opt.tuning()
	for i := range lines {
		lines[i].p = prob(&lines[i], opt.Boilerplate, tune)
		lines[i].score = score(&lines[i], lines[i].p, tune)
	}
	return lines, related
}

// trimLine strips spaces and invisible characters from both ends.
func trimLine(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u200e' || r == '\u200f'
	})
}

// describe fills in the features of one line.
func describe(l *line, lang string) {
	t := l.text
	var cjk, words, stops int
	inWord := false
	wordStart := 0
	for i, r := range t {
		isW := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
		if isCJK(r) {
			cjk++
		}
		switch {
		case isW && !inWord:
			inWord, wordStart = true, i
		case !isW && inWord:
			inWord = false
			words++
			if isStop(lang, t[wordStart:i]) {
				stops++
			}
		}
	}
	if inWord {
		words++
		if isStop(lang, t[wordStart:]) {
			stops++
		}
	}
	if cjk > 0 {
		words += cjk / 2
	}
	l.words = words
	if words > 0 {
		l.stop = float64(stops) / float64(words)
	}
	if cjk > 10 && strings.ContainsAny(t, "。！？") {
		l.stop = 0.3
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "\"'”’»)] "))
	switch last {
	case '.', '!', '?', '。', '！', '？', ':', ';':
		l.endPunct = last != ':' && last != ';'
	}
	if words <= shortLine {
		l.norm = normCue(t)
		l.tail = matchCue(l.norm, tailSet)
		l.end = l.tail && matchCue(l.norm, endSet)
		l.junk = matchCue(l.norm, junkSet) || strings.HasPrefix(t, "©")
		l.age = isAge(l.norm)
	}
	if words <= 20 && dateLine(t) {
		l.junk, l.date = true, true
	}
	if words <= 50 {
		low := strings.ToLower(t)
		l.caption = isCaption(t, low)
		if words <= 30 {
			l.prompt = hasPrompt(low)
		}
	}
	if words <= 20 {
		_, l.byline = meta.ParseByline(t)
		l.byline = l.byline || strings.EqualFold(t, "by")
	}
	l.credit = meta.IsCredit(t)
	l.caps = leadingCaps(t)
	l.numeric = words <= 40 && numericRow(t)
}

// numericRow reports whether a line is mostly figures, as table rows are.
func numericRow(t string) bool {
	words := meta.Words(t)
	if len(words) < 3 || len(words) > 40 {
		return false
	}
	n := 0
	for _, w := range words {
		if w[0] >= '0' && w[0] <= '9' {
			n++
		}
	}
	return 5*n >= 2*len(words)
}

// tableRows is how many rows of figures in a row make a table.
const tableRows = 5

// markTables marks runs of numeric rows long enough to be a table: tables
// in articles are content, and read as neither prose nor menus.
func markTables(lines []line) {
	for i := 0; i < len(lines); {
		if !lines[i].numeric {
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j].numeric {
			j++
		}
		if j-i >= tableRows {
			for k := i; k < j; k++ {
				lines[k].table = true
			}
		}
		i = j
	}
}

// leadingCaps counts the capitalised words a line opens with, up to ten.
// Headlines run together with their teaser text open with many; prose
// rarely opens with more than a name.
func leadingCaps(t string) int {
	// The words as strings.Fields splits them, read in place.
	n := 0
	for i := 0; i < len(t) && n < 10; {
		r, size := utf8.DecodeRuneInString(t[i:])
		i += size
		if unicode.IsSpace(r) {
			continue
		}
		if unicode.IsUpper(r) {
			n++
		} else if unicode.IsLetter(r) {
			break
		}
		for i < len(t) {
			r, size := utf8.DecodeRuneInString(t[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
	}
	return n
}

func isStop(lang, w string) bool {
	if len(w) > 12 {
		return false
	}
	if lang != "" {
		return meta.IsStopWord(lang, w)
	}
	return meta.IsStopWord("", w)
}

func isCJK(r rune) bool {
	if r < 0x2e80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// isAge reports whether a normalised line is a relative age such as
// "15 minutes ago", "an hour ago" or "time42 minutes ago" (digits are
// already dropped by normCue).
func isAge(norm string) bool {
	if !strings.HasSuffix(strings.TrimRightFunc(norm, unicode.IsSpace), "ago") {
		return false
	}
	w := strings.Fields(norm)
	if len(w) < 2 || len(w) > 4 || w[len(w)-1] != "ago" {
		return false
	}
	unit := strings.TrimSuffix(w[len(w)-2], "s")
	switch unit {
	case "second", "sec", "minute", "min", "hour", "hr", "h", "day", "week", "month", "year", "mins", "hrs":
		return true
	}
	return false
}

// dateLine reports whether a short line is mostly a date or time stamp:
// a month name or clock time next to digits.
func dateLine(t string) bool {
	words := meta.Words(t)
	dateish, month := 0, false
	for _, w := range words {
		lw := strings.ToLower(w)
		switch {
		case w[0] >= '0' && w[0] <= '9':
			dateish++
		case monthWords[lw]:
			dateish++
			month = true
		case lw == "am" || lw == "pm" || lw == "et" || lw == "est" || lw == "edt" || lw == "gmt" ||
			lw == "utc" || lw == "pst" || lw == "cst" || lw == "bst" || lw == "cet":
			dateish++
			month = true
		}
	}
	return month && 5*dateish >= 2*len(words)
}

var monthWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// score is the line's evidence for being article text, in words: positive
// for prose, negative for furniture. Summing scores over a run weighs
// each line by how much text it would add to or take from the answer.
func prob(l *line, bp *Boilerplate, tune tuning) float64 {
	if l.words == 0 {
		return 0
	}
	var p float64
	sw := l.stop / 0.3
	if sw > 1 {
		sw = 1
	}
	switch {
	case l.words >= 12:
		p = 0.55 + 0.4*sw
		if l.endPunct {
			p += 0.05
		} else if l.words < 30 {
			p -= 0.2 // headline-shaped
		}
	case l.words >= 6:
		p = 0.3 + 0.35*sw
		if l.endPunct {
			p += 0.2
		}
	default:
		p = 0.3
		if l.endPunct {
			p = 0.45
		}
	}
	if l.table && !l.date {
		p = 0.55
	}
	switch {
	case l.teaser || l.age:
		p = 0
	case l.junk || l.credit:
		p = 0.05
	}
	if l.prompt {
		p *= 0.3
	}
	if l.caption {
		p *= 0.2
	}
	if l.byline {
		p = 0
	}
	if l.caps >= 6 {
		p *= 0.6
	}
	if l.before {
		p *= tune.before
	}
	if l.repeated && l.words < 20 {
		p *= 0.5
	}
	if bp.has(l.text) {
		p = 0.02
	}
	if endsEllipsis(l.text) && l.words < 60 {
		p *= 0.5
	}
	return p
}

// score turns a line's probability of being article text into evidence in
// words, with fixed costs for labels that bound articles.
func score(l *line, p float64, tune tuning) float64 {
	if l.words == 0 {
		return -1
	}
	n := float64(l.words)
	s := n*(2*p-1) - 0.5
	if l.words < 6 && !l.endPunct {
		s -= 1.5
	}
	if l.tail {
		s -= tune.tail
	}
	if l.byline || l.date {
		// Bylines and datelines stand between the headline block and
		// the body; runs should not cross them.
		s -= 6
	}
	return s
}

func endsEllipsis(t string) bool {
	return strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…")
}

// cutAtEnd ends the run at the first label that only follows articles
// ("Comments", "Most read") once enough prose is above it: comment threads
// read like prose and can outweigh the label's penalty.
//
// proseMass is how many words of prose must come first: a "Related" box
// high in an article interrupts it, one after it ends it.
func cutAtEnd(lines []line, start, end, proseMass int) int {
	mass := 0
	for i := start; i < end; i++ {
		l := &lines[i]
		if l.end && mass >= proseMass {
			return i
		}
		if l.words >= 12 && l.stop >= 0.15 {
			mass += l.words
		}
	}
	return end
}

// articleAboveFooter keeps the article when the best run is the site's
// footer: a run that holds the site's copyright notice with text below
// it is a legal notice or disclaimer, which can outweigh an article made
// of short lines (a recipe, a menu, a table). The article is then the best
// run above the footer, if any.
// (A copyright line closing an agency story ends its run: nothing follows
// it there.)
func articleAboveFooter(lines []line, start, end int) (int, int) {
	at := -1
	for i := start; i < end-1; i++ {
		if copyrightLine(lines[i].text) {
			at = i
			break
		}
	}
	if at < 0 || lines[end-1].words < 12 {
		return start, end
	}
	s, e := bestRun(lines[:start])
	if s == e {
		return start, end
	}
	return s, e
}

// copyrightLine reports whether t is a site's copyright notice: a line
// opening with © and a year, or one reserving all rights. "© Regan"
// under a recipe card credits its author, and is no footer.
func copyrightLine(t string) bool {
	if strings.HasPrefix(t, "©") && strings.IndexFunc(t, unicode.IsDigit) >= 0 {
		return true
	}
	return len(t) < 400 && strings.Contains(strings.ToLower(t), "all rights reserved")
}

// bestEnd moves the end of a cut run back to where its running score
// peaks, so it never closes on furniture.
func bestEnd(lines []line, start, end int) int {
	best, sum, at := 0.0, 0.0, start
	for i := start; i < end; i++ {
		sum += lines[i].score
		if sum > best {
			best, at = sum, i+1
		}
	}
	return at
}

// anchor finds the page's headline when the dump opens with the page's
// title (as dumps of whole pages do): the later headline-shaped line whose
// words start the first line's, followed by the most prose. It returns -1
// when there is none.
func anchor(lines []line) int {
	first := lowerWords(lines[0].text)
	best, bestMass := -1, 0.0
	for i := 1; i < len(lines); i++ {
		if !headlineLike(&lines[i]) || lines[i].words > len(first) {
			continue
		}
		w := lowerWords(lines[i].text)
		match := true
		for j := range w {
			if w[j] != first[j] {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		mass := proseMass(lines, i+1, i+1+anchorWindow)
		// A headline opens the article: a line right under a paragraph,
		// with more prose above it than below, is a heading inside the
		// article that repeats the title's words (a recipe card's name
		// under the post), not the page's headline.
		if above := &lines[i-1]; above.words >= 12 && above.endPunct && proseMass(lines, i-anchorWindow, i) > mass {
			continue
		}
		if best < 0 || mass > bestMass {
			best, bestMass = i, mass
		}
	}
	return best
}

// anchorWindow is how many lines around a headline candidate anchor
// weighs for prose.
const anchorWindow = 40

// proseMass counts the words of the prose lines in lines[from:to].
func proseMass(lines []line, from, to int) float64 {
	from, to = max(from, 0), min(to, len(lines))
	mass := 0.0
	for j := from; j < to; j++ {
		if lines[j].words >= 12 && lines[j].stop >= 0.15 {
			mass += float64(lines[j].words)
		}
	}
	return mass
}

func lowerWords(t string) []string {
	if len(t) > 400 {
		cut := 400
		for cut > 0 && !utf8.RuneStart(t[cut]) {
			cut--
		}
		t = t[:cut]
	}
	w := meta.Words(strings.ToLower(t))
	if len(w) > 40 {
		w = w[:40]
	}
	return w
}

// bestRun returns the contiguous run of lines [start, end) with the
// highest total score (Kadane's algorithm).
func bestRun(lines []line) (start, end int) {
	best, cur := 0.0, 0.0
	curStart := 0
	for i := range lines {
		if cur <= 0 {
			cur, curStart = 0, i
		}
		cur += lines[i].score
		if cur > best {
			best, start, end = cur, curStart, i+1
		}
	}
	return start, end
}

// headlineLike reports whether a line has the shape of a headline: a few
// words, no closing full stop, not a label.
func headlineLike(l *line) bool {
	if l.words < 3 || l.words > 30 || l.tail || l.junk || l.age || l.credit || l.teaser {
		return false
	}
	if strings.HasSuffix(l.text, ".") || endsEllipsis(l.text) {
		return false
	}
	if _, ok := meta.ParseByline(l.text); ok {
		return false
	}
	return true
}

// titleWindow is how many lines above the article the title is looked for.
const titleWindow = 25

// findTitle picks the headline above the article: the line that repeats
// the page's title, else a headline-shaped line the page repeats (as title
// and heading), else the nearest plausible one.
func findTitle(lines []line, start, anchorAt int) int {
	if anchorAt >= 0 && anchorAt < start {
		return anchorAt
	}
	nearest := -1
	for i := start - 1; i >= 0 && i >= start-titleWindow; i-- {
		l := &lines[i]
		if !headlineLike(l) || l.words < 4 || l.date || l.caption || l.prompt || l.byline ||
			l.numeric || strings.Contains(l.text, "://") || strings.Contains(l.text, "@") {
			continue
		}
		if l.repeated {
			return i
		}
		if nearest < 0 {
			nearest = i
		}
	}
	return nearest
}

// findByline looks between the title and the article for a "By …" line.
func findByline(lines []line, titleAt, start int) string {
	from := start - 12
	if titleAt >= 0 && titleAt < start && titleAt > from {
		from = titleAt
	}
	if from < 0 {
		from = 0
	}
	for i := from; i < start && i < len(lines); i++ {
		t := lines[i].text
		if name, ok := meta.ParseByline(t); ok {
			return name
		}
		// "By" alone, the name on the next line.
		if strings.EqualFold(t, "by") && i+1 < len(lines) {
			if name, ok := meta.ParseByline("By " + lines[i+1].text); ok {
				return name
			}
		}
	}
	return ""
}
