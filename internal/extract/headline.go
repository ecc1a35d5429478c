package extract

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/news"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The headline and the outlet are read from what the page says about
// itself: its visible <h1>, its social and SEO titles (og:title,
// twitter:title, JSON-LD headline, <title>) and its names (og:site_name,
// application-name, JSON-LD publisher, the host). A title is cut of the
// pieces that name the site, its section or tagline ("… | World | News |
// Express.co.uk"); the visible headline is preferred to a social or SEO
// one when it is the article's own (it agrees with one of them, or it is
// a full headline that does not name the site).

// titleSeps split a page title into the headline and the site's pieces.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " ‹ ", " › ", " / ", "_", "｜", " ~ ", " ✩ "}

// splitTitle cuts a title at its separators. The underscore separates
// only in titles without spaces around it and not inside a word of Latin
// letters ("CNN_Politics" is not split).
func splitTitle(t string) []string {
	parts := []string{t}
	for _, sep := range titleSeps {
		var next []string
		for _, p := range parts {
			if sep == "_" && !cjkHeavy(p) {
				next = append(next, p)
				continue
			}
			for _, q := range strings.Split(p, sep) {
				if q = strings.TrimSpace(q); q != "" {
					next = append(next, q)
				}
			}
		}
		parts = next
	}
	return parts
}

// cjkHeavy reports text mostly in Chinese, Japanese or Korean script,
// whose titles join their pieces with "_" or "｜".
func cjkHeavy(s string) bool {
	n, cjk := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
				cjk++
			}
		}
	}
	return n > 0 && cjk*2 > n
}

// siteNames collects the names a page gives itself.
type siteNames struct {
	names []string // folded
	host  string   // the registrable part of the host, folded ("nytimes")
	full  string   // the whole host without www., folded ("sndk")
	subs  []string // the host's other labels of four letters or more, folded ("scilogs")
}

func newSiteNames(m pageMeta, pageURL string, extra ...string) siteNames {
	var s siteNames
	// Some sites put the headline, or the whole title, where their name
	// belongs.
	notTitle := func(n string) string {
		if f := news.FoldName(n); f == news.FoldName(m.title) || f == news.FoldName(m.get("og:title")) {
			return ""
		}
		return n
	}
	for _, n := range append([]string{notTitle(m.get("og:site_name")), notTitle(m.get("application-name")), m.get("apple-mobile-web-app-title"),
		strings.TrimPrefix(m.get("twitter:site"), "@"), m.ld.publisher}, extra...) {
		if f := news.FoldName(n); f != "" {
			s.names = append(s.names, f)
		}
	}
	s.host = hostLabel(pageURL)
	h := hostName(pageURL)
	s.full = news.FoldName(h)
	// A subdomain named for the site ("scilogs" of scilogs.spektrum.de)
	// names it too.
	if h != "" {
		labels := strings.Split(h, ".")
		for _, l := range labels[:len(labels)-1] {
			if f := news.FoldName(l); len(f) >= 4 && f != s.host && !genericSubdomain[f] {
				s.subs = append(s.subs, f)
			}
		}
	}
	return s
}

// genericSubdomain lists host labels that name a part of any site, not
// the site.
var genericSubdomain = map[string]bool{"news": true, "blog": true, "blogs": true, "about": true, "home": true,
	"sport": true, "sports": true, "mobile": true, "edition": true, "english": true, "www1": true, "www2": true}

// hostLabel returns the distinctive label of a URL's host:
// "www.nytimes.com" → "nytimes", "sport.aktualne.cz" → "aktualne".
func hostLabel(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	labels := strings.Split(strings.ToLower(u.Hostname()), ".")
	if len(labels) < 2 {
		return ""
	}
	i := len(labels) - 2
	// co.uk, com.au, com.br: the label before a short second-level one.
	if i > 0 && len(labels[i]) <= 3 && (labels[i] == "co" || labels[i] == "com" || labels[i] == "org" || labels[i] == "net" || labels[i] == "gov" || labels[i] == "ac") {
		i--
	}
	return news.FoldName(labels[i])
}

