package site

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/slug"
	"github.com/digest-news/digest/internal/thread"
)

// Article is an article as the pages show it.
type Article struct {
	*news.Article
	Slug     string // URL segment, from the content file's name
	Path     string // site path, "articles/<slug>/"
	Outlet   string // display name of the source ("" when unknown)
	Thread   *Thread
	Original *Article   // the article this one copies, when in the same thread
	Copies   []*Article // copies of this article
	Prev     *Article   // older article in the thread
	Next     *Article   // newer article in the thread
	Topics   []*Term    // the article's own tags as terms
	// Excerpt is true when the site shows only the headline, the lead,
	// the outlet, the date and a link to the original (publish mode
	// "excerpt"): on the page, in the feeds and so in the search index.
	Excerpt bool
	lead    [2]int // sentences, words

	// The body is read and rendered when a page or a feed shows it (see
	// HTML) and let go once its page is written (release), so that a
	// build holds a few bodies at a time, not the whole archive's, and
	// one that reuses most pages renders only the bodies it shows.
	md       *markdown
	load     func() (string, error) // reads the body when content was loaded lazily
	mu       sync.Mutex
	html     template.HTML
	rendered bool
}

// HTML is the body rendered by goldmark.
func (a *Article) HTML() template.HTML {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.rendered {
		if a.Excerpt {
			a.html = template.HTML("<p>" + template.HTMLEscapeString(a.Lead()) + "</p>")
		} else {
			a.html = a.md.html(a.body())
		}
		a.rendered = true
	}
	return a.html
}

// Lead is the start of the article an excerpt shows: its first
// sentences, at most the configured number of sentences and of words.
func (a *Article) Lead() string {
	return lead(a.Text(), a.lead[0], a.lead[1])
}

// setPublish decides whether the article is shown whole or as an
// excerpt: its own publish field, else the site's, else whole.
func (a *Article) setPublish(s Settings) {
	mode := a.Publish
	if mode == "" {
		mode = s.Publish
	}
	a.Excerpt = mode == config.PublishExcerpt
	a.lead = [2]int{max(s.LeadSentences, 1), max(s.LeadWords, 10)}
}

// lead cuts text to at most sentences sentences and words words; a cut
// inside a sentence ends with an ellipsis.
func lead(text string, sentences, words int) string {
	var out []string
	n := 0
	for _, para := range strings.Split(text, "\n") {
		for _, w := range strings.Fields(para) {
			if len(out) >= words {
				return strings.Join(out, " ") + " …"
			}
			out = append(out, w)
			if endsSentence(w) {
				if n++; n >= sentences {
					return strings.Join(out, " ")
				}
			}
		}
		if len(out) > 0 && !endsSentence(out[len(out)-1]) {
			// A paragraph (a heading, a line without a full stop) ends a
			// sentence too.
			if n++; n >= sentences {
				return strings.Join(out, " ")
			}
		}
	}
	return strings.Join(out, " ")
}

// endsSentence says whether a word ends a sentence: a full stop,
// question or exclamation mark, perhaps inside closing quotes, and not
// an initial or a common abbreviation.
func endsSentence(w string) bool {
	t := strings.TrimRight(w, `"'”’»)]`)
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?':
	default:
		return false
	}
	core := strings.TrimRight(t, ".!?")
	if len(core) <= 1 && t[len(t)-1] == '.' {
		return false // an initial: "J."
	}
	switch strings.ToLower(core) {
	case "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "prof", "jr", "sr", "inc", "co", "corp", "u.s", "u.k", "e.g", "i.e", "vs", "no", "jan", "feb", "aug", "sept", "oct", "nov", "dec":
		return t[len(t)-1] != '.'
	}
	return true
}

// release lets the rendered body go; HTML renders it again if asked.
func (a *Article) release() {
	a.mu.Lock()
	a.html, a.rendered = "", false
	a.mu.Unlock()
}

// Text is the body as plain text, one block a line. Only the story's
// description reads it, once: it is not kept.
func (a *Article) Text() string {
	return a.md.text(a.body())
}

func (a *Article) body() string {
	if a.load != nil {
		// A file that changed under the build shows no body; the next
		// build reads it afresh and fixes the page.
		body, _ := a.load()
		return body
	}
	return a.Body
}

