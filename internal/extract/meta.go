package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/meta"
	"github.com/digest-news/digest/internal/news"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// metadata gathers the page's metadata: the libraries' findings first,
// then the page's own tags. The date is read here from the page's tags
// only, never guessed from the text or the clock, so it is deterministic.
func metadata(doc *html.Node, page, base *url.URL, c candidates) Result {
	m := scanMeta(doc)
	pageURL := canonical(m, page, base)
	names := newSiteNames(m, pageURL)
	title, titleSite := headline(m, names, strings.ReplaceAll(c.trafMeta.Title, spaceMark, " "), c.readArt.Title())
	res := Result{
		Title:       title,
		Author:      first(c.trafMeta.Author, c.readArt.Byline(), m.get("author")),
		SiteName:    outlet(m, titleSite, pageURL, names, func() []copyrightHolder { return copyrightHolders(doc, m) }),
		Description: first(m.get("description"), m.get("og:description"), c.trafMeta.Description),
		Language:    language(first(m.lang, m.get("content-language"), m.get("og:locale"), c.trafMeta.Language, c.readArt.Language())),
		PageTitle:   first(m.title, m.get("og:title")),
	}
	for _, f := range []*string{&res.Title, &res.Author, &res.SiteName, &res.Description, &res.PageTitle} {
		// Trafilatura read its fields from the copy with marked spaces.
		*f = invisible.Replace(*f)
		*f = clip(strings.Join(strings.Fields(*f), " "), 1000)
	}
	res.Author = byline(res.Author)
	res.URL = pageURL
	res.Date = m.date
	return res
}

func first(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// clip shortens s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// byline strips what a byline says around the names: "By Jane Roe;"
// becomes "Jane Roe".
func byline(s string) string {
	f := strings.Fields(s)
	if len(f) > 1 && strings.EqualFold(f[0], "by") {
		f = f[1:]
	}
	return strings.TrimRight(strings.Join(f, " "), ";,|-–— ")
}

// language normalises a language tag ("en_US" → "en-US"); anything that
// does not look like a tag is dropped.
func language(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if len(s) < 2 || len(s) > 35 {
		return ""
	}
	for _, r := range s {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return ""
		}
	}
	// BCP 47 case conventions: "en-us" → "en-US".
	parts := strings.Split(s, "-")
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) == 2 {
			parts[i] = strings.ToUpper(parts[i])
		}
	}
	return strings.Join(parts, "-")
}

// pageMeta is what the page's head and tags declare.
type pageMeta struct {
	meta      map[string]string // first value of each meta name/property, lower-cased key
	title     string
	lang      string
	canonical string
	date      time.Time
	h1        []string // the first headings of rank 1, in page order
	kickers   []string // for each of h1, the text of an element leading it ("Frain" in <h1><span>Frain</span> Incendie …), or ""
	ld        ldInfo   // what the page's JSON-LD says
	shown     []string // short texts where pages show their date, most telling first
}

// dateClass matches the class, id or itemprop of elements that show a
// page's date or byline.
var dateClass = regexp.MustCompile(`(?i)date|time|publish|posted|byline|dateline|timestamp|article-?info|meta`)

// ldInfo is what JSON-LD scripts say about the article.
type ldInfo struct {
	dates     []string // datePublished values, of article objects first
	headline  string
	publisher string
}

func (m pageMeta) get(key string) string { return m.meta[key] }

// dateKeys are the meta names and properties that carry a publication
// date, most specific first.
var dateKeys = []string{
	"article:published_time", "article:published", "og:published_time", "datepublished",
	"publishdate", "publish-date", "publish_date", "pubdate", "parsely-pub-date",
	"sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
	"dcterms.created", "date", "article.published", "published_time",
}

