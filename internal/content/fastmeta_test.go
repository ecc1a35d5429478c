package content

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/news"
)

// frontMatter returns the front matter Marshal writes for a.
func frontMatter(tb testing.TB, a *news.Article) []byte {
	tb.Helper()
	b, err := Marshal(a)
	if err != nil {
		tb.Fatal(err)
	}
	fm, _, _, err := split(b)
	if err != nil {
		tb.Fatal(err)
	}
	return fm
}

// TestFastMetaReadsWhatMarshalWrites checks that the fast reader takes the
// files the importer writes, odd characters included, and reads them as
// yaml.v3 does.
func TestFastMetaReadsWhatMarshalWrites(t *testing.T) {
	tests := []struct {
		name string
		a    *news.Article
	}{
		{"sample", sample()},
		{"quotes and colons", &news.Article{ID: "a1", Title: `Kim: "offers" 'support' #1`, Thread: "t", Summary: "It's: a test, with [brackets] and {braces}"}},
		{"leading indicators", &news.Article{ID: "a2", Title: "- dash first", Source: "@outlet", Author: "*star", Thread: "t", Tags: []string{"- a", "b, c", "'q'", "x: y"}}},
		{"yaml words", &news.Article{ID: "null", Title: "true", Source: "~", Dateline: "NULL", Agency: "1e3", Thread: "2025-06-10", Tags: []string{"yes", "no"}}},
		{"unicode", &news.Article{ID: "a3", Title: "Überraschung in Zürich — «naïve» 東京 🚀", Thread: "t", Tags: []string{"Zürich", "東京"}}},
		{"related", &news.Article{ID: "a4", Title: "x", Thread: "t", Related: []news.Related{{Source: "BBC", Title: "One: two", Snippet: "s"}, {Title: "only title"}, {Source: "S", Title: "'t'", URL: "https://e.org/a?b=c#d"}}}},
		{"empty tags", &news.Article{ID: "a5", Title: "x", Thread: "t", Tags: []string{}}},
		{"dated", &news.Article{ID: "a6", Title: "x", Thread: "t", Date: time.Date(2025, 7, 12, 9, 30, 0, 0, time.UTC), DateSource: news.DateFromText}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := frontMatter(t, tt.a)
			want, err := decodeMeta(fm)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := fastMeta(fm)
			if !ok {
				// Some values yaml.v3 writes in a style the fast
				// reader leaves to the library; these are not them.
				if tt.name != "leading indicators" && tt.name != "yaml words" {
					t.Fatalf("fast reader refused what Marshal wrote:\n%s", fm)
				}
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("fast reader: %+v\nyaml.v3:     %+v\n%s", got, want, fm)
			}
		})
	}
}

// TestFastMetaRefuses lists front matter the fast reader must leave to
// yaml.v3, which reads it otherwise or refuses it.
func TestFastMetaRefuses(t *testing.T) {
	for _, fm := range []string{
		"id: a\nid: b",                         // repeated key
		"id: a\nfoo: b",                        // unknown key
		"id: a # comment",                      // comment
		"id: a\n\ntitle: b",                    // blank line
		"title: a\n  continued",                // plain scalar over two lines
		"title: \"a\n  b\"",                    // quoted over two lines
		"title: 'a' b",                         // text after the quote
		"title: \"a\\x41\"",                    // an escape beyond the simplest
		"title: a: b",                          // a mapping where a value is
		"title: a:",                            // the same at the end
		"title: |\n  a",                        // literal block
		"title: &x a",                          // anchor
		"title:  a",                            // two spaces
		"title: a\t",                           // tab
		"title: a\r",                           // carriage return
		"title: a\u2028b",                      // a YAML line break
		"tags: [a,b]",                          // no space after a comma
		"tags: [a, ]",                          // trailing comma
		"tags: [a: b]",                         // a map in a list
		"tags: [~]",                            // null item
		"tags:\n  - a",                         // block list
		"related: []",                          // flow list
		"related:\n  - title: a\n   source: b", // bad indent
		"related:\n  - title: a\n    title: b", // repeated key in an item
		"related:\n    title: a",               // no item
		"",
	} {
		if m, ok := fastMeta([]byte(fm)); ok {
			t.Errorf("fast reader took %q as %+v", fm, m)
		}
	}
}

