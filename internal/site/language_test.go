package site

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
)

// TestArticleLanguageInFeeds: an article in another language than the
// site's is marked so on its page and on its own feed entries (Atom
// xml:lang, JSON Feed item language); an article in the site's language
// inherits the channel's.
func TestArticleLanguageInFeeds(t *testing.T) {
	mk := func(id, title, lang, body string) []byte {
		b, err := content.Marshal(&news.Article{ID: id, Title: title, Thread: "t1", Source: "Harbour Post", Language: lang,
			URL: "https://harbour.example.com/news/" + id, Date: time.Date(2025, 7, 10, 9, 0, 0, 0, time.UTC), Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	c := fstest.MapFS{
		"articles/ko.md": {Data: mk("k1", "항구 폐쇄", "ko", "홍수로 월요일 항구가 폐쇄되었다. 선박들은 이틀 동안 대기했다.\n")},
		"articles/en.md": {Data: mk("e1", "Floods close the port", "en", "Floods closed the port on Monday. Ships waited offshore.\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	opt := options(t, c, out)
	if opt.Site.Language != "en" {
		t.Fatalf("the test site's language is %q; the test assumes en", opt.Site.Language)
	}
	if _, err := Build(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if page := string(read("articles/ko/index.html")); !strings.Contains(page, `lang="ko"`) {
		t.Error("the Korean article's page is not marked lang=\"ko\"")
	}
	for _, f := range []string{"atom.xml", "threads/t1/atom.xml"} {
		var doc struct {
			Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Entries []struct {
				Title string `xml:"title"`
				Lang  string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(read(f), &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got := map[string]string{}
		for _, e := range doc.Entries {
			got[e.Title] = e.Lang
		}
		if doc.Lang != "en" || got["항구 폐쇄"] != "ko" || got["Floods close the port"] != "" || len(got) != 2 {
			t.Errorf("%s: feed lang %q, entry langs %q; want en, the Korean entry ko and the English one none", f, doc.Lang, got)
		}
	}
	for _, f := range []string{"feed.json", "threads/t1/feed.json"} {
		var doc struct {
			Language string `json:"language"`
			Items    []struct {
				Title    string `json:"title"`
				Language string `json:"language"`
			} `json:"items"`
		}
		if err := json.Unmarshal(read(f), &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got := map[string]string{}
		for _, it := range doc.Items {
			got[it.Title] = it.Language
		}
		if doc.Language != "en" || got["항구 폐쇄"] != "ko" || got["Floods close the port"] != "" || len(got) != 2 {
			t.Errorf("%s: feed language %q, item languages %q; want en, the Korean item ko and the English one none", f, doc.Language, got)
		}
	}
}
