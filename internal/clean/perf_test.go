package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refLeadingCaps is leadingCaps as it was, over strings.Fields: the
// reference the in-place scan must agree with.
func refLeadingCaps(t string) int {
	n := 0
	for _, w := range strings.Fields(t) {
		if n >= 10 {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			n++
			continue
		}
		if unicode.IsLetter(r) {
			break
		}
	}
	return n
}

func FuzzLeadingCapsAgrees(f *testing.F) {
	for _, s := range []string{"", "  ", "The Big Story of", "A B C D E F G H I J K L", "1 2 Three four", "\u00a0Éclair Über", "\xffAbc Def", "«Quote» Here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := leadingCaps(s), refLeadingCaps(s); got != want {
			t.Fatalf("leadingCaps(%q) = %d, reference %d", s, got, want)
		}
	})
}

func seedDumps(tb testing.TB) []string {
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

// BenchmarkDumpSeeds cleans the seed dumps with the boilerplate learnt
// from them, as an import does.
func BenchmarkDumpSeeds(b *testing.B) {
	dumps := seedDumps(b)
	bp := LearnBoilerplate(dumps)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Dump(dumps[i%len(dumps)], Options{Boilerplate: bp})
	}
}

// The references below are the cue tests as they were, over
// strings.Fields and whole lower-cased copies: the in-place versions must
// agree with them on any line.

func refMatchCue(norm string, set map[string]bool) bool {
	if norm == "" {
		return false
	}
	if set[norm] {
		return true
	}
	words := strings.Fields(norm)
	for n := 1; n <= 3 && n < len(words); n++ {
		if set[strings.Join(words[:n], " ")] {
			return true
		}
	}
	return false
}

func refIsCaption(t string) bool {
	low := strings.ToLower(t)
	for _, m := range captionMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	w := strings.Fields(t)
	return len(w) > 3 && w[1] == "of" && isNumber(w[0]) && isNumber(w[2])
}

func refIsAge(norm string) bool {
	w := strings.Fields(norm)
	if len(w) < 2 || len(w) > 4 || w[len(w)-1] != "ago" {
		return false
	}
	switch strings.TrimSuffix(w[len(w)-2], "s") {
	case "second", "sec", "minute", "min", "hour", "hr", "h", "day", "week", "month", "year", "mins", "hrs":
		return true
	}
	return false
}

func FuzzCuesAgree(f *testing.F) {
	for _, s := range []string{"", "Related stories", "Read more: the latest", "Sign up for our newsletter today", "1 of 4 Grass Valley's fair", " 12 of 30 photos here", "Photo: AP", "5 minutes ago", "an hour ago ", "About us\u00a0ago", "Most read this week in sport", "« Back to top »", "\xffRelated"} {
		f.Add(s)
	}
	sets := []map[string]bool{tailSet, endSet, junkSet}
	f.Fuzz(func(t *testing.T, s string) {
		norm := normCue(s)
		for i, set := range sets {
			if got, want := matchCue(norm, set), refMatchCue(norm, set); got != want {
				t.Fatalf("matchCue(%q, set %d) = %v, reference %v", norm, i, got, want)
			}
		}
		if got, want := isCaption(s, strings.ToLower(s)), refIsCaption(s); got != want {
			t.Fatalf("isCaption(%q) = %v, reference %v", s, got, want)
		}
		for _, n := range []string{norm, s} {
			if got, want := isAge(n), refIsAge(n); got != want {
				t.Fatalf("isAge(%q) = %v, reference %v", n, got, want)
			}
		}
		for n := 0; n <= 8; n++ {
			if got, want := atMostWords(s, n), len(strings.Fields(s)) <= n; got != want {
				t.Fatalf("atMostWords(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	})
}
