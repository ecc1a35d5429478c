package importer

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/clean"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/extract"
	"github.com/digest-news/digest/internal/ingest"
	"github.com/digest-news/digest/internal/mdtext"
	"github.com/digest-news/digest/internal/meta"
	"github.com/digest-news/digest/internal/news"
)

// draft is an article recovered from one raw item, with what dedupe needs.
type draft struct {
	news.Article
	text        string // the body as plain text, one block a line; only while assembling
	pageTitle   string // the title as the input gave it, site's pieces and all
	fingerprint string // hash of the normalised body text
	item        ingest.Item
	warning     string // what the editor should check, when not empty
	// spilled says the body waits at body in the batch's spill, and
	// Article.Body is empty until it is read back.
	spilled bool
	body    span
}

// assemble turns one raw item into an article: it cleans or extracts the
// text, then resolves metadata, each field from the most trusted place.
func assemble(it ingest.Item, bp *clean.Boilerplate, maxHTML int64) (*draft, error) {
	d := &draft{item: it}
	a := &d.Article
	a.Origin = it.Origin
	var pageDate, recDate time.Time
	var raw string // where dates and datelines may be found
	switch it.Kind {
	case ingest.TextDump:
		r := clean.Dump(it.Text, clean.Options{Boilerplate: bp})
		a.Title = r.Title
		if a.Title == "" {
			a.Title = dumpTitle(it.Text, r.Blocks)
		}
		a.Body = mdtext.Blocks(r.Blocks)
		a.Related = r.Related
		a.Author = r.Byline
		a.Agency = meta.AgencyFromTrailer(r.Trailer)
		d.text = blocksText(r.Blocks)
		raw = it.Text
		a.Summary = meta.Summary(r.Blocks)
	case ingest.HTMLPage:
		r, err := extract.HTML(bytes.NewReader(it.HTML), "", extract.Options{MaxBytes: maxHTML})
		if err != nil && !errors.Is(err, extract.ErrFallback) {
			return nil, err
		}
		fromExtract(a, r)
		d.text = r.Text
		d.pageTitle = r.PageTitle
		pageDate = r.Date
		raw = r.Text
	case ingest.Record:
		rec := it.Rec
		if rec.URL != "" && !webURL(rec.URL) {
			d.warning = fmt.Sprintf("the record's \"url\" %.80q is not an absolute http(s) URL; it was left out (the article has no link to its original)", rec.URL)
			r := *rec
			r.URL = ""
			rec = &r
		}
		if strings.TrimSpace(rec.HTML) != "" {
			r, err := extract.HTML(strings.NewReader(rec.HTML), rec.URL, extract.Options{MaxBytes: maxHTML})
			if err != nil && !errors.Is(err, extract.ErrFallback) {
				return nil, err
			}
			fromExtract(a, r)
			d.text = r.Text
			pageDate = r.Date
		} else {
			blocks := textBlocks(rec.Text)
			a.Body = mdtext.Blocks(blocks)
			a.Summary = meta.Summary(blocks)
			d.text = blocksText(blocks)
		}
		a.Title = rec.Title
		a.ID = rec.ID
		if rec.URL != "" {
			a.URL = rec.URL
		}
		if rec.Source != "" {
			a.Source = rec.Source
		}
		if rec.Author != "" {
			a.Author = rec.Author
		}
		if rec.Language != "" {
			a.Language = rec.Language
		}
		switch rec.Publish {
		case "", "full", "excerpt":
			a.Publish = rec.Publish
		default:
			return nil, errors.New("publish " + strconv.Quote(rec.Publish) + " is not a publish mode; write \"full\" or \"excerpt\", or leave it out")
		}
		recDate = rec.Date
		raw = rec.Text
	}
	a.Title = plainField(a.Title)
	if d.pageTitle = plainField(d.pageTitle); d.pageTitle == "" {
		d.pageTitle = a.Title
	}
	a.Source = plainField(a.Source)
	a.Author = plainField(a.Author)
	a.Dateline = plainField(a.Dateline)
	// A record is what a scraper or feed delivered: a headline without a
	// body is a headline-only item. A page, dump or record without a
	// headline gets one from its lead, marked in front matter so an
	// editor can see and replace it; one without text is not an article.
	headlineOnly := it.Kind == ingest.Record && strings.TrimSpace(d.text) == "" && a.Title != ""
	if strings.TrimSpace(d.text) == "" && !headlineOnly {
		return nil, errors.New("no article text found: the file holds nothing that reads as an article")
	}
	if a.Title == "" {
		a.Title, a.TitleSource = leadTitle(d.text), news.TitleFromText
		what := "the page has no headline (no <title>, <h1> or title metadata)"
		switch it.Kind {
		case ingest.Record:
			what = "the record has no \"title\""
		case ingest.TextDump:
			what = "the dump has no headline line"
		}
		d.warning = fmt.Sprintf("%s; the headline %q was taken from its lead (title_source: text in the front matter); correct it there", what, a.Title)
	}
	if len(a.Title) > 300 {
		a.Title = cutWords(a.Title, 300)
	}

	first := firstLine(d.text)
	dl, hasDateline := meta.ParseDateline(first)
	if hasDateline {
		a.Dateline = dl.Place
		if dl.Agency != "" {
			a.Agency = dl.Agency
		}
	}
	switch {
	case !recDate.IsZero():
		a.Date, a.DateSource = recDate, news.DateFromRecord
	case !pageDate.IsZero():
		// The page's own time zone is kept: its day is the reader's.
		a.Date, a.DateSource = pageDate, news.DateFromPage
	default:
		if t, ok := meta.FindDate(d.text+"\n"+raw, dl); ok {
			a.Date, a.DateSource = t, news.DateFromText
		} else if !it.ModTime.IsZero() {
			a.Date, a.DateSource = it.ModTime.UTC().Truncate(1e9), news.DateFromFile
		}
	}
	if a.Language == "" {
		a.Language = meta.Language(d.text)
	}
	if a.Summary == "" {
		a.Summary = meta.Summary(textBlocks(d.text))
	}
	if headlineOnly {
		// Headline-only items are told apart by their headline and link.
		d.fingerprint = fingerprint("headline:" + a.Title + "\n" + canonicalURL(a.URL))
	} else {
		d.fingerprint = fingerprint(d.text)
	}
	// The plain text is not kept: the body holds the same words, and
	// threading reads the body, as it does for articles already in
	// content/. A batch of 100,000 articles would otherwise hold every
	// text twice.
	d.text = ""
	if a.ID == "" {
		if c := canonicalURL(a.URL); c != "" {
			a.ID = content.Hash("url:" + c)
		} else {
			a.ID = d.fingerprint
		}
	}
	compact(a)
	d.pageTitle = strings.Clone(d.pageTitle)
	return d, nil
}

