package extract

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/eval"
	"github.com/yuin/goldmark"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func extractString(tb testing.TB, page, pageURL string) Result {
	tb.Helper()
	res, err := HTML(strings.NewReader(page), pageURL, Options{})
	if err != nil {
		tb.Fatalf("HTML: %v", err)
	}
	return res
}

// article wraps body in enough prose for the libraries to take it as an
// article.
func article(body string) string {
	filler := strings.Repeat("<p>The council met on Tuesday to discuss the budget for the coming year, and the members agreed on most of the points raised by the treasurer.</p>\n", 4)
	return "<html><head><title>Budget agreed</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Budget agreed</h1>" +
		filler + body + filler + "</article><footer>Copyright Example News</footer></body></html>"
}

func TestDevHTMLF1(t *testing.T) {
	pages, err := eval.LoadExtraction("../../testdata/extraction/dev")
	if err != nil {
		t.Fatal(err)
	}
	cands := make(map[string]candidates, len(pages))
	texts := make(map[string]string, len(pages))
	for _, p := range pages {
		raw, err := p.HTML()
		if err != nil {
			t.Fatal(err)
		}
		res, c, err := extract(raw, p.URL)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		texts[p.ID], cands[p.ID] = res.Text, c
		for _, f := range []string{res.Title, res.Author, res.SiteName, res.Description, res.Language, res.URL, res.Markdown, res.Text} {
			if strings.Contains(f, spaceMark) {
				t.Errorf("%s: the space mark leaked into the result: %.200q", p.ID, f)
			}
		}
	}
	score := func(name string, fn func(eval.Page) string) eval.PRF {
		got, _ := eval.ScorePages(pages, func(p eval.Page) (string, error) { return fn(p), nil })
		t.Logf("%-26s P %.4f R %.4f F1 %.4f", name, got.P, got.R, got.F1)
		return got
	}
	score("go-trafilatura alone", func(p eval.Page) string { return plainText(cands[p.ID].traf) })
	score("go-readability alone", func(p eval.Page) string { return plainText(cands[p.ID].read) })
	score("trafilatura, title cut", func(p eval.Page) string {
		return plainText(combineWith(cands[p.ID], plan{trimTitle: true}))
	})
	score("trafilatura, edges cut", func(p eval.Page) string {
		return plainText(combineWith(cands[p.ID], plan{trimEdges: true}))
	})
	got := score("combined (HTML)", func(p eval.Page) string { return texts[p.ID] })
	if got.F1 < 0.965 {
		t.Errorf("F1 %.4f on the dev pages, want at least 0.965", got.F1)
	}
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden pages: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			pageURL := strings.TrimSpace(string(firstLineComment(raw)))
			res, err := HTML(bytes.NewReader(raw), pageURL, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := goldenText(res)
			golden := strings.TrimSuffix(f, ".html") + ".golden.md"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update and read the diff)\n%s", golden, got)
			}
		})
	}
}

// firstLineComment returns the page URL recorded in a golden page's
// leading "<!-- url -->" comment.
func firstLineComment(raw []byte) []byte {
	m := regexp.MustCompile(`^<!--\s*(\S+)\s*-->`).FindSubmatch(raw)
	if m == nil {
		return nil
	}
	return m[1]
}

func goldenText(r Result) string {
	var b strings.Builder
	b.WriteString("<!--\n")
	for _, kv := range [][2]string{
		{"title", r.Title}, {"author", r.Author}, {"site", r.SiteName},
		{"description", r.Description}, {"language", r.Language}, {"url", r.URL},
		{"date", r.Date.Format(time.RFC3339)},
	} {
		b.WriteString(kv[0] + ": " + strings.ReplaceAll(kv[1], "--", "- -") + "\n")
	}
	b.WriteString("-->\n\n")
	b.WriteString(r.Markdown)
	return b.String()
}

