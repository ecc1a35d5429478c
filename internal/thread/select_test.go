package thread

import (
	"math/rand"
	"slices"
	"testing"
)

func TestSelectTop(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	tests := []struct {
		name    string
		size, n int
		levels  int // distinct weights: few means many ties
	}{
		{"shorter than n", 5, 80, 100},
		{"exactly n", 80, 80, 100},
		{"distinct weights", 300, 80, 1 << 20},
		{"many ties", 300, 80, 3},
		{"all tied", 200, 50, 1},
		{"keep one", 100, 1, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for run := 0; run < 20; run++ {
				all := make([]scored, tt.size)
				for i, id := range rng.Perm(tt.size) {
					all[i] = scored{id: int32(id), w: float64(rng.Intn(tt.levels))}
				}
				want := slices.Clone(all)
				slices.SortFunc(want, func(a, b scored) int {
					if a.better(b) {
						return -1
					}
					return 1
				})
				selectTop(all, tt.n)
				k := min(tt.n, tt.size)
				got := slices.Clone(all[:k])
				slices.SortFunc(got, func(a, b scored) int {
					if a.better(b) {
						return -1
					}
					return 1
				})
				if !slices.Equal(got, want[:k]) {
					t.Fatalf("run %d: kept %v, want %v", run, got, want[:k])
				}
			}
		})
	}
}

// TestTermCollision gives two terms the same hash: they must still get
// distinct ids, each found again.
func TestTermCollision(t *testing.T) {
	th := New(Options{NoBackground: true})
	tests := []struct {
		name string
		term string
		hash uint64
	}{
		{"first", "quake", 42},
		{"same hash, other term", "flood", 42},
		{"third on the hash", "storm", 42},
		{"own hash", "fire", 7},
	}
	ids := map[string]int32{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := th.termHashed(tt.term, tt.hash)
			for other, oid := range ids {
				if oid == id {
					t.Fatalf("%q got the id of %q", tt.term, other)
				}
			}
			ids[tt.term] = id
			if again := th.termHashed(tt.term, tt.hash); again != id {
				t.Errorf("%q: id %d, then %d", tt.term, id, again)
			}
			if th.names[id] != tt.term {
				t.Errorf("id %d names %q, want %q", id, th.names[id], tt.term)
			}
		})
	}
}