// readBody is the draft's body, read back from sp when it waits there.
func (d *draft) readBody(sp *spill) (string, error) {
	if !d.spilled {
		return d.Body, nil
	}
	return sp.readString(d.body)
}

// compact copies the article's strings into storage of their own: a
// title cut from the raw page would keep the whole page alive, and a body
// built by doubling a buffer can hold twice its length, for every article
// of a batch until it is written.
func compact(a *news.Article) {
	for _, s := range []*string{&a.ID, &a.Title, &a.Source, &a.URL, &a.Author, &a.Dateline, &a.Agency, &a.Language, &a.Summary, &a.Origin, &a.Body} {
		*s = strings.Clone(*s)
	}
	for i := range a.Tags {
		a.Tags[i] = strings.Clone(a.Tags[i])
	}
	if len(a.Related) > 0 {
		a.Related = slices.Clone(a.Related)
		for i := range a.Related {
			r := &a.Related[i]
			r.Source, r.Title, r.Snippet, r.URL = strings.Clone(r.Source), strings.Clone(r.Title), strings.Clone(r.Snippet), strings.Clone(r.URL)
		}
	}
}

func fromExtract(a *news.Article, r extract.Result) {
	a.Title = r.Title
	a.Body = r.Markdown
	a.Author = r.Author
	a.Source = r.SiteName
	a.URL = r.URL
	a.Language = r.Language
	a.Summary = strings.TrimSpace(r.Description)
}

