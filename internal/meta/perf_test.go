package meta

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedTexts reads the seed dumps, the texts the benchmarks and the
// agreement tests run on.
func seedTexts(tb testing.TB) []string {
	tb.Helper()
	names, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(names) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// agreementCases are texts where the single-pass scanners could part
// from the reference: signs, suffixes, separators, other scripts, bad
// UTF-8, dates at the very end.
var agreementCases = []string{
	"", "2025", "July 4, 2025", "July 4, 2025.", "4 July 2025", "4th July, 2025", "Jul. 4 2025",
	"2025-07-12", "2025-+7-+1 x", "2025-07-12T09:30", "(2025-07-12)", "“July 4, 2025”",
	"Sept. 31, 2025 then Sept. 30, 2025", "1stnd May 2025", "+5 May 2025", "-5 May 2025", "05 MAY 2026",
	"MAY\u00a04\u00a02025", "may 4 1899 and may 4 2101", "born 1990, now 2025", "2026-2027 season",
	"in 2025 and 2025.", "\xff July 4, 2025", "July\xff 4, 2025", "Ju\u0308ly 4, 2025", "4 \u212aay 2025",
	"Москва, 4 июля 2025", "東京 2025年7月4日", "a_2025 2025_ 2025", "x2025 2025x", "٢٠٢٥ 2025",
	"The the the and of to in Der die und", "El la de que y en los del", "İstanbul ve bir bu da de için ile",
	"ΑΘΗΝΑ Η κυβέρνηση ανακοίνωσε", "שלום עולם זה טקסט בעברית", "これは日本語の文章です。東京",
	strings.Repeat("word ", 30) + "July 4,", strings.Repeat("Der Mann und die Frau ", 5),
	// Where a date stands: the first leadDateBytes, a line of at most
	// DateLineBytes, a long paragraph.
	strings.Repeat("word ", 59) + "July 4, 2025", strings.Repeat("word ", 60) + "July 4, 2025",
	strings.Repeat("word ", 70) + "\n" + strings.Repeat("x", 67) + " July 4, 2025\n",
	strings.Repeat("word ", 70) + "\n" + strings.Repeat("x", 68) + " July 4, 2025\n",
	strings.Repeat("word ", 70) + "\n" + strings.Repeat("x", 68) + " July 4, 2025",
	strings.Repeat("word ", 70) + "\nJuly 4, 2025 " + strings.Repeat("x", 67) + "\r\n",
	strings.Repeat("word ", 70) + " July 4, 2025 and\n4 May 2024\n",
	strings.Repeat("word ", 70) + " 4 July 2025 2024-05-06\n",
}

func TestFindDateAgreesWithReference(t *testing.T) {
	texts := append(append([]string(nil), agreementCases...), seedTexts(t)...)
	hints := []Dateline{{}, {Month: time.July, Day: 4}, {Month: time.May, Day: 5, Year: 2024}, {Month: time.February, Day: 30}}
	for i, text := range texts {
		for _, h := range hints {
			got, ok := FindDate(text, h)
			want, wok := refFindDate(text, h)
			if ok != wok || !got.Equal(want) {
				t.Errorf("case %d %q, hint %+v: FindDate = %v, %v; reference %v, %v", i, cut(text), h, got, ok, want, wok)
			}
		}
		if got, want := onlyYear(text), refOnlyYear(text); got != want {
			t.Errorf("case %d %q: onlyYear = %d, reference %d", i, cut(text), got, want)
		}
		for _, w := range refDateTokens(text) {
			m, ok := monthName(w)
			rm, rok := refMonthName(w)
			d, dok := dayNum(w)
			rd, rdok := refDayNum(w)
			if m != rm || ok != rok || d != rd || dok != rdok {
				t.Errorf("token %q: monthName %v %v, dayNum %v %v; reference %v %v, %v %v", w, m, ok, d, dok, rm, rok, rd, rdok)
			}
		}
	}
}

func TestLanguageAgreesWithReference(t *testing.T) {
	texts := append(append([]string(nil), agreementCases...), seedTexts(t)...)
	for i, text := range texts {
		if got, want := Language(text), refLanguage(text); got != want {
			t.Errorf("case %d %q: Language = %q, reference %q", i, cut(text), got, want)
		}
		if got, want := strings.Join(Words(text), "|"), strings.Join(refWords(text), "|"); got != want {
			t.Errorf("case %d %q: Words = %q, reference %q", i, cut(text), got, want)
		}
	}
}

func cut(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func FuzzFindDateAgrees(f *testing.F) {
	for _, s := range agreementCases {
		f.Add(s, 7, 4)
	}
	f.Fuzz(func(t *testing.T, text string, month, day int) {
		h := Dateline{Month: time.Month(month % 13), Day: day % 32}
		got, ok := FindDate(text, h)
		want, wok := refFindDate(text, h)
		if ok != wok || !got.Equal(want) {
			t.Fatalf("FindDate(%q, %+v) = %v, %v; reference %v, %v", text, h, got, ok, want, wok)
		}
	})
}

func FuzzLanguageAgrees(f *testing.F) {
	for _, s := range agreementCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := Language(text), refLanguage(text); got != want {
			t.Fatalf("Language(%q) = %q, reference %q", text, got, want)
		}
		if got, want := strings.Join(Words(text), "\x00"), strings.Join(refWords(text), "\x00"); got != want {
			t.Fatalf("Words(%q) = %q, reference %q", text, got, want)
		}
	})
}

// benchText is a seed dump followed by the raw page, as the importer
// passes them to FindDate.
func benchTexts(b *testing.B) []string {
	var out []string
	for _, s := range seedTexts(b) {
		out = append(out, s+"\n"+s)
	}
	return out
}

func BenchmarkFindDate(b *testing.B) {
	texts := benchTexts(b)
	b.Run("new", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			FindDate(texts[i%len(texts)], Dateline{Month: time.June, Day: 1})
		}
	})
	b.Run("reference", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			refFindDate(texts[i%len(texts)], Dateline{Month: time.June, Day: 1})
		}
	})
}

func BenchmarkLanguage(b *testing.B) {
	texts := seedTexts(b)
	b.Run("new", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			Language(texts[i%len(texts)])
		}
	})
	b.Run("reference", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			refLanguage(texts[i%len(texts)])
		}
	})
}

func BenchmarkWords(b *testing.B) {
	texts := seedTexts(b)
	b.Run("new", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			Words(texts[i%len(texts)])
		}
	})
	b.Run("reference", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			refWords(texts[i%len(texts)])
		}
	})
}

func TestIsStopWordAgreesWithReference(t *testing.T) {
	var words []string
	for _, text := range append(append([]string(nil), agreementCases...), seedTexts(t)...) {
		words = append(words, refWords(text)...)
	}
	words = append(words, "THE", "Für", "FÜR", "İÇİN", "için", "été", "ÉTÉ", "", "Dass", "ourselvesandmore", "olduğunu")
	for _, w := range words {
		for _, lang := range append([]string{"", "xx"}, stopLangs[:]...) {
			if got, want := IsStopWord(lang, w), refIsStopWord(lang, w); got != want {
				t.Errorf("IsStopWord(%q, %q) = %v, reference %v", lang, w, got, want)
			}
		}
	}
}
