package eval

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBCubed(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred map[string]string
		p, r       float64
	}{
		{"perfect", map[string]string{"a": "1", "b": "1", "c": "2"}, map[string]string{"a": "x", "b": "x", "c": "y"}, 1, 1},
		// Every item alone: P_d = 1; R: a,b get 1/2, c gets 1 → R = (0.5+0.5+1)/3 = 2/3.
		{"all singletons", map[string]string{"a": "1", "b": "1", "c": "2"}, map[string]string{"a": "x", "b": "y", "c": "z"}, 1, 2.0 / 3},
		// One cluster of 3: P: a,b 2/3, c 1/3 → 5/9; R = 1.
		{"one cluster", map[string]string{"a": "1", "b": "1", "c": "2"}, map[string]string{"a": "x", "b": "x", "c": "x"}, 5.0 / 9, 1},
		// gold {a,b,c}{d,e}; pred {a,b}{c,d,e}.
		// P: a,b 2/2; c 1/3; d,e 2/3 → (1+1+1/3+2/3+2/3)/5 = (11/3)/5 = 11/15.
		// R: a,b 2/3; c 1/3; d,e 2/2 → (2/3+2/3+1/3+1+1)/5 = (11/3)/5 = 11/15.
		{"mixed", map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"},
			map[string]string{"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}, 11.0 / 15, 11.0 / 15},
		// b missing from pred is its own cluster: same as singletons {a}{b}. P 1, R 1/2.
		{"missing is singleton", map[string]string{"a": "1", "b": "1"}, map[string]string{"a": "x"}, 1, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BCubed(tt.gold, tt.pred)
			if !near(got.P, tt.p) || !near(got.R, tt.r) || !near(got.F1, f1(tt.p, tt.r)) {
				t.Errorf("BCubed = %+v, want P %.4f R %.4f", got, tt.p, tt.r)
			}
		})
	}
}

func TestPairwise(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred map[string]string
		p, r       float64
	}{
		{"perfect", map[string]string{"a": "1", "b": "1", "c": "2"}, map[string]string{"a": "x", "b": "x", "c": "y"}, 1, 1},
		// No predicted pairs: P is 0 by convention, TP 0 → R 0.
		{"all singletons", map[string]string{"a": "1", "b": "1", "c": "2"}, map[string]string{"a": "x", "b": "y", "c": "z"}, 0, 0},
		// One cluster of 3: pred pairs 3, gold pairs 1 (ab), TP 1 → P 1/3, R 1.
		{"one cluster", map[string]string{"a": "1", "b": "1", "c": "2"}, map[string]string{"a": "x", "b": "x", "c": "x"}, 1.0 / 3, 1},
		// gold {a,b,c}{d,e}: pairs ab ac bc de = 4. pred {a,b}{c,d,e}: ab cd ce de = 4.
		// TP: ab, de = 2 → P 2/4, R 2/4.
		{"mixed", map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"},
			map[string]string{"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}, 0.5, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Pairwise(tt.gold, tt.pred)
			if !near(got.P, tt.p) || !near(got.R, tt.r) || !near(got.F1, f1(tt.p, tt.r)) {
				t.Errorf("Pairwise = %+v, want P %.4f R %.4f", got, tt.p, tt.r)
			}
		})
	}
}

func TestLoadThreads(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		n       int
		stories int
		dated   bool
	}{
		{"ecbplus", "ecbplus.jsonl", 982, 86, false},
		{"newswcl50", "newswcl50.jsonl", 50, 10, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := LoadThreads(filepath.Join("../../testdata/threads", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			stories := map[string]bool{}
			dated := false
			for _, d := range docs {
				stories[d.Story] = true
				if !d.Date.IsZero() {
					dated = true
				}
				if d.ID == "" || d.Text+d.Title == "" {
					t.Fatalf("doc without id or content: %+v", d)
				}
			}
			if len(docs) != tt.n || len(stories) != tt.stories || dated != tt.dated {
				t.Errorf("got %d docs, %d stories, dated %v; want %d, %d, %v", len(docs), len(stories), dated, tt.n, tt.stories, tt.dated)
			}
		})
	}
}

func TestLoadThreadsErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, body string }{
		{"bad json", "{\"id\": \n"},
		{"bad date", "{\"id\":\"a\",\"date\":\"yesterday\"}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name+".jsonl")
			if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := LoadThreads(p); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := LoadThreads(filepath.Join(dir, "missing.jsonl")); err == nil {
		t.Error("no error for a missing file")
	}
}