func mustURL(tb testing.TB, s string) *urlT {
	tb.Helper()
	u, err := parseURL(s)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestLinks(t *testing.T) {
	tests := []struct {
		name, page, pageURL string
		want, notWant       []string
	}{
		{
			name:    "relative link made absolute",
			page:    article(`<p>Read <a href="/reports/2025.pdf">the full report</a> for details on spending.</p>`),
			pageURL: "https://news.example.com/2025/budget",
			want:    []string{"[the full report](https://news.example.com/reports/2025.pdf)"},
		},
		{
			name:    "base element wins over the page URL",
			page:    strings.Replace(article(`<p>Read <a href="minutes">the minutes</a> of the meeting held on Tuesday.</p>`), "<head>", `<head><base href="https://archive.example.org/council/">`, 1),
			pageURL: "https://news.example.com/2025/budget",
			want:    []string{"[the minutes](https://archive.example.org/council/minutes)"},
		},
		{
			name:    "javascript link becomes text",
			page:    article(`<p>Please <a href="javascript:alert(1)">click here now</a> to see the vote count.</p>`),
			pageURL: "https://news.example.com/a",
			want:    []string{"Please click here now to see the vote count"},
			notWant: []string{"javascript", "]("},
		},
		{
			name:    "data and vbscript links become text",
			page:    article(`<p>See <a href="data:text/html,<script>x</script>">this chart</a> and <a href="vbscript:msgbox">that table</a> of figures.</p>`),
			pageURL: "https://news.example.com/a",
			want:    []string{"See this chart and that table of figures"},
			notWant: []string{"data:", "vbscript", "]("},
		},
		{
			name:    "one link over several inline elements",
			page:    article(`<p>Read <a href="/r">the <b>full</b> report</a> for details on spending.</p>`),
			pageURL: "https://news.example.com/a",
			want:    []string{"Read [the full report](https://news.example.com/r) for details"},
		},
		{
			name:    "mailto kept",
			page:    article(`<p>Write to <a href="mailto:desk@example.com">the news desk</a> with any corrections you find.</p>`),
			pageURL: "https://news.example.com/a",
			want:    []string{"[the news desk](mailto:desk@example.com)"},
		},
		{
			name:    "parentheses and spaces escaped in the destination",
			page:    article(`<p>The <a href="https://en.example.org/wiki/Budget_(economics) x">budget article</a> explains the terms used here.</p>`),
			pageURL: "https://news.example.com/a",
			want:    []string{"[budget article](https://en.example.org/wiki/Budget_%28economics%29%20x)"},
		},
		{
			name:    "markup in text escaped",
			page:    article(`<p>The motion *passed* with [12] votes &lt;script&gt; and # signs, said the clerk today.</p>`),
			pageURL: "https://news.example.com/a",
			want:    []string{`The motion \*passed\* with \[12\] votes \<script\> and # signs`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractString(t, tt.page, tt.pageURL)
			for _, w := range tt.want {
				if !strings.Contains(res.Markdown, w) {
					t.Errorf("Markdown lacks %q:\n%s", w, res.Markdown)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(res.Markdown, w) {
					t.Errorf("Markdown has %q:\n%s", w, res.Markdown)
				}
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	base := mustURL(t, "https://example.com/dir/page")
	tests := []struct{ href, want string }{
		{"/a", "https://example.com/a"},
		{"b?x=1#f", "https://example.com/dir/b?x=1#f"},
		{"//cdn.example.net/x", "https://cdn.example.net/x"},
		{"HTTP://Example.com/A", "http://example.com/A"},
		{"mailto:a@b.c", "mailto:a@b.c"},
		{"javascript:alert(1)", ""},
		{" JaVaScRiPt:alert(1)", ""},
		{"data:text/html;base64,PHNjcmlwdD4=", ""},
		{"vbscript:x", ""},
		{"file:///etc/passwd", ""},
		{"ftp://example.com/x", ""},
		{"#top", ""},
		{"", ""},
		{"https://example.com/a b)c", "https://example.com/a%20b%29c"},
	}
	for _, tt := range tests {
		t.Run(tt.href, func(t *testing.T) {
			if got := safeURL(tt.href, base); got != tt.want {
				t.Errorf("safeURL(%q) = %q, want %q", tt.href, got, tt.want)
			}
		})
	}
	// Without a page URL a relative link cannot be made absolute and is
	// dropped; absolute ones are kept.
	for href, want := range map[string]string{"/a": "", "//h.example/x": "", "https://h.example/x": "https://h.example/x"} {
		if got := safeURL(href, nil); got != want {
			t.Errorf("safeURL(%q, nil) = %q, want %q", href, got, want)
		}
	}
}

func TestMetadata(t *testing.T) {
	body := article("")
	tests := []struct {
		name, head, pageURL string
		check               func(Result) string
	}{
		{"visible h1 agreeing with title beats og:title", `<meta property="og:title" content="Council agrees budget">`, "https://n.example/a",
			func(r Result) string { return expect(r.Title, "Budget agreed") }},
		{"title from title element", ``, "https://n.example/a",
			func(r Result) string { return expect(r.Title, "Budget agreed") }},
		{"author meta", `<meta name="author" content="Jane Roe">`, "https://n.example/a",
			func(r Result) string { return expect(r.Author, "Jane Roe") }},
		{"byline prefix dropped", `<meta name="author" content="By Jane Roe;">`, "https://n.example/a",
			func(r Result) string { return expect(r.Author, "Jane Roe") }},
		{"site name", `<meta property="og:site_name" content="Example News">`, "https://n.example/a",
			func(r Result) string { return expect(r.SiteName, "Example News") }},
		{"description", `<meta name="description" content="The council agreed its budget.">`, "https://n.example/a",
			func(r Result) string { return expect(r.Description, "The council agreed its budget.") }},
		{"canonical", `<link rel="canonical" href="/2025/budget">`, "https://n.example/a?utm=x",
			func(r Result) string { return expect(r.URL, "https://n.example/2025/budget") }},
		{"og url", `<meta property="og:url" content="https://n.example/b">`, "https://n.example/a?utm=x",
			func(r Result) string { return expect(r.URL, "https://n.example/b") }},
		{"no canonical keeps page URL", ``, "https://n.example/a?utm=x",
			func(r Result) string { return expect(r.URL, "https://n.example/a?utm=x") }},
		{"javascript canonical ignored", `<link rel="canonical" href="javascript:x">`, "https://n.example/a",
			func(r Result) string { return expect(r.URL, "https://n.example/a") }},
		{"published time meta", `<meta property="article:published_time" content="2025-03-04T10:20:30+01:00">`, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "2025-03-04T09:20:30Z") }},
		{"json-ld date", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2024-12-01T08:00:00Z"}]}</script>`, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "2024-12-01T08:00:00Z") }},
		{"article:published with several itemprops", `<meta property="article:published" itemprop="datePublished dateCreated" content="2019-11-18T17:56:27.000Z">`, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "2019-11-18T17:56:27Z") }},
		{"javascript date string in JSON-LD", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"Tue Nov 19 2019 03:05:46 GMT+0000"}</script>`, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "2019-11-19T03:05:46Z") }},
		{"published time wins over a time element", `<meta property="article:published_time" content="2025-01-02T03:04:05Z"></head><body><time datetime="2020-01-01">x</time>`, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "2025-01-02T03:04:05Z") }},
		{"time element", `</head><body><time datetime="2023-05-06">May 6</time>`, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "2023-05-06T00:00:00Z") }},
		{"no date", ``, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "0001-01-01T00:00:00Z") }},
		{"bad date ignored", `<meta property="article:published_time" content="yesterday">`, "https://n.example/a",
			func(r Result) string { return expectTime(r.Date, "0001-01-01T00:00:00Z") }},
		{"language", ``, "https://n.example/a",
			func(r Result) string { return expect(r.Language, "en-GB") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := strings.Replace(body, "<html>", `<html lang="en_GB">`, 1)
			page = strings.Replace(page, "<head>", "<head>"+tt.head, 1)
			if msg := tt.check(extractString(t, page, tt.pageURL)); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func expect(got, want string) string {
	if got != want {
		return "got " + strconvQuote(got) + ", want " + strconvQuote(want)
	}
	return ""
}

func expectTime(got time.Time, want string) string {
	return expect(got.UTC().Format(time.RFC3339), want)
}

func TestStructure(t *testing.T) {
	page := article(`<h2>Spending</h2><p>Roads get most of the money this year, the treasurer told members.</p>
<ul><li>Roads: 40 percent of the total</li><li>Schools: 30 percent of the total</li></ul>
<ol><li>First reading in March</li><li>Second reading in April</li></ol>
<blockquote><p>This is a fair budget for every part of the city, said the mayor.</p></blockquote>
<h3>Next steps</h3><p>1. This line starts with a number but is no list item at all.</p>
<table><tr><th>Item</th><th>Share</th></tr><tr><td>Roads</td><td></td><td>40 percent</td></tr></table>`)
	res := extractString(t, page, "https://n.example/a")
	for _, w := range []string{
		"\n## Spending\n",
		"\n- Roads: 40 percent of the total\n- Schools: 30 percent of the total\n",
		"\n1. First reading in March\n2. Second reading in April\n",
		"\n> This is a fair budget for every part of the city, said the mayor.\n",
		"\n### Next steps\n",
		"\n1\\. This line starts",
		"\nItem \\| Share\n",
		"\nRoads \\| 40 percent\n",
	} {
		if !strings.Contains(res.Markdown, w) {
			t.Errorf("Markdown lacks %q:\n%s", w, res.Markdown)
		}
	}
	if !strings.Contains(res.Text, "\nRoads | 40 percent\n") {
		t.Errorf("Text lacks the table row:\n%s", res.Text)
	}
	if strings.Contains(res.Text, "## ") || strings.Contains(res.Text, "\\") {
		t.Errorf("Text carries Markdown:\n%s", res.Text)
	}
}

// attacks are pages that try to smuggle markup or script through.
var attacks = []string{
	`<p>hi <script>alert(1)</script> there</p>`,
	`<p onclick="alert(1)">click the paragraph to read the rest of the story</p>`,
	`<p><a href="javascript:alert(1)">x</a> <a href=" javascript:alert(1)">y</a> <a href="jav&#x09;ascript:alert(1)">z</a></p>`,
	`<p><iframe src="https://evil.example/"></iframe><embed src="x.swf"><object data="x"></object></p>`,
	`<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; and more text here</p>`,
	`<p>&lt;iframe src=javascript:alert(1)&gt; text &lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</p>`,
	`<p>[click](javascript:alert(1)) and ![img](javascript:alert(1)) and <a href="https://ok.example/">![</a>](javascript:alert(1))</p>`,
	`<p>Wow!<a href="https://ok.example/">pic</a> and \<a href="https://ok.example/">x</a></p>`,
	`<p>&lt;javascript:alert(1)&gt; &lt;https://x.example/&gt; autolinks</p>`,
	"<p>```\n<script>alert(1)</script>\n```</p><pre>    <script>alert(2)</script></pre>",
	`<p><svg onload="alert(1)"><script>alert(1)</script></svg><math><mi xlink:href="javascript:alert(1)">x</mi></math></p>`,
	`<form action="javascript:alert(1)"><input onfocus="alert(1)" autofocus></form><p>text after form</p>`,
	`<p>&amp;lt;script&amp;gt; entities &#60;script&#62; and &#x3C;iframe&#x3E;</p>`,
	`<blockquote><p>&gt; nested <a href="data:text/html,<script>alert(1)</script>">quote</a></p></blockquote>`,
	`<h2><a href="vbscript:msgbox(1)">heading link</a></h2><ul><li>- [x](javascript:1)</li></ul>`,
	`<p><a href="https://ok.example/&quot;onmouseover=&quot;alert(1)">quoted</a></p>`,
	`<p><a href="https://ok.example/x' onclick='alert(1)">single</a> <a href="https://ok.example/<script>">lt</a></p>`,
	"<p>1. <a href=\"https://ok.example/\">list?</a></p><p>12<b>)</b> not a list</p><p>===</p><p>- - -</p>",
	`<table><tr><td><script>alert(1)</script>cell</td><td onmouseover="x">two</td></tr></table>`,
	`<p>text <style>body{background:url(javascript:alert(1))}</style> <noscript><script>alert(1)</script></noscript></p>`,
}

// allowedTags are the elements goldmark writes for the Markdown this
// package produces; anything else came from raw HTML.
var allowedTags = map[string]bool{
	"p": true, "h2": true, "h3": true, "ul": true, "ol": true, "li": true,
	"blockquote": true, "a": true, "em": true, "strong": true, "code": true,
	"pre": true, "hr": true, "br": true, "h1": true,
}

// dangerous returns what in goldmark's rendering of md could run script
// or is raw HTML: a tag outside allowedTags, an on… attribute or a link
// whose scheme is not http, https or mailto. Text that merely mentions
// "<script>" is escaped and fine.
func dangerous(tb testing.TB, md string) string {
	tb.Helper()
	var out bytes.Buffer
	if err := goldmark.New().Convert([]byte(md), &out); err != nil {
		tb.Fatal(err)
	}
	z := html.NewTokenizer(&out)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			if !allowedTags[tok.Data] {
				return "tag " + tok.Data + " in " + out.String()
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					return "attribute " + a.Key
				}
				if a.Key == "href" || a.Key == "src" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "mailto:") {
						return "link " + a.Val
					}
				}
			}
		}
	}
}