// Thread is a story thread as the pages show it.
type Thread struct {
	ID        string
	Path      string // "threads/<id>/"
	Headline  string
	Summary   string
	Note      template.HTML // editor's note from the thread file
	Articles  []*Article    // newest first
	Originals []*Article    // articles that are not copies, newest first
	Outlets   []string      // display names, sorted
	First     time.Time
	Latest    time.Time
	Tags      []*Term
	Pinned    bool
	Related   []*Thread

	score        float64
	computedTags []string
}

// Updated is the thread's latest article date.
func (t *Thread) Updated() time.Time { return t.Latest }

// Term is a tag or an outlet with its pages.
type Term struct {
	Name     string
	Slug     string
	Path     string // "tags/<slug>/" or "outlets/<slug>/"; "" for a topic without a page of its own
	Kind     string // "tag" or "outlet"
	Threads  []*Thread
	Articles []*Article // newest first
	Listed   []*Article // Articles less the copies folded under an original on the same list
}

// Day is one day of articles.
type Day struct {
	Date     time.Time
	Path     string // "2025/07/12/"
	Articles []*Article
	Listed   []*Article // Articles less the copies folded under an original on the same list
}

// Model is the whole site, assembled from content.
type Model struct {
	Articles []*Article // newest first
	Threads  []*Thread  // ranked for the home page
	Tags     []*Term    // by name
	Outlets  []*Term    // by name
	Days     []*Day     // newest first
	Now      time.Time  // the newest article's date: the build's clock
	// Problems are content errors found while assembling (two threads
	// or articles whose URLs are equal), each naming both files.
	Problems []error
	// Notices are what the build reports without failing: a date in the
	// future, a link that is not a web page.
	Notices []string
}

// webURL says whether s is an absolute http(s) URL.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// maxSlug bounds the bytes of a thread's folder name, as tags' are: a
// file name of hundreds of bytes is refused by every file system.
const maxSlug = 60

// threadSlug is the folder name of a thread's pages. An id that slugs to
// nothing (another script, punctuation only) gets a hash of itself, and
// one longer than maxSlug is cut and given its hash, so that two long ids
// with a common start stay apart.
func threadSlug(id string) string {
	s := slug.Make(id, 0)
	switch {
	case s == "":
		return "t-" + content.Hash(id)
	case len(s) > maxSlug:
		return slug.Make(s, maxSlug-13) + "-" + content.Hash(id)
	}
	return s
}