// isSite reports a title piece that names the site: one of its names, its
// host, or a name containing the host's label ("Express.co.uk", "Sputnik
// International" on sputniknews.com).
func (s siteNames) isSite(piece string) bool {
	f := news.FoldName(piece)
	if f == "" {
		return false
	}
	for _, n := range s.names {
		if f == n || (len(n) >= 4 && strings.HasPrefix(f, n) && wordLen(piece) <= wordLen(n)+3) || (len(f) >= 4 && strings.HasPrefix(n, f)) {
			return true
		}
	}
	if s.full != "" && f == s.full {
		return true
	}
	for _, l := range s.subs {
		if f == l {
			return true
		}
	}
	if s.host != "" && len(s.host) >= 3 && wordLen(piece) <= 4 {
		if strings.Contains(f, s.host) || (len(f) >= 3 && strings.Contains(s.host, f)) {
			return true
		}
	}
	return false
}

// cutSite removes the pieces of a title that name the site, and the
// section and tagline pieces between them and the headline. It returns
// the headline and the outermost piece it cut that names the site.
func cutSite(title string, s siteNames) (headline, site string) {
	parts := splitTitle(title)
	if len(parts) < 2 {
		return strings.TrimSpace(title), ""
	}
	// The headline is the longest piece; the site's pieces stand before
	// or after it.
	best := 0
	for i, p := range parts {
		if wordLen(p) > wordLen(parts[best]) {
			best = i
		}
	}
	lo, hi := 0, len(parts)
	// The outermost trailing piece that names the site takes the
	// sections and taglines before it along ("… - sn.dk - Forsiden -
	// Danmark" keeps its first piece).
	for k := len(parts) - 1; k > best; k-- {
		if s.isSite(parts[k]) {
			site, hi = parts[k], best+1
			break
		}
	}
	for hi > best+1 {
		last := parts[hi-1]
		if strings.Contains(last, " > ") {
			hi-- // a breadcrumb of sections ("스포츠 > 스포츠 포토")
			continue
		}
		if s.isSite(last) {
			site = first(site, last)
			hi--
			continue
		}
		if site != "" && wordLen(last) <= 3 {
			hi-- // a section between the headline and the site's name
			continue
		}
		// An unnamed short trailing piece after a much longer headline
		// is the site's name ("… - The New York Times") when the page
		// gives no name of its own to check against.
		if site == "" && wordLen(last) <= 5 && wordLen(last)*2 <= wordLen(parts[best]) {
			site = last
			hi--
			continue
		}
		break
	}
	for lo < best {
		p := parts[lo]
		if s.isSite(p) || (wordLen(p) <= 3 && lo+1 < best) {
			if s.isSite(p) && site == "" {
				site = p
			}
			lo++
			continue
		}
		break
	}
	if lo == 0 && hi == len(parts) {
		return strings.TrimSpace(title), ""
	}
	return joinParts(title, parts[lo:hi]), site
}

// joinParts returns the span of title from the first to the last of the
// kept pieces, so separators inside the headline stay as written.
func joinParts(title string, parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	i := strings.Index(title, parts[0])
	j := strings.LastIndex(title, parts[len(parts)-1])
	if i < 0 || j < i {
		return strings.Join(parts, " ")
	}
	return strings.TrimSpace(title[i : j+len(parts[len(parts)-1])])
}

// wordLen counts words, a CJK character counting as half a word.
func wordLen(s string) int {
	n, cjk := len(strings.Fields(s)), 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			cjk++
		}
	}
	return n + cjk/2
}