func TestAttackCorpus(t *testing.T) {
	for i, a := range attacks {
		for _, page := range []string{a, article(a)} {
			res, err := HTML(strings.NewReader(page), "https://n.example/a", Options{})
			if err != nil {
				t.Fatalf("attack %d: %v", i, err)
			}
			if m := dangerous(t, res.Markdown); m != "" {
				t.Errorf("attack %d: rendered Markdown has %s\nMarkdown:\n%s", i, m, res.Markdown)
			}
			if strings.Contains(res.Markdown, "](https://n.example/a/vbscript") || strings.Contains(res.Markdown, "](https://n.example/javascript") {
				t.Errorf("attack %d: an unsafe link was turned into a relative one:\n%s", i, res.Markdown)
			}
		}
	}
}

func TestHostileInput(t *testing.T) {
	deep := strings.Repeat("<div>", 50000) + "<p>deep text at the bottom of the page</p>" + strings.Repeat("</div>", 50000)
	deepUnclosed := "<p>start</p>" + strings.Repeat("<span><b><i>", 20000) + "tail words"
	bigText := "<html><body><article><p>" + strings.Repeat("word ", 1<<20) + "</p></article></body></html>"
	invalid := "<html><body><article><p>Caf\xe9 \xff\xfe broken \xc3 bytes in a sentence that goes on.</p></article></body></html>"
	cp1251 := "<html><head><meta charset=\"windows-1251\"><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title></head><body><article><p>" +
		strings.Repeat("\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0. ", 40) + "</p></article></body></html>"
	tests := []struct {
		name    string
		page    string
		opt     Options
		wantErr error
		want    string
	}{
		{name: "50000 nested divs", page: deep, want: "deep text at the bottom"},
		{name: "60000 unclosed inline tags", page: deepUnclosed, want: "tail words"},
		{name: "5 MB text node", page: bigText, want: "word word"},
		{name: "invalid UTF-8", page: invalid, want: "broken"},
		{name: "windows-1251 declared", page: cp1251, want: "Привет мир."},
		{name: "over the size limit", page: strings.Repeat("a", 30<<20), wantErr: ErrTooLarge},
		{name: "over a small limit", page: article(""), opt: Options{MaxBytes: 100}, wantErr: ErrTooLarge},
		{name: "empty", page: ""},
		{name: "not HTML", page: "\x00\x01\x02 plain bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := HTML(strings.NewReader(tt.page), "https://n.example/a", tt.opt)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil && !errors.Is(err, ErrFallback) {
				t.Errorf("err = %v, want nil or a fallback", err)
			}
			if !strings.Contains(res.Text, tt.want) {
				t.Errorf("Text lacks %q (err %v): %.300q", tt.want, err, res.Text)
			}
			if !utf8Valid(res.Markdown) || !utf8Valid(res.Text) || !utf8Valid(res.Title) {
				t.Error("output is not valid UTF-8")
			}
		})
	}
}