// FuzzFastMeta checks that wherever the fast reader answers, yaml.v3
// decodes the same front matter without error and to the same fields.
func FuzzFastMeta(f *testing.F) {
	f.Add(frontMatter(f, sample()))
	f.Add(frontMatter(f, &news.Article{ID: "a", Title: `Kim: "offers" 'support'`, Thread: "t", Tags: []string{"a b", "c"}, Related: []news.Related{{Title: "x"}}}))
	f.Add([]byte("id: a\ntitle: 'it''s'\ntags: ['a, b', \"c\\\"d\", e]\nrelated:\n  - title: x\n    url: y\nthread: null"))
	f.Add([]byte("title: a#b\nsource: \"\\\\\\/\\n\\t\"\ndate: 2025-06-10\nid: 0x1F"))
	f.Add([]byte("title: ~\nid: .inf\nsource: <<\nagency: =\ndateline: a ,b"))
	f.Add([]byte("title: \"\\U0001F680 \\u00e9 \\ud800\"\nid: \"\\u0000\""))
	f.Fuzz(func(t *testing.T, fm []byte) {
		got, ok := fastMeta(fm)
		if !ok {
			return
		}
		want, err := decodeMeta(bytes.Clone(fm))
		if err != nil {
			t.Fatalf("fast reader took what yaml.v3 refuses (%v):\n%q", err, fm)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("fast reader: %#v\nyaml.v3:     %#v\n%q", got, want, fm)
		}
	})
}

// yamlV3Meta is m as yaml.v3 writes it.
func yamlV3Meta(tb testing.TB, m *articleMeta) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := encodeMeta(&buf, m); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteFastMetaTakesTheUsualArticle checks that the fast writer takes
// an article as the importer writes it, and writes yaml.v3's bytes.
func TestWriteFastMetaTakesTheUsualArticle(t *testing.T) {
	for _, m := range []articleMeta{
		{ID: "0560081db161", Title: "Anan Bank blocks over wind", Date: "2025-06-10T18:58:00Z", DateSource: "file", Dateline: "TRAYE", Agency: "AFP", Language: "en",
			Summary: `TRAYE, June 10 (AFP) - Anan Bank later, "Trazu Elberlo said".`, Thread: "elberlo-rejects-oil-in-traye-5192c20f", Origin: "raw10k/001424_91a100c02daed033.txt",
			Related: []news.Related{{Source: "BBC News", Title: "Vodesdan raises chip", Snippet: "Reported percent."}, {Source: "Associated Press", Title: "Ritra: Marmar Kaqui cuts"}}},
		{ID: "a1", Title: "Zürich — «naïve» 東京", Date: "2025-07-12T09:30:00+02:00", Source: "Le Monde", URL: "https://example.org/a?b=1#c", Thread: "t", Tags: []string{"Zürich", "b, c", "x: y"}},
	} {
		got, ok := writeFastMeta(nil, &m)
		if !ok {
			t.Fatalf("fast writer refused %+v", m)
		}
		if want := yamlV3Meta(t, &m); !bytes.Equal(got, want) {
			t.Fatalf("fast writer:\n%s\nyaml.v3:\n%s", got, want)
		}
	}
}