// headline chooses the article's headline and reports the site name cut
// from the page's titles.
func headline(m pageMeta, s siteNames, libTitles ...string) (string, string) {
	metas := []string{m.get("og:title"), m.get("twitter:title"), m.ld.headline, m.title}
	var cut []string
	site := ""
	for _, t := range append(metas, libTitles...) {
		t = strings.Join(strings.Fields(t), " ")
		if t == "" {
			continue
		}
		h, st := cutSite(t, s)
		// A site piece that names the site ("Daily Mail Online" of
		// "… - Wilder | Daily Mail Online") wins over one only guessed
		// from a short last piece ("Wilder", a speaker, of "… - Wilder").
		if site == "" || !s.isSite(site) && st != "" && s.isSite(st) {
			site = first(st, site)
		}
		if h != "" && !s.isSite(h) {
			cut = append(cut, h)
		}
	}
	// An <h1> that is the piece a declared title's site name was cut
	// from ("適当でええねん！！", a blog's name over its post, of
	// "<post> - 適当でええねん！！") is the site's, not the headline.
	siteH1 := func(h string) bool {
		return s.isSite(h) || site != "" && news.FoldName(h) == news.FoldName(site)
	}
	// An <h1> that a social or JSON-LD title gives whole is the headline,
	// before one only contained in the <title> (a breadcrumb's English
	// <h1> over a Gujarati story whose <title> joins both).
	for i, h := range m.h1 {
		if siteH1(h) {
			continue
		}
		whole := func(h string) bool {
			fh := news.FoldName(h)
			return fh != "" && slices.ContainsFunc(metas[:3], func(t string) bool { return news.FoldName(t) == fh })
		}
		if i < len(m.kickers) && m.kickers[i] != "" {
			rest, ok := strings.CutPrefix(h, m.kickers[i])
			rest = strings.TrimSpace(rest)
			if r, _ := utf8.DecodeRuneInString(rest); ok && (unicode.IsLetter(r) || unicode.IsDigit(r)) && whole(rest) {
				return rest, site
			}
		}
		if whole(h) {
			return h, first(site, titleRest(m.title, h))
		}
	}
	// A visible <h1> that agrees with a declared title, or contains it,
	// or is contained in one, is the headline as the reader sees it.
	for i, h := range m.h1 {
		if siteH1(h) {
			continue
		}
		// A kicker set before the headline in its <h1> ("Frain" over
		// "Incendie dans une maison …") is not part of the headline the
		// page declares.
		if i < len(m.kickers) && m.kickers[i] != "" {
			// One joined to it by punctuation ("Singen, basteln,
			// spielen: Kindergottesdienst …") is the headline's label.
			rest, ok := strings.CutPrefix(h, m.kickers[i])
			rest = strings.TrimSpace(rest)
			if r, _ := utf8.DecodeRuneInString(rest); ok && (unicode.IsLetter(r) || unicode.IsDigit(r)) && declared(rest, metas, s) {
				return rest, site
			}
		}
		fh := news.FoldName(h)
		for _, t := range metas {
			ft := news.FoldName(t)
			if ft == "" || fh == "" {
				continue
			}
			if fh == ft || (len(fh) >= 12 && strings.Contains(ft, fh)) || (len(ft) >= 12 && strings.Contains(fh, ft) && len(ft)*10 >= len(fh)*7) {
				return h, first(site, titleRest(m.title, h))
			}
		}
	}
	// Otherwise the first <h1> that reads as a headline (four words or
	// more, not the site's name) is the visible one, over a social or
	// SEO title written for another audience.
	// A blog's name set in an <h1> above the post's ("BLOG: Die
	// Engelbart-Galaxis") is passed over.
	for _, h := range m.h1 {
		if siteH1(h) || wordLen(h) < 4 {
			continue
		}
		if utf8.RuneCountInString(h) <= 300 && (len(cut) == 0 || shareWords(h, cut[0]) > 0) {
			return h, site
		}
		break
	}
	if len(cut) > 0 {
		return cut[0], site
	}
	return "", site
}

// declared reports a headline that one of the page's declared titles
// gives, as written or with the site's pieces cut.
func declared(h string, titles []string, s siteNames) bool {
	fh := news.FoldName(h)
	if fh == "" {
		return false
	}
	for _, t := range titles {
		if t = strings.Join(strings.Fields(t), " "); t == "" {
			continue
		}
		if c, _ := cutSite(t, s); news.FoldName(t) == fh || news.FoldName(c) == fh {
			return true
		}
	}
	return false
}