// assemble groups articles into threads, honouring editors' thread files,
// and computes what the pages and feeds need. It reads no files.
//
// describeAll fills in each thread's description (thread.Describe of its
// articles, newest first); nil describes them one by one here.
//
// c.Unread lists articles loaded without their body; load reads one.
//
// A topic gets its own page and feeds only when its articles span at
// least minStories stories: below that its page would repeat its story's.
func assemble(c *content.Content, clock time.Time, md *markdown, outlet func(string) string, minStories int, describeAll func([]*Thread) []thread.Meta, load func(path string, offset int) (string, error)) *Model {
	m := &Model{}
	threads := map[string]*Thread{}
	articleURL := map[string]string{}                   // page path → content file
	threadURL := map[string]struct{ id, file string }{} // page path → thread id and a file in it
	for _, a := range c.Articles {
		id := a.Thread
		if id == "" {
			id = "t-" + content.ShortID(a.ID)
		}
		// Follow editors' merges; a cycle stops at the first repeat.
		seen := map[string]bool{}
		for tf := c.Threads[id]; tf != nil && tf.MergedInto != "" && !seen[id]; tf = c.Threads[id] {
			seen[id] = true
			id = tf.MergedInto
		}
		if tf := c.Threads[id]; tf != nil && tf.Hidden {
			continue
		}
		s := strings.TrimSuffix(a.File[strings.LastIndexByte(a.File, '/')+1:], ".md")
		art := &Article{Article: a, Slug: slug.Make(s, 0), Outlet: outletOf(a, outlet), md: md}
		if off, ok := c.Unread[a.File]; ok && load != nil {
			art.load = func() (string, error) { return load(a.File, off) }
		}
		if art.Slug == "" {
			art.Slug = content.ShortID(a.ID)
		}
		art.Path = "articles/" + art.Slug + "/"
		if a.URL != "" && !webURL(a.URL) {
			// Only a web page is linked as the original: javascript:
			// and data: would run or hide content in a reader's browser.
			m.Notices = append(m.Notices, fmt.Sprintf("content/%s: url %.80q is not an absolute http(s) URL; the page does not link to it; correct it in the front matter", a.File, a.URL))
			cp := *a
			cp.URL = ""
			art.Article = &cp
		}
		if other, ok := articleURL[art.Path]; ok {
			m.Problems = append(m.Problems, &content.Error{Path: a.File, Msg: fmt.Sprintf("has the same URL /%s as %s (file names equal but for case, accents or punctuation); rename one of the two files", art.Path, other)})
			continue
		}
		articleURL[art.Path] = a.File
		t := threads[id]
		if t == nil {
			t = &Thread{ID: id, Path: "threads/" + threadSlug(id) + "/"}
			if other, ok := threadURL[t.Path]; ok {
				m.Problems = append(m.Problems, &content.Error{Path: a.File, Msg: fmt.Sprintf("is in thread %q, whose URL /%s is that of thread %q of %s (ids equal but for case, accents or punctuation); give one of the two threads another id", id, t.Path, other.id, other.file)})
				continue
			}
			threadURL[t.Path] = struct{ id, file string }{id, a.File}
			threads[id] = t
		}
		art.Thread = t
		t.Articles = append(t.Articles, art)
		m.Articles = append(m.Articles, art)
	}
	sortNewest(m.Articles)
	// The site's "now" is its newest article's date, not the clock's, so
	// that a build is a function of its content; a date beyond the
	// clock (and a day of time zones) is a mistake, reported and never
	// taken as "now", where it would make every other story look old.
	limit := clock.Add(24 * time.Hour)
	for _, a := range m.Articles {
		if !clock.IsZero() && a.Date.After(limit) {
			m.Notices = append(m.Notices, fmt.Sprintf("content/%s: date %s is in the future (after %s); it is not taken as the site's latest date; correct the date in the front matter", a.Article.File, a.Date.Format(time.RFC3339), clock.UTC().Format("2006-01-02")))
			continue
		}
		if trusted(a) && a.Date.After(m.Now) {
			m.Now = a.Date
		}
	}
	if m.Now.IsZero() {
		for _, a := range m.Articles {
			if a.Date.After(m.Now) && (clock.IsZero() || !a.Date.After(limit)) {
				m.Now = a.Date
			}
		}
	}

	// Threads in id order, so that describing them in parallel and
	// iterating below is deterministic.
	byID := make([]*Thread, 0, len(threads))
	for _, t := range threads {
		sortNewest(t.Articles)
		byID = append(byID, t)
	}
	sort.Slice(byID, func(i, j int) bool { return byID[i].ID < byID[j].ID })
	if describeAll == nil {
		describeAll = func(ts []*Thread) []thread.Meta {
			ms := make([]thread.Meta, len(ts))
			for i, t := range ts {
				ms[i] = thread.Describe(t.docs())
			}
			return ms
		}
	}
	metas := describeAll(byID)

	tags := map[string]*Term{}
	outlets := map[string]*Term{}
	for ti, t := range byID {
		describe(t, c.Threads[t.ID], md, metas[ti])
		byID := map[string]*Article{}
		for _, a := range t.Articles {
			byID[a.ID] = a
		}
		outletSet := map[string]bool{}
		for i, a := range t.Articles {
			if i > 0 {
				a.Next = t.Articles[i-1]
			}
			if i+1 < len(t.Articles) {
				a.Prev = t.Articles[i+1]
			}
			if o := byID[a.CopyOf]; o != nil && o != a && o.CopyOf == "" {
				a.Original = o
				o.Copies = append(o.Copies, a)
			} else {
				t.Originals = append(t.Originals, a)
			}
			if a.Outlet != "" {
				outletSet[a.Outlet] = true
				addTerm(outlets, "outlet", a.Outlet, t, a)
			}
			for _, name := range a.Article.Tags {
				a.addTag(addTerm(tags, "tag", name, t, a))
			}
		}
		for o := range outletSet {
			t.Outlets = append(t.Outlets, o)
		}
		sort.Strings(t.Outlets)
		for _, tag := range t.tagNames() {
			term := addTerm(tags, "tag", tag, t, nil)
			t.Tags = append(t.Tags, term)
			// A story's entities tag each of its articles, so the tag's
			// page and feeds list them.
			for _, a := range t.Articles {
				if !a.hasTopic(term) {
					term.Articles = append(term.Articles, a)
				}
			}
		}
		t.score = rank(t, m.Now)
	}
	m.Threads = append(m.Threads, byID...)
	sort.Slice(m.Threads, func(i, j int) bool {
		a, b := m.Threads[i], m.Threads[j]
		if a.Pinned != b.Pinned {
			return a.Pinned
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return a.ID < b.ID
	})
	m.Tags = sortedTerms(tags)
	paged := m.Tags[:0]
	for _, t := range m.Tags {
		if t.stories() >= minStories {
			paged = append(paged, t)
		} else {
			t.Path = ""
		}
	}
	m.Tags = paged
	m.Outlets = sortedTerms(outlets)
	relate(m)
	m.Days = days(m.Articles)
	return m
}

// hasTopic reports whether the article has its own tag t.
func (a *Article) hasTopic(t *Term) bool {
	for _, x := range a.Topics {
		if x == t {
			return true
		}
	}
	return false
}

// outletOf is the name an article is credited to: its outlet, else the
// news agency its dateline or sign-off names (a wire copy scraped from an
// aggregator often carries nothing else).
func outletOf(a *news.Article, name func(string) string) string {
	if a.Source != "" {
		return name(a.Source)
	}
	return name(a.Agency)
}

// addTag gives the article a tag once.
func (a *Article) addTag(t *Term) {
	for _, x := range a.Topics {
		if x == t {
			return
		}
	}
	a.Topics = append(a.Topics, t)
}

// tagNames are the thread's tags: computed entities plus the articles' own.
func (t *Thread) tagNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, tag := range t.computedTags {
		if k := strings.ToLower(tag); !seen[k] {
			seen[k] = true
			out = append(out, tag)
		}
	}
	return out
}