// FuzzWriteFastMeta checks that whatever the fast writer writes is what
// yaml.v3 writes, byte for byte.
func FuzzWriteFastMeta(f *testing.F) {
	f.Add("0560081db161", "Kim: offers 'support'", "2025-06-10T18:58:00Z", "", "a, b", "Ritra: x", "s")
	f.Add("123", "- x", "2025-6-1", "~", "[x]", "' q", "#")
	f.Add("1e5", "true", "", "yes", "", "a #b", "0x1F")
	f.Add("0o17", "...", "12:30", "a\tb", "caf\u00e9", "\U0001F680", "1_000")
	f.Add("0b101", "x:", " x", "x ", "?x", ":x", "@x")
	f.Fuzz(func(t *testing.T, id, title, date, source, tag, relTitle, snippet string) {
		m := articleMeta{ID: id, Title: title, Date: date, Source: source, Summary: snippet, Thread: tag, Tags: []string{tag, relTitle},
			Related: []news.Related{{Title: relTitle, Snippet: snippet}, {Source: source, Title: title}}}
		got, ok := writeFastMeta([]byte("x"), &m)
		if !ok {
			if string(got) != "x" {
				t.Fatalf("refused but appended %q", got)
			}
			return
		}
		var buf bytes.Buffer
		if err := encodeMeta(&buf, &m); err != nil {
			t.Fatalf("fast writer took what yaml.v3 cannot write (%v): %+v", err, m)
		}
		if want := append([]byte("x"), buf.Bytes()...); !bytes.Equal(got, want) {
			t.Fatalf("fast writer:\n%q\nyaml.v3:\n%q", got, want)
		}
	})
}

// FuzzYAMLString checks one string at a time, as a block value and as an
// item of a flow list, against yaml.v3.
func FuzzYAMLString(f *testing.F) {
	for _, s := range []string{"Kim: offers 'support'", "a, b", "- x", "-x", "1e5", "0560081db161", "0x1F", "12:30", "2025-06-10T18:58:00Z",
		"2025-6-1", "true", "yes", "~", "a #b", "a#b", "x:", "?x", "? x", ":x", "...x", "---", " x", "x ", "caf\u00e9", "\U0001F680", "a\u00a0b", "[x]", "'q'", "\"q\"", "1_000", "0o17", "0b101", "+1", ".5", "<<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range []articleMeta{{ID: "a", Title: s, Thread: "t"}, {ID: "a", Title: "t", Thread: "t", Tags: []string{s, "b"}}} {
			got, ok := writeFastMeta(nil, &m)
			if !ok {
				continue
			}
			var buf bytes.Buffer
			if err := encodeMeta(&buf, &m); err != nil {
				t.Fatalf("fast writer took what yaml.v3 cannot write (%v): %q", err, s)
			}
			if !bytes.Equal(got, buf.Bytes()) {
				t.Fatalf("fast writer:\n%q\nyaml.v3:\n%q", got, buf.Bytes())
			}
		}
	})
}

// TestFastMetaEveryField fills every field of the front matter (found by
// reflection, so a field added to articleMeta or news.Related later is
// filled too) and checks that the fast writer writes yaml.v3's bytes and
// the fast reader reads them back whole: a field either of them forgot
// would be dropped from every file the importer writes.
func TestFastMetaEveryField(t *testing.T) {
	fill := func(v reflect.Value, prefix string) {
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			name := prefix + v.Type().Field(i).Name
			switch f.Kind() {
			case reflect.String:
				f.SetString("value of " + name)
			case reflect.Slice:
				if f.Type().Elem().Kind() == reflect.String {
					f.Set(reflect.ValueOf([]string{name + " one", name + " two"}))
				}
			}
		}
	}
	var m articleMeta
	fill(reflect.ValueOf(&m).Elem(), "")
	m.Related = make([]news.Related, 2)
	for i := range m.Related {
		fill(reflect.ValueOf(&m.Related[i]).Elem(), "related ")
	}
	for i := 0; i < reflect.TypeOf(m).NumField(); i++ {
		if f := reflect.ValueOf(m).Field(i); f.IsZero() {
			t.Fatalf("field %s is left empty by the test: fill it", reflect.TypeOf(m).Field(i).Name)
		}
	}
	got, ok := writeFastMeta(nil, &m)
	if !ok {
		t.Fatalf("the fast writer refused plain values: %+v", m)
	}
	var want bytes.Buffer
	if err := encodeMeta(&want, &m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("fast writer:\n%s\nyaml.v3:\n%s", got, want.Bytes())
	}
	back, ok := fastMeta(got)
	if !ok {
		t.Fatalf("the fast reader refused what the fast writer wrote:\n%s", got)
	}
	if !reflect.DeepEqual(back, m) {
		t.Fatalf("read back:\n%+v\nwritten:\n%+v", back, m)
	}
}