// titleRest returns the site's piece of a page title that begins or ends
// with the headline: "<headline> - Section - The New York Times" gives
// "The New York Times".
func titleRest(title, h string) string {
	parts := splitTitle(title)
	if len(parts) < 2 {
		return ""
	}
	fh := news.FoldName(h)
	switch {
	case news.FoldName(parts[0]) == fh:
		return parts[len(parts)-1]
	case news.FoldName(parts[len(parts)-1]) == fh:
		return parts[0]
	}
	return ""
}

// shareWords counts the longer words two titles share.
func shareWords(a, b string) int {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(a), notWord) {
		if utf8.RuneCountInString(w) >= 4 {
			set[w] = true
		}
	}
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(b), notWord) {
		if set[w] {
			n++
			delete(set, w)
		}
	}
	return n
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// outlet chooses the publication's name: the page's own name metadata
// when it is a name (not a URL, a handle, a tagline list or a section),
// else the site's piece of its title, else the host, else the holder
// its copyright line names. A name written as a host ("baltimoresun.com",
// "TMZ.COM") gives way to the name the host spells, where the page
// writes it as words (its title's site piece, its publisher, its
// copyright line: "Baltimore Sun", "L'Express"); a host that is an
// acronym in capitals is known by the acronym ("TMZ").
func outlet(m pageMeta, titleSite, pageURL string, s siteNames, copyright func() []copyrightHolder) string {
	n := persianLetters(declaredOutlet(m, titleSite, pageURL))
	label, ok := hostForm(n)
	if !ok && n != "" {
		return n
	}
	others := []string{titleSite, m.ld.publisher}
	if ok {
		for _, h := range copyright() {
			others = append(others, h.name)
		}
		for _, o := range others {
			o = siteName(strings.Join(strings.Fields(o), " "))
			if _, host := hostForm(o); !host && news.FoldName(o) == news.FoldName(label) && news.FoldName(o) != "" {
				return o
			}
		}
		if acronym(label) {
			return label
		}
		return n
	}
	// Nothing names the site and no address gives its host: the
	// footer's copyright line does, when it holds a short name. A
	// notice without a year is a photo's credit ("© AFP") as often as
	// the site's.
	holders := copyright()
	for i := len(holders) - 1; i >= 0; i-- {
		if h := holders[i].name; holders[i].site && wordLen(h) <= 4 && utf8.RuneCountInString(h) <= 40 && !strings.ContainsAny(h, "0123456789") {
			return h
		}
	}
	return ""
}

// persianLetters writes a Persian name with the Persian forms of yeh and
// kaf where it was typed with the Arabic ones, which look alike: a site
// that spells its name "خبرگزاری آریا" in its text may have "خبرگزاری
// آريا" in its title. Only a name with a letter that Arabic lacks (پ چ
// ژ گ) is Persian (or Urdu, which writes the same forms).
func persianLetters(n string) string {
	if !strings.ContainsAny(n, "پچژگ") {
		return n
	}
	return strings.NewReplacer("ي", "ی", "ك", "ک").Replace(n)
}

// hostForm reports a name written as a host, one word of labels and a
// domain ending ("baltimoresun.com", "Express.co.uk", "edition.cnn.com"),
// and returns the label that names the site as the name writes it: the
// one hostLabel picks ("Express", "cnn"), not a subdomain's.
func hostForm(n string) (string, bool) {
	if n == "" || strings.ContainsFunc(n, unicode.IsSpace) {
		return "", false
	}
	labels := strings.Split(n, ".")
	if len(labels) < 2 || slices.Contains(labels, "") {
		return "", false
	}
	if end := labels[len(labels)-1]; !isLetters(end) || len(end) > 6 {
		return "", false
	}
	site := hostLabel("//" + n)
	for _, l := range labels {
		if site != "" && news.FoldName(l) == site {
			return l, true
		}
	}
	return "", false
}