func scanMeta(doc *html.Node) pageMeta {
	m := pageMeta{meta: map[string]string{}}
	var timeDate string
	var timeStamps []string // every <time datetime>, for the page's zone
	var pubTexts []string   // the text of elements marked itemprop="datePublished" without a value
	var timePub bool
	var firstH1 *html.Node
	var timeTexts, classTexts []string
	hasH1 := findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 && !isHidden(n) }) != nil
	walkElements(doc, func(n *html.Node) bool {
		// Date lines before the headline are the site's (today's date
		// in the masthead); those after it are the article's.
		if (firstH1 != nil || !hasH1) && len(classTexts) < 12 && n.DataAtom != atom.Meta && n.DataAtom != atom.Html && n.DataAtom != atom.Body && n.DataAtom != atom.Script && n.DataAtom != atom.Style &&
			dateClass.MatchString(attr(n, "class")+" "+attr(n, "id")+" "+attr(n, "itemprop")) {
			if t := shortText(n, 160); t != "" {
				classTexts = append(classTexts, t)
			}
		}
		switch n.DataAtom {
		case atom.Html:
			if m.lang == "" {
				m.lang = attr(n, "lang")
			}
		case atom.Title:
			if m.title == "" {
				m.title = textOf(n)
			}
		case atom.Meta:
			val := strings.TrimSpace(attr(n, "content"))
			if val == "" {
				break
			}
			// One tag may name several keys: property="article:published"
			// itemprop="datePublished dateCreated".
			keys := append([]string{attr(n, "property"), attr(n, "name"), attr(n, "http-equiv")}, strings.Fields(attr(n, "itemprop"))...)
			for _, key := range keys {
				key = strings.ToLower(strings.TrimSpace(key))
				if _, ok := m.meta[key]; key != "" && !ok {
					m.meta[key] = val
				}
			}
		case atom.Link:
			if m.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
				m.canonical = attr(n, "href")
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				m.ld.add(textOf(n))
			}
		case atom.H1:
			if firstH1 == nil && !isHidden(n) {
				firstH1 = n
			}
			if len(m.h1) < 5 && !isHidden(n) {
				if t := headingText(n); t != "" {
					m.h1 = append(m.h1, t)
					m.kickers = append(m.kickers, kicker(n))
				}
			}
		case atom.Time:
			if t := shortText(n, 160); t != "" && len(timeTexts) < 6 && (firstH1 != nil || !hasH1) {
				timeTexts = append(timeTexts, t)
			}
			// The first <time> of the page, unless a later one says it
			// is the publication time.
			_, pub := attrOK(n, "pubdate")
			pub = pub || strings.EqualFold(attr(n, "itemprop"), "datepublished")
			if v := strings.TrimSpace(attr(n, "datetime")); v != "" && (timeDate == "" || pub && !timePub) {
				timeDate, timePub = v, pub
			}
			if v := strings.TrimSpace(attr(n, "datetime")); v != "" && len(timeStamps) < 8 {
				timeStamps = append(timeStamps, v)
			}
			if strings.EqualFold(attr(n, "itemprop"), "datepublished") {
				if _, ok := m.meta["datepublished"]; !ok && attr(n, "datetime") != "" {
					m.meta["datepublished"] = attr(n, "datetime")
				}
			}
		default:
			if strings.EqualFold(attr(n, "itemprop"), "datepublished") {
				if _, ok := m.meta["datepublished"]; !ok {
					if v := first(attr(n, "content"), attr(n, "datetime")); v != "" {
						m.meta["datepublished"] = v
					} else if t := shortText(n, 80); t != "" {
						// <div itemprop="datePublished">20.06.2019 11:43</div>:
						// the date as the reader sees it.
						pubTexts = append(pubTexts, t)
					}
				}
			}
		}
		return true
	})
	// A page without <h1> (a blog setting its posts in <h2>) shows its
	// headline in the first heading that a declared title gives.
	var titled *html.Node
	if firstH1 == nil {
		if titled = titledHeading(doc, m, 8); titled != nil {
			m.h1 = append(m.h1, headingText(titled))
			m.kickers = append(m.kickers, kicker(titled))
		}
	} else if !declaredHeading(headingText(firstH1), m) {
		// An <h1> that no declared title gives is a section's label
		// ("Fútbol") or the site's; the date line is read under the
		// <h2> or <h3> that sets the declared headline, when there is
		// one, as under a headline's <h1>, not under the label, which
		// the section's other stories and their days follow.
		if h := titledHeading(doc, m, 60); h != nil {
			firstH1 = h
		}
	}
	var cands []string
	for _, k := range dateKeys[:4] {
		cands = append(cands, m.meta[k])
	}
	cands = append(cands, m.ld.dates...)
	for _, k := range dateKeys[4:] {
		cands = append(cands, m.meta[k])
	}
	cands = append(cands, timeDate)
	var stamp string
	for _, s := range cands {
		if t, ok := parseDate(s); ok {
			m.date, stamp = t, s
			break
		}
	}
	// An instant stamped in UTC falls on the page's day only in the
	// page's own zone: when the page writes the same instant elsewhere in
	// its zone (a <time datetime> in "+01:00" under the headline), it is
	// read there. A day without a time, or a time without a zone, is the
	// page's already; another instant's zone (a comment's) says nothing.
	if _, off := m.date.Zone(); off == 0 && utcStamp(stamp) {
		for _, s := range append(cands, timeStamps...) {
			if t, ok := parseDate(s); ok {
				if _, o := t.Zone(); o != 0 && t.Sub(m.date).Abs() <= time.Minute {
					m.date = m.date.In(t.Location())
					break
				}
			}
		}
	}
	if firstH1 != nil {
		// Without a date in the metadata, a date line right above the
		// headline (a topline: <div class="meta-date">19.11.2021</div>
		// <h1>…) is the article's, before the text under the headline,
		// whose lead may name another day ("its lowest since 6 March
		// 2002"); a masthead's today's date, which may stand there too,
		// never overrides the metadata's.
		if m.date.IsZero() {
			m.shown = append(m.shown, nearLines(firstH1, 80, false)...)
		}
		// A date line of its own under the headline is read before a
		// date inside a longer line (a photo's caption, "France, January
		// 16, 2020. Julien De Rosa/Pool via REUTERS", or the lead).
		m.shown = append(m.shown, shortLinesAfter(firstH1, 600, meta.DateLineBytes)...)
		m.shown = append(m.shown, textAfter(firstH1, 600))
	} else if titled != nil {
		// Under a heading that is not marked as the page's headline, only
		// a line of its own is a date line, not the text that follows.
		m.shown = append(m.shown, nearLines(titled, 160, true)...)
	}
	m.shown = append(append(append(pubTexts, m.shown...), classTexts...), timeTexts...)
	m.date = shownDate(m.date, m.shown, m.lang)
	if m.date.IsZero() {
		m.date = lastResortDate(m, firstH1, doc)
	}
	return m
}