// cutSharedAffixes cuts from the headlines of a batch the prefix or
// suffix that an outlet's template puts on all its pages' titles and that
// the page alone did not tell from the headline (a section, or a site
// name the page does not state: "Autoracing | F1 | …"). An outlet is its
// pages' host, else the name they give; headlines derived from a lead,
// and articles of no known outlet, are left alone. nil drafts are
// skipped.
func cutSharedAffixes(drafts []*draft) {
	var idx []int
	var pages []meta.Titled
	for i, d := range drafts {
		if d == nil || d.TitleSource == news.TitleFromText {
			continue
		}
		if key := outletKey(&d.Article); key != "" {
			idx = append(idx, i)
			pages = append(pages, meta.Titled{Outlet: key, Title: d.pageTitle, Headline: d.Title})
		}
	}
	for j, h := range meta.CutSharedAffixes(pages) {
		if d := drafts[idx[j]]; h != d.Title {
			d.Title = strings.Clone(h)
		}
	}
	for _, d := range drafts {
		if d != nil {
			d.pageTitle = ""
		}
	}
}

// outletKey names the site an article is from, for grouping a batch's
// articles by outlet: the host of its URL without "www.", else its
// outlet's name folded, else "".
func outletKey(a *news.Article) string {
	if u := canonical(a.URL); u != nil {
		return "host:" + u.Host
	}
	if f := news.FoldName(a.Source); f != "" {
		return "name:" + f
	}
	return ""
}

// textBlocks splits plain text into paragraphs: one a line.
func textBlocks(text string) []news.Block {
	var out []news.Block
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, news.Block{Kind: news.Paragraph, Text: l})
		}
	}
	return out
}

func blocksText(blocks []news.Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// dumpTitle is the title of a dump in the seeds' form when the cleaner
// found no headline-shaped line: its first line, unless that line is
// already the article's first paragraph.
func dumpTitle(text string, blocks []news.Block) string {
	first := firstLine(text)
	if first == "" || (len(blocks) > 0 && blocks[0].Text == first) {
		return ""
	}
	for _, b := range blocks {
		if b.Text == first {
			return ""
		}
	}
	return first
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// fingerprint identifies an article by its text, whatever the format it
// came in: letters and digits only, case folded.
func fingerprint(text string) string {
	b := make([]byte, 0, len("text:")+len(text))
	b = append(b, "text:"...)
	for _, r := range text {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b = append(b, byte(r))
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			// No other ASCII character is a letter or a digit.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return content.Hash(string(b))
}

// webURL says whether s is an absolute http(s) URL, the only kind an
// article may link to as its original: javascript:, data: and the like
// would run or hide content in a reader's browser.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// canonicalURL normalises an article URL so that the same page reached
// through tracking parameters or another scheme gets the same id.
func canonicalURL(s string) string {
	if u := canonical(s); u != nil {
		return u.String()
	}
	return ""
}

// canonical is canonicalURL's URL, nil where s is no http(s) URL with a
// host.
func canonical(s string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "ocid" || lk == "cmpid" {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	u.Fragment = ""
	u.Scheme = "https"
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	u.Path = path.Clean("/" + u.Path)
	return u
}

func cutWords(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max]
	if i := strings.LastIndexByte(s, ' '); i > max/2 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "") + "…"
}

// Recover turns one raw item into its article exactly as an import does
// (without the batch's boilerplate lines, which need the other files):
// the evaluation of the metadata runs through it.
func Recover(it ingest.Item) (news.Article, error) {
	d, err := assemble(it, nil, 0)
	if err != nil {
		return news.Article{}, err
	}
	return d.Article, nil
}
