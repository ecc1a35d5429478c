package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/news"
)

// checkFromInput fails when a block, the title, a trailer line or a
// teaser is not text of the input: the cleaner may only choose.
func checkFromInput(tb testing.TB, in string, r Result) {
	tb.Helper()
	for _, b := range r.Blocks {
		if b.Text == "" || !strings.Contains(in, b.Text) {
			tb.Fatalf("block %q is not from the input", b.Text)
		}
	}
	for _, s := range append([]string{r.Title, r.Byline}, r.Trailer...) {
		if !strings.Contains(in, s) {
			tb.Fatalf("%q is not from the input", s)
		}
	}
	for _, rel := range r.Related {
		snippet := strings.TrimSuffix(rel.Snippet, "…")
		if !strings.Contains(in, rel.Title) || !strings.Contains(in, snippet) || !strings.Contains(in, rel.Source) {
			tb.Fatalf("teaser %+v is not from the input", rel)
		}
	}
}

func TestDumpShapes(t *testing.T) {
	para := func(s string) string {
		return s + " The minister said the talks were useful and that both sides would meet again soon to discuss trade."
	}
	tests := []struct {
		name      string
		in        string
		title     string
		blocks    []news.Block
		related   int
		trailer   []string
		byline    string
		notInText []string
	}{
		{
			name:  "menu, title, byline, article, comments",
			in:    "Home\nWorld\nSport\nMinisters meet in Paris\nBy Jane Doe\n" + para("One.") + "\n" + para("Two.") + "\n" + para("Three.") + "\nComments\n" + para("I think this is wrong.") + "\n",
			title: "Ministers meet in Paris", byline: "Jane Doe",
			blocks:    []news.Block{{Text: para("One.")}, {Text: para("Two.")}, {Text: para("Three.")}},
			notInText: []string{"I think this is wrong"},
		},
		{
			name:  "wrapped subheading and wire sign-off",
			in:    "Talks end in Paris\n" + para("One.") + "\n-New deal-\n" + para("Two.") + "\n" + para("Three.") + "\nabc/def\n",
			title: "Talks end in Paris",
			blocks: []news.Block{{Text: para("One.")}, {Kind: news.Heading, Text: "New deal"},
				{Text: para("Two.")}, {Text: para("Three.")}},
			trailer: []string{"abc/def"},
		},
		{
			name: "teasers after the article",
			in: "Talks end in Paris\n" + para("One.") + "\n" + para("Two.") + "\n" + para("Three.") + "\nRelated Articles\n" +
				"Some Outlet\n12 minutes ago\n- Some Outlet\nAnother headline about talks\n" + para("Snippet.") + "\n" +
				"Other Outlet\nan hour ago\n- Other Outlet\nA third headline\n" + para("Snippet two.") + "\n",
			title:   "Talks end in Paris",
			blocks:  []news.Block{{Text: para("One.")}, {Text: para("Two.")}, {Text: para("Three.")}},
			related: 2, notInText: []string{"Snippet"},
		},
		{name: "empty", in: ""},
		{name: "blank lines only", in: "\n \n\t\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Dump(tt.in, Options{})
			checkFromInput(t, tt.in, got)
			if got.Title != tt.title {
				t.Errorf("title %q, want %q", got.Title, tt.title)
			}
			if got.Byline != tt.byline {
				t.Errorf("byline %q, want %q", got.Byline, tt.byline)
			}
			if len(got.Blocks) != len(tt.blocks) {
				t.Fatalf("blocks %+v, want %+v", got.Blocks, tt.blocks)
			}
			for i := range got.Blocks {
				if got.Blocks[i] != tt.blocks[i] {
					t.Errorf("block %d = %+v, want %+v", i, got.Blocks[i], tt.blocks[i])
				}
			}
			if len(got.Related) != tt.related {
				t.Errorf("related %+v, want %d", got.Related, tt.related)
			}
			if strings.Join(got.Trailer, "|") != strings.Join(tt.trailer, "|") {
				t.Errorf("trailer %q, want %q", got.Trailer, tt.trailer)
			}
			for _, s := range tt.notInText {
				if strings.Contains(got.Text(), s) {
					t.Errorf("text keeps %q", s)
				}
			}
		})
	}
}