// titledHeading returns the first of a page's first max <h2> and <h3>
// headings whose text makes most of a declared title ("Friday Facts #282
// - 0.17 in sight" of "Friday Facts #282 - 0.17 in sight | Factorio"), or
// nil.
func titledHeading(doc *html.Node, m pageMeta, max int) *html.Node {
	var titles []string
	for _, t := range []string{m.get("og:title"), m.get("twitter:title"), m.ld.headline, m.title} {
		if f := news.FoldName(t); f != "" {
			titles = append(titles, f)
		}
	}
	if len(titles) == 0 {
		return nil
	}
	var found *html.Node
	seen := 0
	walkElements(doc, func(n *html.Node) bool {
		if (n.DataAtom != atom.H2 && n.DataAtom != atom.H3) || isHidden(n) {
			return true
		}
		seen++
		f := news.FoldName(headingText(n))
		for _, t := range titles {
			if len(f) >= 12 && strings.Contains(t, f) && len(f)*10 >= len(t)*7 {
				found = n
				return false
			}
		}
		return seen < max
	})
	return found
}

// declaredHeading reports a heading that agrees with one of the page's
// declared titles: the same, or most of one, or contained in one.
func declaredHeading(h string, m pageMeta) bool {
	fh := news.FoldName(h)
	if fh == "" {
		return false
	}
	for _, t := range []string{m.get("og:title"), m.get("twitter:title"), m.ld.headline, m.title} {
		ft := news.FoldName(t)
		if ft == "" {
			continue
		}
		if fh == ft || len(fh) >= 12 && strings.Contains(ft, fh) || len(ft) >= 12 && strings.Contains(fh, ft) {
			return true
		}
	}
	return false
}

