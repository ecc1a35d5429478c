package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// hostileFeed puts s into every text field of a one-item feed.
func hostileFeed(title, summary, content, other string) Feed {
	return Feed{
		Title:       "T " + other,
		Description: other,
		Language:    "en",
		ID:          tag("feed"),
		HomeURL:     "https://example.com/",
		RSSURL:      "https://example.com/index.xml",
		AtomURL:     "https://example.com/atom.xml",
		JSONURL:     "https://example.com/feed.json",
		Author:      other,
		Items: []Item{{
			ID:          tag("article/x"),
			URL:         "https://example.com/x/",
			Title:       title,
			Summary:     summary,
			ContentHTML: content,
			Published:   time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC),
			Authors:     []string{other, "Ann"},
			Tags:        []string{other, "news"},
			Source:      other,
			SourceURL:   "https://outlet.example/x",
		}},
	}
}

// onlyXMLChars fails unless b is UTF-8 free of the C0 controls XML 1.0
// forbids, checked byte by byte independently of the writer's own filter.
func onlyXMLChars(tb testing.TB, b []byte) {
	tb.Helper()
	if !utf8.Valid(b) {
		tb.Fatalf("output is not UTF-8")
	}
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' {
			tb.Fatalf("control byte %#x at %d", c, i)
		}
	}
	if bytes.Contains(b, []byte("\uFFFE")) || bytes.Contains(b, []byte("\uFFFF")) {
		tb.Fatal("output has a noncharacter XML forbids")
	}
}

// checkRoundTrip writes f in all three formats and checks that each is
// well-formed and that a reader gets back exactly the cleaned title, summary
// and content.
func checkRoundTrip(tb testing.TB, f Feed, title, summary, content string) {
	tb.Helper()
	for _, ft := range formats {
		var buf bytes.Buffer
		if err := ft.write(&buf, f); err != nil {
			tb.Fatalf("%s: %v", ft.name, err)
		}
		b := buf.Bytes()
		onlyXMLChars(tb, b)
		if ft.name == "json" {
			if !json.Valid(b) {
				tb.Fatalf("json: invalid JSON\n%s", b)
			}
		} else {
			wellFormed(tb, b)
		}
		pf := parse(tb, b)
		if len(pf.Items) != 1 {
			tb.Fatalf("%s: %d items", ft.name, len(pf.Items))
		}
		it := pf.Items[0]
		wantSummary, wantContent := summary, content
		if ft.name == "rss" {
			wantSummary = html.EscapeString(summary)
		}
		if ft.name == "json" && content == "" {
			wantContent = summary
			if summary == "" {
				wantContent = title
			}
		}
		if it.Title != title || it.Description != wantSummary || it.Content != wantContent {
			tb.Errorf("%s: read back\n title %q\n summary %q\n content %q\nwant\n title %q\n summary %q\n content %q",
				ft.name, it.Title, it.Description, it.Content, title, wantSummary, wantContent)
		}
	}
}

func TestHostileText(t *testing.T) {
	for _, c := range []struct {
		name, in                string
		title, summary, content string // as a reader must get them back
	}{
		{"script", `<script>alert("x")</script>`,
			`<script>alert("x")</script>`, `<script>alert("x")</script>`, `<script>alert("x")</script>`},
		{"cdata end", "a ]]> b <![CDATA[ c ]]>",
			"a ]]> b <![CDATA[ c ]]>", "a ]]> b <![CDATA[ c ]]>", "a ]]> b <![CDATA[ c ]]>"},
		{"controls", "a\x00b\x01c\x0bd\x1be\x7ff\u0085g",
			"abcdefg", "abcdefg", "abcdefg"},
		{"invalid utf-8", "a\xffb\xe2\x82c",
			"a\uFFFDb\uFFFDc", "a\uFFFDb\uFFFDc", "a\uFFFDb\uFFFDc"},
		{"noncharacters", "a\uFFFEb\uFFFFc",
			"abc", "abc", "abc"},
		{"entities as text", "&amp; &#0; &lt;b&gt; &nbsp;",
			"&amp; &#0; &lt;b&gt; &nbsp;", "&amp; &#0; &lt;b&gt; &nbsp;", "&amp; &#0; &lt;b&gt; &nbsp;"},
		{"line breaks", "one\r\ntwo\rthree\n\n  four  ",
			"one two three four", "one\ntwo\nthree\n\n  four", "one\ntwo\nthree\n\n  four"},
		{"quotes and apostrophes", `"it's" <a href='x'>`,
			`"it's" <a href='x'>`, `"it's" <a href='x'>`, `"it's" <a href='x'>`},
		{"only controls", "\x01\x02",
			"https://example.com/x/", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkRoundTrip(t, hostileFeed(c.in, c.in, c.in, c.in), c.title, c.summary, c.content)
		})
	}
}

// TestHugeText checks that a 2 MB field (a scraped page with no line
// breaks) goes through every writer intact; a super-linear pass would make
// it time out. gofeed is left out: its parser, not ours, dominates.
func TestHugeText(t *testing.T) {
	const unit = "word <b>&amp; ]]> \x01"
	big := strings.Repeat(unit, 2<<20/len(unit))
	clean := strings.ReplaceAll(big, "\x01", "")
	for _, ft := range formats {
		b := write(t, ft.write, hostileFeed("t", "s", big, "o"))
		onlyXMLChars(t, b)
		var got string
		if ft.name == "json" {
			var doc struct {
				Items []struct {
					Content string `json:"content_html"`
				} `json:"items"`
			}
			if err := json.Unmarshal(b, &doc); err != nil || len(doc.Items) != 1 {
				t.Fatalf("json: %v", err)
			}
			got = doc.Items[0].Content
		} else {
			got = xmlText(t, b, "content", "encoded")
		}
		if got != strings.TrimSpace(clean) {
			t.Errorf("%s: content of %d bytes read back as %d bytes", ft.name, len(clean), len(got))
		}
	}
}

// xmlText returns the text of the first element of b named content or
// encoded (Atom's content, RSS's content:encoded), read with encoding/xml.
func xmlText(tb testing.TB, b []byte, names ...string) string {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			tb.Fatalf("encoding/xml: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && slices.Contains(names, se.Name.Local) {
			var s string
			if err := d.DecodeElement(&s, &se); err != nil {
				tb.Fatalf("encoding/xml: %v", err)
			}
			return s
		}
	}
}

func FuzzFeed(f *testing.F) {
	f.Add("Title", "Summary.", "<p>Body</p>", "Reuters")
	f.Add(`<script>alert(1)</script>`, "]]>", "<![CDATA[x]]>]]>", "&amp;")
	f.Add("a\x00b\x1f\x7f\u0085", "\xff\xfe\xe2\x82", "\uFFFE\uFFFF\r\n\r", "\t\n ")
	f.Add("", "", "", "")
	f.Add("&#0; &#x1; &lt;", "\u2028\u2029", "😀\u00a0x", "x\x00")
	f.Fuzz(func(t *testing.T, title, summary, content, other string) {
		fd := hostileFeed(title, summary, content, other)
		wantTitle := line(title)
		if wantTitle == "" {
			wantTitle = fd.Items[0].URL
		}
		checkRoundTrip(t, fd, wantTitle,
			strings.TrimSpace(cleanText(summary)), strings.TrimSpace(cleanText(content)))
		checkCompact(t, fd)
	})
}