func TestLearnBoilerplate(t *testing.T) {
	art := func(s string) string {
		return s + " was said by the minister at length in a speech to the assembly on the first day."
	}
	shared := "Try Our Features\nComments\n" + art("A syndicated paragraph") + "\n"
	dumps := []string{
		"Title A\n" + art("One") + "\n" + shared,
		"Title B\n" + art("Two") + "\n" + shared,
		"Title C\n" + art("Three") + "\n" + shared,
	}
	bp := LearnBoilerplate(dumps)
	tests := []struct {
		line string
		want bool
	}{
		{"Try Our Features", true},
		{"Comments", true},
		{art("A syndicated paragraph"), false}, // long lines need five dumps
		{art("One"), false},
		{"Title A", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := bp.has(tt.line); got != tt.want {
				t.Errorf("has(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
	var nilBP *Boilerplate
	if nilBP.has("Comments") || nilBP.Len() != 0 {
		t.Error("nil Boilerplate knows lines")
	}
	// Learnt lines leave the article.
	in := "Title A\n" + art("One") + "\n" + art("One more") + "\nTry Our Features\n"
	got := Dump(in, Options{Boilerplate: bp})
	if strings.Contains(got.Text(), "Try Our Features") || !strings.Contains(got.Text(), art("One more")) {
		t.Errorf("with boilerplate: %q", got.Text())
	}
}

func TestHelpers(t *testing.T) {
	ages := []struct {
		in   string
		want bool
	}{
		{"15 minutes ago", true}, {"an hour ago", true}, {"time42 minutes ago", true}, {"2 days ago", true},
		{"long ago", false}, {"15 minutes", false}, {"years ago we met in Paris", false},
	}
	for _, tt := range ages {
		t.Run("age "+tt.in, func(t *testing.T) {
			if got := isAge(normCue(tt.in)); got != tt.want {
				t.Errorf("isAge(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	wraps := []struct {
		in, want string
		ok       bool
	}{
		{"-Invincible alliance-", "Invincible alliance", true},
		{"** Background **", "Background", true},
		{"- item", "", false},
		{"Plain text", "", false},
		{"---", "", false},
	}
	for _, tt := range wraps {
		t.Run("wrapped "+tt.in, func(t *testing.T) {
			got, ok := wrapped(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("wrapped(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzDump(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/seeds/*.txt")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("a\nb\n15 minutes ago\n- X\n\n")
	f.Add("Comments\nRelated\n-x-\n\xff\xfe\n")
	f.Fuzz(func(t *testing.T, in string) {
		checkFromInput(t, in, Dump(in, Options{}))
	})
}

// TestHugeLine runs a 5 MB single-line dump: the work must stay linear.
// The benchmark below measures the time; this only checks the answer.
func TestHugeLine(t *testing.T) {
	in := strings.Repeat("the minister said that the talks were useful and ", 100000)
	got := Dump(in, Options{})
	checkFromInput(t, in, got)
	if len(got.Blocks) != 1 {
		t.Errorf("a single prose line gave %d blocks", len(got.Blocks))
	}
}

func BenchmarkDump(b *testing.B) {
	pages := loadDev(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			Dump(p.Dump, Options{})
		}
	}
}

func BenchmarkHugeLine(b *testing.B) {
	in := strings.Repeat("the minister said that the talks were useful and ", 100000)
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		Dump(in, Options{})
	}
}

// TestDumpFooterBelowArticle checks that a site's legal footer, prose that
// outweighs an article made of short lines, is not taken for the article
// (a reduced real page, testdata/footer/README.md).
func TestDumpFooterBelowArticle(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "footer", "beachbody-meal-prep.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := Dump(string(in), Options{})
	checkFromInput(t, string(in), r)
	text := r.Text()
	for _, want := range []string{
		"If you’ve done 80 Day Obsession with Autumn Calabrese",
		"This meal plan works for both 80 Day Obsession",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("article text lacks %q; got:\n%s", want, text)
		}
	}
	for _, bad := range []string{"All rights reserved", "registered trademarks", "Food and Drug Administration"} {
		if strings.Contains(text, bad) {
			t.Errorf("article text holds the footer's %q", bad)
		}
	}
}

func TestCopyrightLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"© 2019 Beachbody, LLC. All rights reserved.", true},
		{"Copyright 2019 The Associated Press. All Rights Reserved.", true},
		{"The company said it would appeal the ruling.", false},
		{"(c) is the third option on the form.", false},
		// A recipe card's credit to its author, without a year.
		{"© Regan", false},
	}
	for _, tt := range tests {
		if got := copyrightLine(tt.in); got != tt.want {
			t.Errorf("copyrightLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