// urlDate matches a date in an article's address: /2015/03/18/, /2019/nov/18/, 2020-06-03.
var urlDate = regexp.MustCompile(`/((?:19|20)\d\d)/(\d\d|[a-z]{3})/(\d\d)(?:/|$)|[/-]((?:19|20)\d\d-\d\d-\d\d)(?:\D|$)`)

// lastResortDate is the date of a page whose metadata and date lines
// give none: one in its address, else in its title ("… - 07.12.2017 -
// LA NACION"), else the first in the text under its headline.
func lastResortDate(m pageMeta, h1 *html.Node, doc *html.Node) time.Time {
	for _, u := range []string{m.canonical, m.get("og:url")} {
		if g := urlDate.FindStringSubmatch(u); g != nil {
			s := g[4]
			switch {
			case s != "":
			case len(g[2]) == 3: // /2019/nov/18/
				s = g[3] + " " + g[2] + " " + g[1]
			default:
				s = g[1] + "-" + g[2] + "-" + g[3]
			}
			if d, ok := meta.VisibleDate(s, "en"); ok {
				return d
			}
		}
	}
	if d, ok := meta.VisibleDate(m.title, m.lang); ok {
		return d
	}
	start := h1
	if start == nil {
		start = findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
		if start == nil {
			return time.Time{}
		}
		start = start.FirstChild
		if start == nil {
			return time.Time{}
		}
	}
	text := textAfter(start, 2400)
	for i := 0; i < len(text); i += 300 {
		j := min(len(text), i+400)
		for j < len(text) && !utf8.RuneStart(text[j]) {
			j++
		}
		k := i
		for k > 0 && !utf8.RuneStart(text[k]) {
			k--
		}
		if d, ok := meta.VisibleDate(text[k:j], m.lang); ok {
			return d
		}
	}
	return time.Time{}
}

// shownDate reconciles the date the metadata gives with the one the page
// shows its reader near the headline, in bylines and <time> elements. A
// shown day one off the metadata's is the same instant in the page's own
// time zone (an evening story in Los Angeles stamped in UTC the next
// day): the reader's day wins, unless the metadata gives the page's own
// zone. Without metadata, the first shown date is
// the page's date. A shown date farther off is another story's, or the
// last update's, and is ignored.
func shownDate(metaDate time.Time, shown []string, lang string) time.Time {
	var dates []time.Time
	for _, s := range shown {
		if d, ok := meta.VisibleDate(s, lang); ok {
			dates = append(dates, d)
		}
	}
	if len(dates) == 0 {
		return metaDate
	}
	if metaDate.IsZero() {
		return dates[0]
	}
	md := time.Date(metaDate.Year(), metaDate.Month(), metaDate.Day(), 0, 0, 0, 0, time.UTC)
	for _, d := range dates {
		if d.Equal(md) {
			return metaDate // the page shows the metadata's day
		}
	}
	// Only a time in UTC (or without a zone) is moved: one the page gives
	// in its own zone is the page's day already.
	if _, off := metaDate.Zone(); off == 0 {
		if diff := md.Sub(dates[0]); diff == 24*time.Hour || diff == -24*time.Hour {
			return dates[0]
		}
	}
	return metaDate
}

// shortText returns the text under n when it is short (a date line, a
// byline), else "".
func shortText(n *html.Node, limit int) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
			if b.Len() > limit*2 {
				return ""
			}
			continue
		}
		if c.Type == html.ElementNode && skipped[tagAtom(c)] {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	if len(t) > limit {
		return ""
	}
	return t
}

// nearLines returns the short texts of the two elements before n in its
// parent (after it, with after), nearest first, and of those before
// (after) its parent when n opens (closes) it.
func nearLines(n *html.Node, limit int, after bool) []string {
	step := func(s *html.Node) *html.Node {
		if after {
			return s.NextSibling
		}
		return s.PrevSibling
	}
	var out []string
	for cur, depth := n, 0; cur != nil && depth < 2; cur, depth = cur.Parent, depth+1 {
		k := 0
		for s := step(cur); s != nil && k < 2; s = step(s) {
			if s.Type != html.ElementNode || skipped[tagAtom(s)] {
				continue
			}
			k++
			if t := shortText(s, limit); t != "" {
				out = append(out, t)
			}
		}
		if k > 0 {
			break // n does not open (close) its parent
		}
	}
	return out
}

