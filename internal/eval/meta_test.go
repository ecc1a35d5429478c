package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSameHeadline(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Trump’s Made-for-TV Trade War", "Trump's Made-for-TV  Trade War", true},
		{"Screenshot\u00a0: «Vape Wave»", "Screenshot : \"Vape Wave\"", true},
		{"A headline", "A headline - Site", false},
		{"", "", false},
	} {
		if got := SameHeadline(c.a, c.b); got != c.want {
			t.Errorf("SameHeadline(%q, %q) = %v", c.a, c.b, got)
		}
	}
	if !SameName("The New York Times", "New York Times") || SameName("CNN", "CNBC") {
		t.Error("SameName")
	}
}

func TestMetaLabels(t *testing.T) {
	pages, err := LoadMeta(filepath.Join("..", "..", "testdata", "meta"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 150 {
		t.Fatalf("%d labelled pages", len(pages))
	}
	held, langs := 0, map[string]bool{}
	for _, p := range pages {
		if p.Title == "" || len(p.Outlet) == 0 || p.Lang == "" {
			t.Errorf("%s: incomplete label", p.Name)
		}
		if _, err := p.HTML(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
		if p.HeldOut() {
			held++
		}
		langs[p.Lang] = true
	}
	if held < len(pages)/4 || held > len(pages)/2 || len(langs) < 3 {
		t.Errorf("%d held out of %d, %d languages", held, len(pages), len(langs))
	}
	var s MetaScore
	s.Add(pages[0], MetaGot{Title: pages[0].Title, Outlet: pages[0].Outlet[0], Lang: pages[0].Lang, Date: pages[0].Date})
	if ti, _, o, l := s.Share(); ti != 1 || o != 1 || l != 1 {
		t.Errorf("a perfect answer scores %v", s)
	}
}

func TestLoadReadability(t *testing.T) {
	pages, err := LoadReadability(filepath.Join("..", "..", "testdata", "extraction", "readability"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 8 {
		t.Fatalf("%d pages", len(pages))
	}
	for _, p := range pages {
		if len(p.Want) < 200 || p.URL != ReadabilityURL {
			t.Errorf("%s: expected text %d bytes, url %q", p.ID, len(p.Want), p.URL)
		}
		if b, err := p.HTML(); err != nil || len(b) < 500 {
			t.Errorf("%s: %v", p.ID, err)
		}
	}
	if _, err := LoadReadability(t.TempDir()); err == nil {
		t.Error("an empty folder loads")
	}
}

// TestLoadHTMLDate reads htmldate's evaluation layout: two label files,
// pages in three folders, NaN for a page without a date.
func TestLoadHTMLDate(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"eval_default.json":         `{"https://a.example/x": {"file": "a.html", "date": "2019-11-18"}, "https://b.example/y": {"file": "b.html", "date": NaN}, "https://c.example/z": {"file": "c.html", "date": "2012-05-08"}}`,
		"eval_mediacloud_2020.json": `{"https://d.example/w": {"file": "1.html", "date": "2020-01-13"}, "https://e.example/v": {"file": "missing.html", "date": "2020-01-14"}}`,
		"eval/a.html":               "<p>a</p>",
		"eval/b.html":               "<p>b</p>",
		"cache/c.html":              "<p>c</p>",
		"test_set/1.html":           "<p>d</p>",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pages, err := LoadHTMLDate(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pages {
		got = append(got, p.File+" "+p.Date+" "+p.Source)
		if _, err := p.HTML(); err != nil {
			t.Error(err)
		}
	}
	want := []string{"cache/c.html 2012-05-08 htmldate default", "eval/a.html 2019-11-18 htmldate default", "test_set/1.html 2020-01-13 htmldate mediacloud"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