// describe fills the thread's headline, summary and tags: an editor's
// thread file wins, else the threader's description of its articles.
func describe(t *Thread, tf *content.ThreadFile, md *markdown, d thread.Meta) {
	t.Headline, t.Summary, t.computedTags = d.Headline, d.Summary, d.Tags
	for _, a := range t.Articles {
		if a.Date.IsZero() {
			continue
		}
		if t.First.IsZero() || a.Date.Before(t.First) {
			t.First = a.Date
		}
		if a.Date.After(t.Latest) {
			t.Latest = a.Date
		}
	}
	if tf != nil {
		if tf.Headline != "" {
			t.Headline = tf.Headline
		}
		if tf.Summary != "" {
			t.Summary = tf.Summary
		}
		t.Pinned = tf.Pinned
		if strings.TrimSpace(tf.Body) != "" {
			t.Note, _ = md.render(tf.Body)
		}
	}
	if t.Headline == "" && len(t.Articles) > 0 {
		t.Headline = t.Articles[len(t.Articles)-1].Title
	}
}

// docs are the thread's articles as the threader describes them.
func (t *Thread) docs() []thread.Doc {
	docs := make([]thread.Doc, len(t.Articles))
	for i, a := range t.Articles {
		docs[i] = thread.Doc{ID: a.ID, Title: a.Title, Text: a.Text(), Source: a.Outlet, Date: a.Date, Thread: t.ID}
	}
	return docs
}

// rank scores a thread for the home page: its coverage in the week up to
// its newest trusted date (distinct outlets above all, then articles,
// copies counting half), decayed by that date's age relative to the
// digest's newest, so the digest reads the same whenever it is built. A
// thread with no trusted date (undated, or dated only by a file's time)
// ranks below every dated one, by coverage: the import time of a single
// article never makes a story lead.
func rank(t *Thread, now time.Time) float64 {
	var latest time.Time
	for _, a := range t.Articles {
		if trusted(a) && a.Date.After(latest) {
			latest = a.Date
		}
	}
	outlets := map[string]bool{}
	var originals, copies float64
	for _, a := range t.Articles {
		if !latest.IsZero() && trusted(a) && latest.Sub(a.Date) > rankWindow {
			continue
		}
		if a.Outlet != "" {
			outlets[a.Outlet] = true
		}
		if a.Original != nil {
			copies++
		} else {
			originals++
		}
	}
	coverage := math.Log1p(originals + 2*float64(len(outlets)) + 0.5*copies)
	if latest.IsZero() || now.IsZero() {
		return -1 / (1 + coverage)
	}
	ageHours := max(0, now.Sub(latest).Hours())
	return coverage * math.Exp(-ageHours/72)
}