// textAfter returns up to limit bytes of the text that follows n in
// document order: where a page writes its date line under the headline.
func textAfter(n *html.Node, limit int) string {
	var b strings.Builder
	// Walk forward: n's following siblings, then its ancestors'.
	for cur := n; cur != nil && b.Len() < limit; cur = cur.Parent {
		for s := cur.NextSibling; s != nil && b.Len() < limit; s = s.NextSibling {
			// The limit counts the words a reader sees, not the
			// markup's indentation, which can be most of a page's text.
			var t string
			if s.Type == html.TextNode {
				t = s.Data
			} else if s.Type == html.ElementNode && !skipped[tagAtom(s)] {
				t = textOf(s)
			}
			if t = strings.Join(strings.Fields(t), " "); t != "" {
				b.WriteString(clip(t, limit))
				b.WriteByte(' ')
			}
		}
	}
	return clip(strings.Join(strings.Fields(b.String()), " "), limit)
}

// shortLinesAfter returns the lines of at most short bytes among the
// first limit bytes of text that follow n in document order. A line is
// the text between two block boundaries (block elements and <br>).
func shortLinesAfter(n *html.Node, limit, short int) []string {
	var out []string
	var line strings.Builder
	total := 0
	flush := func() {
		t := strings.Join(strings.Fields(line.String()), " ")
		line.Reset()
		if t == "" {
			return
		}
		total += len(t) + 1
		if len(t) <= short {
			out = append(out, t)
		}
	}
	// A stack, not recursion: a page may nest elements thousands deep.
	// A nil entry closes a block element.
	var stack []*html.Node
	walk := func(root *html.Node) {
		stack = append(stack[:0], root)
		for len(stack) > 0 && total < limit {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case c == nil:
				flush()
				continue
			case c.Type == html.TextNode:
				line.WriteString(c.Data)
				line.WriteByte(' ')
				if line.Len() > 4*limit {
					flush()
				}
				continue
			case c.Type != html.ElementNode || skipped[tagAtom(c)]:
				continue
			case c.DataAtom == atom.Br:
				flush()
				continue
			}
			if blockLevel[tagAtom(c)] {
				flush()
				stack = append(stack, nil)
			}
			for k := c.LastChild; k != nil; k = k.PrevSibling {
				stack = append(stack, k)
			}
		}
	}
	for cur := n; cur != nil && total < limit; cur = cur.Parent {
		if blockLevel[tagAtom(cur)] {
			flush()
		}
		for s := cur.NextSibling; s != nil && total < limit; s = s.NextSibling {
			walk(s)
		}
	}
	flush()
	return out
}

// add reads one JSON-LD script: the first datePublished, headline and
// publisher name found, article objects before others.
func (ld *ldInfo) add(src string) {
	if len(src) > 1<<20 {
		return
	}
	src = unwrapScript(src)
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		// A script that is not quite JSON (a trailing comma, two objects
		// side by side, an unescaped quote in a description) still states
		// its date the way JSON does.
		for _, m := range ldDateRe.FindAllStringSubmatch(src, 4) {
			if len(ld.dates) < 4 {
				ld.dates = append(ld.dates, m[1])
			}
		}
		return
	}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 20 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && len(ld.dates) < 4 {
				ld.dates = append(ld.dates, s)
			}
			if s, ok := x["headline"].(string); ok && ld.headline == "" {
				ld.headline = s
			}
			if p, ok := x["publisher"].(map[string]any); ok && ld.publisher == "" {
				if s, ok := p["name"].(string); ok {
					ld.publisher = s
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if e, ok := x[k]; ok {
					walk(e, depth+1)
				}
			}
		}
	}
	walk(v, 0)
}

// ldDateRe finds a datePublished in a JSON-LD script that does not parse.
var ldDateRe = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{6,40})"`)

