package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// attacks are payloads scraped text may carry. Each must reach pages and
// feeds only as escaped text or not at all.
var attacks = []string{
	`<script>alert('xss-1')</script>`,
	`<img src=x onerror="alert('xss-2')">`,
	`<iframe src="https://evil.example/xss-3"></iframe>`,
	`<a href="javascript:alert('xss-4')">click</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTUnKTwvc2NyaXB0Pg==">x</a>`,
	`<svg onload="alert('xss-6')"></svg>`,
	`[link](javascript:alert('xss-7'))`,
	`![img](javascript:alert('xss-8'))`,
	`<object data="evil.swf"></object><embed src="evil.swf">`,
	`</script><script>alert('xss-9')</script>`,
	`<style>body{background:url("javascript:alert('xss-10')")}</style>`,
	`<form action="https://evil.example/"><input name=q></form>`,
	`<div style="background:url(javascript:alert('xss-11'))">x</div>`,
	`<a href="  JaVaScRiPt:alert('xss-12')">x</a>`,
	`<a href="vbscript:msgbox('xss-13')">x</a>`,
	`]]><script>alert('xss-14')</script>`,
	`{{.Site.Title}} {{template "x"}}`,
}

func TestAttackCorpusNeverInjects(t *testing.T) {
	raw := t.TempDir()
	root := t.TempDir()
	para := "The council met on Monday to discuss the new budget for the coming year, and members said the plan would be published next week after a final vote in the chamber."
	// A text dump whose title and paragraphs carry the payloads.
	var lines []string
	lines = append(lines, "Council budget vote "+attacks[0])
	for _, a := range attacks {
		lines = append(lines, para+" "+a)
	}
	if err := os.WriteFile(filepath.Join(raw, "dump.txt"), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	// An HTML page with the payloads as markup.
	page := `<!doctype html><html><head><title>Harbour plan approved</title><script>alert('xss-head')</script></head><body><article><h1 onclick="alert('xss-h1')">Harbour plan approved</h1>`
	for _, a := range attacks {
		page += "<p>" + para + " " + a + "</p>"
	}
	page += `</article></body></html>`
	if err := os.WriteFile(filepath.Join(raw, "page.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	// JSON records with payloads in every field, as text and as HTML.
	var recs []string
	for i, a := range attacks {
		r, _ := json.Marshal(map[string]string{
			"title": "Record " + a, "text": para + "\n" + para + " " + a, "source": "Outlet " + a, "author": "Author " + a,
			"url": "javascript:alert('xss-url')", "id": "rec-" + string(rune('a'+i)),
		})
		recs = append(recs, string(r))
		h, _ := json.Marshal(map[string]string{"title": "Html record", "html": "<p>" + para + "</p><p>" + para + " " + a + "</p>", "id": "html-" + string(rune('a'+i))})
		recs = append(recs, string(h))
	}
	if err := os.WriteFile(filepath.Join(raw, "recs.jsonl"), []byte(strings.Join(recs, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}

	digest(t, "import", "--root", root, raw) // some records may be refused; that is fine
	mustDigest(t, "build", "--root", root, "--base-url", "https://digest.example.org/")

	public := filepath.Join(root, "public")
	files := snapshot(t, public)
	if len(files) < 10 {
		t.Fatalf("only %d files built", len(files))
	}
	for name, body := range files {
		switch {
		case strings.HasSuffix(name, ".html"):
			checkHTML(t, name, body)
		case strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".json"):
			if strings.Contains(name, "sitemap") {
				continue
			}
			f, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Errorf("%s: does not parse: %v", name, err)
				continue
			}
			for _, it := range f.Items {
				checkHTML(t, name+" item "+it.Title, it.Content)
				// RSS descriptions are HTML by convention; Atom's
				// summary type="text" and JSON Feed's summary are text.
				if f.FeedType == "rss" {
					checkHTML(t, name+" item "+it.Title, it.Description)
				}
				checkText(t, name+" item title", it.Title)
				for _, a := range it.Authors {
					checkText(t, name+" item author", a.Name)
				}
			}
		}
	}
}

// checkText fails when a plain-text field still holds markup, which a
// feed reader rendering titles as HTML would run.
func checkText(t *testing.T, where, s string) {
	t.Helper()
	ls := strings.ToLower(s)
	for _, tag := range []string{"<script", "<iframe", "<img", "<svg", "<a ", "<object", "<embed", "<form", "<style", "<div"} {
		if strings.Contains(ls, tag) {
			t.Errorf("%s: markup %q in plain text %q", where, tag, s)
		}
	}
}

// checkHTML parses an HTML document or fragment and fails on anything
// active: scripts other than our JSON-LD and our own assets, event
// handlers, frames, objects, forms, and javascript:, vbscript: or data:
// URLs.
func checkHTML(t *testing.T, where, doc string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(doc))
	inScript := ""
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if inScript == "application/ld+json" && !json.Valid(z.Text()) {
				t.Errorf("%s: JSON-LD does not parse: %.200s", where, z.Text())
			}
			if inScript == "src" && strings.TrimSpace(string(z.Text())) != "" {
				t.Errorf("%s: inline code in a <script src>: %.100s", where, z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch tag {
			case "script":
				typ := attrs["type"]
				if typ == "application/ld+json" {
					inScript = typ
				} else if src := attrs["src"]; src == "" || strings.Contains(src, "//") {
					t.Errorf("%s: <script> that is not ours: %v", where, attrs)
				} else {
					inScript = "src"
				}
			case "iframe", "object", "embed", "form", "frame", "frameset", "applet", "base", "meta":
				if tag == "meta" && attrs["http-equiv"] == "" {
					break
				}
				t.Errorf("%s: <%s> survived: %v", where, tag, attrs)
			}
			for k, v := range attrs {
				lv := strings.ToLower(strings.Join(strings.Fields(v), ""))
				if strings.HasPrefix(k, "on") {
					t.Errorf("%s: event handler %s=%q on <%s>", where, k, v, tag)
				}
				if k == "style" && strings.Contains(lv, "javascript:") {
					t.Errorf("%s: script in style on <%s>", where, tag)
				}
				if k == "href" || k == "src" || k == "action" || k == "formaction" || k == "data" || k == "poster" {
					if strings.HasPrefix(lv, "javascript:") || strings.HasPrefix(lv, "vbscript:") || strings.HasPrefix(lv, "data:") {
						t.Errorf("%s: dangerous URL %s=%q on <%s>", where, k, v, tag)
					}
				}
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); string(n) == "script" {
				inScript = ""
			}
		}
	}
}
