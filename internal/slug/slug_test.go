package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"title", "North Korea's Kim offers Russia full support", 0, "north-koreas-kim-offers-russia-full-support"},
		{"accents", "Café Zürich — Ørsted", 0, "cafe-zurich-orsted"},
		{"path", "../../x", 0, "x"},
		{"absolute", "/etc/passwd", 0, "etc-passwd"},
		{"windows", `C:\x`, 0, "c-x"},
		{"device", "CON", 0, "con"},
		{"empty", "", 0, ""},
		{"only punctuation", "?!…", 0, ""},
		{"other script", "Лавров", 0, ""},
		{"cut at hyphen", "alpha beta gamma delta", 13, "alpha-beta"},
		{"case", "LAVROV Lauds", 0, "lavrov-lauds"},
		{"ligatures", "Æsir Straße Łódź", 0, "aesir-strasse-lodz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Make(tt.in, tt.max); got != tt.want {
				t.Errorf("Make(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestWithID(t *testing.T) {
	if got := WithID("Лавров", "ab12", 60); got != "ab12" {
		t.Errorf("WithID other script = %q", got)
	}
	a, b := WithID("Été", "1", 60), WithID("ete", "2", 60)
	if a == b {
		t.Errorf("titles differing in accents share a name %q", a)
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"North Korea's Kim", "../../x", "/etc/passwd", `C:\x`, "CON", "Ünïcödé", "\x00\xff", strings.Repeat("a-", 100)} {
		f.Add(s, 60)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = max % 200
		got := Make(s, max)
		if max > 0 && len(got) > max {
			t.Fatalf("Make(%q, %d) = %q, longer than max", s, max, got)
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Make(%q) = %q has stray hyphens", s, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Make(%q) = %q has %q", s, got, r)
			}
		}
	})
}