// unwrapScript removes what pages wrap a script's JSON in to hide it
// from old parsers: "<![CDATA[ … ]]>", "<!-- … -->", each maybe behind
// "//".
func unwrapScript(src string) string {
	src = strings.TrimSpace(src)
	for _, w := range [][2]string{{"<![CDATA[", "]]>"}, {"<!--", "-->"}} {
		s := strings.TrimSpace(strings.TrimPrefix(src, "//"))
		if rest, ok := strings.CutPrefix(s, w[0]); ok {
			rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), w[1]))
			src = strings.TrimSpace(strings.TrimSuffix(rest, "//"))
		}
	}
	return src
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	"20060102150405",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"Mon Jan 2 2006 15:04:05 GMT-0700",
	"Mon Jan 2 2006 15:04:05 MST-0700",
}

// utcStamp reports a stamp with a time of day stated in UTC
// ("2023-10-31T04:41:58.000Z", "… +0000", "… GMT").
func utcStamp(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !strings.Contains(s, ":") {
		return false
	}
	for _, z := range []string{"Z", "+00:00", "+0000", "-00:00", " GMT", " UTC", "GMT+0000", "GMT-0000"} {
		if strings.HasSuffix(s, z) {
			return true
		}
	}
	return false
}

// parseDate reads a date in one of the forms pages use in metadata. A
// time without a zone is taken as UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil && t.Year() >= 1990 && t.Year() < 2200 {
			return t, true
		}
	}
	return time.Time{}, false
}

// canonical returns the declared canonical URL (link rel=canonical, else
// og:url) when it is an absolute http(s) URL, else the page URL.
func canonical(m pageMeta, page, base *url.URL) string {
	for _, s := range []string{m.canonical, m.get("og:url")} {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		u, err := url.Parse(s)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if sc := strings.ToLower(u.Scheme); (sc == "http" || sc == "https") && u.Host != "" {
			return u.String()
		}
	}
	if page != nil {
		return page.String()
	}
	return ""
}

// headingText returns the text of a heading as a reader sees it. Pieces
// in inline elements join as written: "Story Of <em>Metroid</em>, One"
// reads "Story Of Metroid, One", not "Metroid , One". Where the markup
// puts no space between two elements, one is read between words but
// not before closing punctuation or after opening punctuation.
func headingText(n *html.Node) string {
	type step struct {
		n     *html.Node
		leave bool
	}
	var b strings.Builder
	space, boundary := false, false
	stack := []step{{n, false}}
	for len(stack) > 0 && b.Len() < 4096 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c := s.n
		if c.Type == html.ElementNode && c != n {
			boundary = true
			if !isInline(c) {
				space = true // a block or a <br> breaks the line
			}
		}
		if s.leave {
			continue
		}
		switch c.Type {
		case html.TextNode:
			t := strings.ReplaceAll(c.Data, spaceMark, " ")
			if strings.TrimSpace(t) == "" {
				space = space || t != ""
				continue
			}
			if r, _ := utf8.DecodeRuneInString(t); unicode.IsSpace(r) {
				space = true
			}
			body := strings.Join(strings.Fields(t), " ")
			if b.Len() > 0 {
				last, _ := utf8.DecodeLastRuneInString(b.String())
				next, _ := utf8.DecodeRuneInString(body)
				if space || boundary && !strings.ContainsRune(",.;:!?)]}»”’…%", next) && !strings.ContainsRune("([{«“‘", last) {
					b.WriteByte(' ')
				}
			}
			b.WriteString(body)
			r, _ := utf8.DecodeLastRuneInString(t)
			space, boundary = unicode.IsSpace(r), false
		case html.ElementNode, html.DocumentNode:
			if c.Type == html.ElementNode && skipped[tagAtom(c)] {
				continue
			}
			stack = append(stack, step{c, true})
			for k := c.LastChild; k != nil; k = k.PrevSibling {
				stack = append(stack, step{k, false})
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// kicker returns the text of the element a heading opens with when more
// text follows it: the place, series or label some sites set before the
// headline inside its <h1>.
func kicker(h *html.Node) string {
	c := h.FirstChild
	for c != nil && c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
		c = c.NextSibling
	}
	if c == nil || c.Type != html.ElementNode || !isInline(c) || c.NextSibling == nil {
		return ""
	}
	return headingText(c)
}