// acronym reports a word of two to five capital letters ("TMZ").
func acronym(s string) bool {
	if len(s) < 2 || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// copyrightLine matches the holder a copyright notice names:
// "©2005-2015 WebMD, LLC. All rights reserved.", "Copyright (c) 2020,
// Baltimore Sun", "Copyright 2020 Hearst". The word alone, without a
// sign or a year, is not a notice: "Copyright Policy" is a footer's
// link, "Copyright law is complex" a sentence.
var copyrightLine = regexp.MustCompile(`(?i)(?:(?:©|\(c\))\s*(?:copyright\s*)?(?:` + copyrightYears + `)?|copyright\s*(?:©|\(c\))\s*(?:` + copyrightYears + `)?|copyright\s*` + copyrightYears + `)(?:by\s+)?(\pL[^|©\n]{0,80})`)

// copyrightYear finds a year in a notice.
var copyrightYear = regexp.MustCompile(`(?:19|20)\d\d`)

// copyrightYears matches a notice's year or years and what follows them
// ("2005-2015 ", "2020, ").
const copyrightYears = `(?:19|20)\d\d(?:\s*[-–—/]\s*(?:19|20)\d\d)?\s*[,.]?\s*`

// copyrightHolder is the holder a copyright notice names.
type copyrightHolder struct {
	name string
	site bool // a site's notice: the copyright metadata, or one with a year
}

// copyrightHolders returns the holders that the page's copyright notices
// name, the copyright metadata first, then the visible notices in page
// order, at most eight of the site's and eight others; a notice's date
// and legal form are cut.
func copyrightHolders(doc *html.Node, m pageMeta) []copyrightHolder {
	var out []copyrightHolder
	sites, others := 0, 0
	add := func(s string, site bool) {
		sm := copyrightLine.FindStringSubmatchIndex(s)
		if sm == nil {
			return
		}
		h := s[sm[2]:sm[3]]
		site = site || copyrightYear.MatchString(s[sm[0]:sm[2]])
		if !site && others >= 8 {
			return
		}
		for _, stop := range []string{". ", ", ", " - ", " – ", " | ", " all rights", " alle rechte", " todos los derechos", " tous droits"} {
			if i := indexASCIIFold(h, stop); i > 0 {
				h = h[:i]
			}
		}
		if h = siteName(strings.TrimRight(strings.TrimSpace(h), ".,;:")); h != "" {
			out = append(out, copyrightHolder{h, site})
			if site {
				sites++
			} else {
				others++
			}
		}
	}
	if c := m.get("copyright"); c != "" {
		add("© "+c, true)
	}
	// A stack, not recursion: a page may nest elements thousands deep.
	stack := []*html.Node{doc}
	for len(stack) > 0 && sites < 8 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Head):
			continue
		case n.Type == html.TextNode:
			if t := strings.TrimSpace(n.Data); len(t) < 200 && (strings.Contains(t, "©") || strings.Contains(strings.ToLower(t), "copyright")) {
				add(t, false)
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return out
}

// declaredOutlet is the name the page gives itself, else the host.
func declaredOutlet(m pageMeta, titleSite, pageURL string) string {
	clean := func(n string) string {
		n = strings.Join(strings.Fields(n), " ")
		if n == "" || strings.Contains(n, "://") {
			return ""
		}
		// "Fandom powered by Wikia": the tagline goes.
		if i := indexASCIIFold(n, " powered by "); i > 0 {
			n = n[:i]
		}
		// "Autoracing | F1 | Indy", "Aktuálně.cz - Víte, co se právě
		// děje": the name is the first piece, or the piece that is the
		// host's name ("… | آخرین اخبار ایران و جهان | YJC" on yjc.ir).
		if parts := splitTitle(n); len(parts) > 1 {
			n = parts[0]
			for _, p := range parts[1:] {
				if f := news.FoldName(p); f != "" && (f == hostLabel(pageURL) || f == news.FoldName(hostName(pageURL))) {
					n = p
					break
				}
			}
		}
		if utf8.RuneCountInString(n) > 60 {
			return ""
		}
		return siteName(n)
	}
	og := clean(m.get("og:site_name"))
	app := clean(m.get("application-name"))
	if app != "" && (news.FoldName(app) == news.FoldName(m.title) || news.FoldName(app) == news.FoldName(m.get("og:title")) || wordLen(app) > 6) {
		app = "" // some sites put the headline there
	}
	ts := clean(titleSite)
	// A name metadata that the title and the host do not echo is often a
	// section ("U.S.") or a company ("KSF Media"): the title's site name
	// wins then.
	if og != "" && ts != "" && !echoes(og, ts) && !echoes(og, hostLabel(pageURL)) {
		return ts
	}
	if n := first(og, app, ts, clean(m.ld.publisher)); n != "" {
		return n
	}
	// A site known only by its host is named as it writes its own name
	// in its Twitter handle, when that is the host's label ("@GitLab" on
	// about.gitlab.com).
	// Only a handle as Twitter allows them (letters, digits, _): one
	// that merely folds to the label may hold spaces or control
	// characters ("Git\u202eLab").
	if label := hostLabel(pageURL); label != "" {
		if h := strings.TrimPrefix(strings.TrimSpace(m.get("twitter:site")), "@"); twitterHandle.MatchString(h) {
			if handle := strings.Trim(h, "_"); news.FoldName(handle) == label {
				return handle
			}
		}
	}
	return hostName(pageURL)
}

// twitterHandle matches a Twitter handle without its @.
var twitterHandle = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)