func FuzzHTML(f *testing.F) {
	for _, a := range attacks {
		f.Add(a)
	}
	f.Add(article(`<h2>x</h2><ul><li><a href="/y">y</a></li></ul>`))
	f.Add("<div><div><div>" + strings.Repeat("<b>", 600) + "x")
	f.Add("<meta charset=\"shift_jis\"><p>\x82\xa0\x82\xa2</p>")
	f.Add("<p>\xff\xfe\x00</p>")
	f.Add("<table><tr><td>a</td><td></td><td>b\u00a0<a href='x'>c</a></td></tr></table>")
	f.Add("<p>room</a>\u00a0and <em>x</em> y\ue000z</p>")
	f.Fuzz(func(t *testing.T, page string) {
		res, _ := HTML(strings.NewReader(page), "https://n.example/a/b", Options{})
		for _, s := range []string{res.Title, res.Author, res.SiteName, res.Description, res.Language, res.URL, res.Markdown, res.Text} {
			if !utf8Valid(s) {
				t.Fatalf("output is not valid UTF-8: %q", s)
			}
			if strings.Contains(s, spaceMark) {
				t.Fatalf("the space mark leaked: %q", s)
			}
		}
		for _, line := range strings.Split(strings.TrimSuffix(res.Text, "\n"), "\n") {
			if res.Text != "" && strings.TrimSpace(line) == "" {
				t.Fatalf("blank line in Text: %q", res.Text)
			}
		}
		if m := dangerous(t, res.Markdown); m != "" {
			t.Fatalf("rendered Markdown has %s\n%s", m, res.Markdown)
		}
	})
}

func BenchmarkDevPages(b *testing.B) {
	pages, err := eval.LoadExtraction("../../testdata/extraction/dev")
	if err != nil {
		b.Fatal(err)
	}
	raws := make([][]byte, len(pages))
	for i, p := range pages {
		if raws[i], err = p.HTML(); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := i % len(pages)
		if _, err := HTML(bytes.NewReader(raws[p]), pages[p].URL, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