// rankWindow is how far back from a story's newest report its coverage
// counts for the home page.
const rankWindow = 7 * 24 * time.Hour

// trusted says whether an article's date tells when the news happened.
func trusted(a *Article) bool {
	return !a.Date.IsZero() && a.DateSource != news.DateFromFile
}

func addTerm(m map[string]*Term, kind, name string, t *Thread, a *Article) *Term {
	s := slug.Make(name, 60)
	if s == "" {
		s = content.ShortID(strings.ToLower(name))
	}
	term := m[s]
	if term == nil {
		term = &Term{Name: name, Slug: s, Kind: kind, Path: kind + "s/" + s + "/"}
		m[s] = term
	}
	if t != nil && (len(term.Threads) == 0 || term.Threads[len(term.Threads)-1] != t) {
		term.Threads = append(term.Threads, t)
	}
	// An article whose tags repeat (or differ only in case) is listed once.
	if a != nil && (len(term.Articles) == 0 || term.Articles[len(term.Articles)-1] != a) {
		term.Articles = append(term.Articles, a)
	}
	return term
}

// stories counts the stories the term's articles belong to.
func (t *Term) stories() int {
	seen := make(map[*Thread]bool, len(t.Threads))
	for _, th := range t.Threads {
		seen[th] = true
	}
	for _, a := range t.Articles {
		seen[a.Thread] = true
	}
	return len(seen)
}

func sortedTerms(m map[string]*Term) []*Term {
	out := make([]*Term, 0, len(m))
	for _, t := range m {
		sortNewest(t.Articles)
		t.Listed = listed(t.Articles)
		sort.Slice(t.Threads, func(i, j int) bool {
			if !t.Threads[i].Latest.Equal(t.Threads[j].Latest) {
				return t.Threads[i].Latest.After(t.Threads[j].Latest)
			}
			return t.Threads[i].ID < t.Threads[j].ID
		})
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}

// relate links each thread to up to three others sharing the most tags.
func relate(m *Model) {
	for _, t := range m.Threads {
		count := map[*Thread]int{}
		for _, tag := range t.Tags {
			if len(tag.Threads) > 50 {
				continue // too common to say anything
			}
			for _, o := range tag.Threads {
				if o != t {
					count[o]++
				}
			}
		}
		var cands []*Thread
		for o, n := range count {
			if n >= 2 {
				cands = append(cands, o)
			}
		}
		sort.Slice(cands, func(i, j int) bool {
			if count[cands[i]] != count[cands[j]] {
				return count[cands[i]] > count[cands[j]]
			}
			return cands[i].ID < cands[j].ID
		})
		if len(cands) > 3 {
			cands = cands[:3]
		}
		t.Related = cands
	}
}

func days(articles []*Article) []*Day {
	var out []*Day
	byDay := map[string]*Day{}
	for _, a := range articles {
		if a.Date.IsZero() {
			continue
		}
		key := a.Date.UTC().Format("2006/01/02")
		d := byDay[key]
		if d == nil {
			y, mo, da := a.Date.UTC().Date()
			d = &Day{Date: time.Date(y, mo, da, 0, 0, 0, 0, time.UTC), Path: key + "/"}
			byDay[key] = d
			out = append(out, d)
		}
		d.Articles = append(d.Articles, a)
	}
	for _, d := range out {
		d.Listed = listed(d.Articles)
	}
	return out
}

// listed is a list of articles as a page shows it: a copy whose original
// is on the list too appears only folded under that original.
func listed(as []*Article) []*Article {
	on := make(map[*Article]bool, len(as))
	for _, a := range as {
		on[a] = true
	}
	out := make([]*Article, 0, len(as))
	for _, a := range as {
		if a.Original == nil || !on[a.Original] {
			out = append(out, a)
		}
	}
	return out
}

// sortNewest orders articles newest first, undated last, then by id.
func sortNewest(as []*Article) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if a.Date.IsZero() != b.Date.IsZero() {
			return !a.Date.IsZero()
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.ID < b.ID
	})
}
