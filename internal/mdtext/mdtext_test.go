package mdtext

import (
	"bytes"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/news"
	"github.com/yuin/goldmark"
)

// render turns Markdown into HTML with goldmark's safe defaults.
func render(t *testing.T, md string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := goldmark.Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestEscapeRoundTrip(t *testing.T) {
	tests := []struct{ name, in, html string }{
		{"plain", "Kim met Lavrov.", "<p>Kim met Lavrov.</p>\n"},
		{"emphasis", "a *b* _c_", "<p>a *b* _c_</p>\n"},
		{"html", `<script>alert(1)</script>`, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
		{"link", "[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"},
		{"heading", "# not a heading", "<p># not a heading</p>\n"},
		{"list", "- not a list", "<p>- not a list</p>\n"},
		{"ordered", "2025. A year", "<p>2025. A year</p>\n"},
		{"entity", "&amp; stays", "<p>&amp;amp; stays</p>\n"},
		{"quote", "> no quote", "<p>&gt; no quote</p>\n"},
		{"autolink", "<https://x.test>", "<p>&lt;https://x.test&gt;</p>\n"},
		{"image", "![a](b.png)", "<p>![a](b.png)</p>\n"},
		{"backslash", `a\b`, "<p>a\\b</p>\n"},
		{"code", "`x`", "<p>`x`</p>\n"},
		{"setext", "===", "<p>===</p>\n"},
		{"newlines fold", "a\n\nb", "<p>a b</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, Escape(tt.in)); got != tt.html {
				t.Errorf("Escape(%q) = %q renders %q, want %q", tt.in, Escape(tt.in), got, tt.html)
			}
		})
	}
}

func TestBlocks(t *testing.T) {
	md := Blocks([]news.Block{
		{Kind: news.Paragraph, Text: "First."},
		{Kind: news.Heading, Text: "Invincible alliance"},
		{Kind: news.ListItem, Text: "one"},
		{Kind: news.ListItem, Text: "two"},
		{Kind: news.Quote, Text: "said"},
	})
	want := "First.\n\n## Invincible alliance\n\n- one\n- two\n\n> said\n"
	if md != want {
		t.Errorf("Blocks = %q, want %q", md, want)
	}
	html := render(t, md)
	for _, s := range []string{"<h2>Invincible alliance</h2>", "<li>one</li>", "<blockquote>"} {
		if !strings.Contains(html, s) {
			t.Errorf("rendered %q lacks %q", html, s)
		}
	}
}

// FuzzCollapseSpaces holds collapseSpaces to the split and join it skips.
func FuzzCollapseSpaces(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a\u2028b", "caf\u00e9 x", "\xff \xfe", "a\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	})
}
