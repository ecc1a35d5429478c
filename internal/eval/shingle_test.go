package eval

import (
	"math"
	"testing"
)

func TestShingles(t *testing.T) {
	tests := []struct {
		name       string
		want, got  string
		tp, fp, fn float64
	}{
		{"identical", "a b c d e", "a b c d e", 1, 0, 0},
		{"nothing predicted", "a b c d e", "", 0, 0, 1},
		{"all extra", "", "a b c d", 0, 1, 0},
		// want shingles: abcd, bcde; got: abcd, bcdx → tp 1, fp 1, fn 1.
		{"one of two", "a b c d e", "a b c d x", 1.0 / 3, 1.0 / 3, 1.0 / 3},
		{"punctuation ignored", "Hello, world! It is me.", "Hello world it is me", 0, 0.5, 0.5},
		{"short text is one shingle", "Hi there", "Hi there", 1, 0, 0},
		{"multiset counts", "a b c d a b c d", "a b c d", 0.2, 0, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Shingles(tt.want, tt.got)
			if !near(s.TP, tt.tp) || !near(s.FP, tt.fp) || !near(s.FN, tt.fn) {
				t.Errorf("Shingles = %+v, want TP %.3f FP %.3f FN %.3f", s, tt.tp, tt.fp, tt.fn)
			}
		})
	}
}

func TestMeanShingles(t *testing.T) {
	got := MeanShingles([]ShingleScore{{TP: 1}, {TP: 0.5, FP: 0.5}})
	if !near(got.P, 0.75) || !near(got.R, 1) || !near(got.F1, 2*0.75/1.75) {
		t.Errorf("MeanShingles = %+v", got)
	}
}

func TestTokensUnicode(t *testing.T) {
	got := Tokens("Pyongyang’s café_1, 2025—now")
	want := []string{"Pyongyang", "s", "café_1", "2025", "now"}
	if len(got) != len(want) {
		t.Fatalf("Tokens = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Tokens = %q, want %q", got, want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
