package corpus

import (
	"strings"
	"testing"
	"time"
)

func collect(t testing.TB, opt Options) []Doc {
	t.Helper()
	var docs []Doc
	if err := Generate(opt, func(d Doc) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestGenerate checks the corpus's promises: deterministic by seed, the
// requested size, unique names, dates in order, threads of 1 to 40
// reports from several outlets, bodies of 400 to 900 words.
func TestGenerate(t *testing.T) {
	cases := []struct {
		name string
		opt  Options
	}{
		{"small", Options{Articles: 50, Seed: 1}},
		{"medium", Options{Articles: 600, Seed: 7}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := collect(t, tc.opt), collect(t, tc.opt)
			if len(a) != tc.opt.Articles {
				t.Fatalf("%d docs, want %d", len(a), tc.opt.Articles)
			}
			other := collect(t, Options{Articles: tc.opt.Articles, Seed: tc.opt.Seed + 1})
			same := 0
			names := map[string]bool{}
			threads := map[int]int{}
			outlets := map[string]bool{}
			for i := range a {
				if a[i] != b[i] {
					t.Fatalf("doc %d differs between two runs with one seed", i)
				}
				if a[i].Text == other[i].Text {
					same++
				}
				if names[a[i].Name] {
					t.Errorf("name %s used twice", a[i].Name)
				}
				names[a[i].Name] = true
				if i > 0 && a[i].Date.Before(a[i-1].Date) {
					t.Errorf("doc %d is older than doc %d", i, i-1)
				}
				threads[a[i].Thread]++
				outlets[a[i].Outlet] = true
				if a[i].CopyOf >= 0 {
					continue // a wire copy is its original's length plus a line
				}
				body, _, _ := strings.Cut(a[i].Text, "\nTry Our AI Features")
				body, _, _ = strings.Cut(body, "What's Your Reaction?")
				lines := strings.Split(body, "\n")
				words := 0
				for _, l := range lines {
					if strings.Count(l, " ") > 30 { // body paragraphs, not the tail
						words += strings.Count(l, " ") + 1
					}
				}
				if words < 350 || words > 1000 {
					t.Errorf("doc %d has a body of %d words", i, words)
				}
			}
			if same > 0 {
				t.Errorf("%d docs equal under another seed", same)
			}
			for th, n := range threads {
				if n < 1 || n > 40 {
					t.Errorf("thread %d has %d articles", th, n)
				}
			}
			for i := range a {
				if n := strings.Count(a[i].Text, " ago\n- "); n != 5 {
					t.Errorf("doc %d has %d related teasers, want 5", i, n)
				}
			}
			if len(threads) < 2 || len(outlets) < 5 {
				t.Errorf("%d threads, %d outlets: not a varied corpus", len(threads), len(outlets))
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(Options{Articles: 1000, Seed: 1}, func(Doc) error { return nil })
	}
}

// TestDefaultStart: small corpora start on 2025-06-01 as they always
// have (the same bytes as before); a corpus whose span would pass
// 2026-06-01 starts earlier and ends there, never in the future.
func TestDefaultStart(t *testing.T) {
	day := 24 * time.Hour
	june2025 := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	june2026 := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		span time.Duration
		want time.Time
	}{
		{60 * day, june2025},                  // 10,000 articles
		{365 * day, june2025},                 // ends on 2026-06-01 exactly
		{600 * day, june2026.Add(-600 * day)}, // 100,000 articles
	} {
		if got := defaultStart(c.span); !got.Equal(c.want) {
			t.Errorf("span %v: start %v, want %v", c.span, got, c.want)
		}
		if end := defaultStart(c.span).Add(c.span); end.After(june2026) {
			t.Errorf("span %v: ends %v, after 2026-06-01", c.span, end)
		}
	}
}