// legalForms are the company forms that end a publisher's legal name
// and not the name readers know it by.
var legalForms = []string{"inc", "inc.", "llc", "l.l.c.", "ltd", "ltd.", "limited", "gmbh", "ag", "s.a.", "sa", "s.l.", "srl", "s.r.l.", "s.p.a.", "spa", "plc", "corp", "corp.", "corporation", "co.", "b.v.", "bv", "oy", "ab", "as", "a/s", "pty", "pty.", "k.k."}

// issueNumber matches a magazine's issue ("52/2018", "1/2023").
var issueNumber = regexp.MustCompile(`^\d{1,2}/(?:19|20)\d\d$`)

// siteName tidies a name a page gives itself: a host is written without
// "www." ("www.wday.ru" → "wday.ru"), a company form or an issue number
// is cut ("Spiceworks Inc", "WebMD, LLC", "DER SPIEGEL 52/2018"), and so is a domain ending put on a
// name with spaces, which no host has ("Il Mattino.it").
func siteName(n string) string {
	if len(n) > 4 && strings.EqualFold(n[:4], "www.") && !strings.Contains(n, " ") {
		n = n[4:]
	}
	for {
		f := strings.Fields(n)
		if len(f) < 2 {
			break
		}
		last := strings.ToLower(f[len(f)-1])
		legal := issueNumber.MatchString(last) || // "DER SPIEGEL 52/2018": the print issue
			slices.Contains(legalForms, last)
		// A two-letter form is also a name's own word ("Diario AS", the
		// sports paper): it is cut only after a comma or a name of two
		// words or more ("Verlagsgruppe Rhein Main AG").
		if legal && len(last) == 2 && len(f) < 3 && !strings.HasSuffix(f[len(f)-2], ",") {
			legal = false
		}
		if !legal {
			break
		}
		n = strings.TrimRight(strings.Join(f[:len(f)-1], " "), ",")
	}
	if i := strings.LastIndexByte(n, '.'); i > 0 && strings.Contains(n[:i], " ") && i+3 <= len(n) && len(n)-i <= 4 {
		tld := n[i+1:]
		if strings.ToLower(tld) == tld && isLetters(tld) { // "Foo 2.10" is a version, not a domain
			n = n[:i]
		}
	}
	return n
}

// indexASCIIFold is strings.Index of the lower-case ASCII sub in s, s's
// ASCII letters read in lower case. Its offset is s's own:
// strings.ToLower(s) may be longer or shorter than s ("Ⱥ" lowers to
// three bytes from two, "K", the Kelvin sign, to one from three), and an
// offset in it would cut s mid-rune or past its end.
func indexASCIIFold(s, sub string) int {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return bytes.Index(b, []byte(sub))
}

// isLetters reports a non-empty word of letters only.
func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// echoes reports two names of which one contains the other, folded.
func echoes(a, b string) bool {
	fa, fb := news.FoldName(a), news.FoldName(b)
	if fa == "" || fb == "" {
		return false
	}
	return strings.Contains(fa, fb) || strings.Contains(fb, fa)
}

// hostName is the name of a site known only by its host: the host
// without "www.".
func hostName(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
