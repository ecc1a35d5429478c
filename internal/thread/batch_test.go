package thread

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/eval"
)

var batchModes = []string{Average, Merge}

// TestBatchSeeds: the five seeds are one story whichever way the batch is
// decided, and the copies keep their sources.
func TestBatchSeeds(t *testing.T) {
	docs := seeds(t)
	for _, mode := range batchModes {
		t.Run(mode, func(t *testing.T) {
			got := Cluster(docs, Options{Batch: mode})
			for _, a := range got[1:] {
				if a.Thread != got[0].Thread {
					t.Errorf("%s in thread %s, want %s", a.ID, a.Thread, got[0].Thread)
				}
			}
			wantCopy := map[string]string{"seed-001": "seed-000", "seed-002": "seed-000"}
			founders := 0
			for _, a := range got {
				if a.CopyOf != wantCopy[a.ID] {
					t.Errorf("%s CopyOf = %q, want %q", a.ID, a.CopyOf, wantCopy[a.ID])
				}
				if a.New {
					founders++
				}
			}
			if founders != 1 {
				t.Errorf("%d founders of one thread", founders)
			}
		})
	}
}

// TestBatchStability: a batch decided as a whole does not depend on the
// input order, and an earlier batch's articles, fixed, keep their threads
// when the next batch is clustered with them.
func TestBatchStability(t *testing.T) {
	docs, _ := loadDocs(t, "newswcl50.jsonl")
	for _, mode := range batchModes {
		opt := Options{Batch: mode}
		want := byID(Cluster(docs, opt))
		rng := rand.New(rand.NewSource(7))
		for run := 0; run < 3; run++ {
			t.Run(fmt.Sprintf("%s shuffle %d", mode, run), func(t *testing.T) {
				in := append([]Doc(nil), docs...)
				rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
				if got := byID(Cluster(in, opt)); !reflect.DeepEqual(got, want) {
					t.Error("input order changed the assignments")
				}
			})
		}
		order := sortedForCluster(docs)
		for cut := 5; cut < len(order); cut += 5 {
			t.Run(fmt.Sprintf("%s split at %d", mode, cut), func(t *testing.T) {
				first := Cluster(order[:cut], opt)
				fixed := append([]Doc(nil), order...)
				for i, a := range first {
					fixed[i].Thread = a.Thread
				}
				split, whole := map[string]string{}, map[string]string{}
				for i, a := range Cluster(fixed, opt) {
					if i < cut && a.Thread != first[i].Thread {
						t.Errorf("split at %d: %s moved from %s to %s", cut, a.ID, first[i].Thread, a.Thread)
					}
					split[a.ID], whole[a.ID] = a.Thread, want[a.ID].Thread
				}
				// Unlike online threading, a batch decided as a whole
				// may group the articles otherwise when it is split:
				// how much is measured, not asserted.
				t.Logf("split at %d of %d: BCubed F1 against one batch %.3f", cut, len(order), eval.BCubed(whole, split).F1)
			})
		}
	}
}

// TestBatchFixedThread: editors' choices win in a batch too, and two
// fixed threads never become one.
func TestBatchFixedThread(t *testing.T) {
	docs := seeds(t)
	tests := []struct {
		name  string
		fixed map[string]string
	}{
		{"editor splits a report off", map[string]string{"seed-003": "my-own-thread"}},
		{"two fixed threads", map[string]string{"seed-000": "a", "seed-003": "c"}},
		{"all fixed", map[string]string{"seed-000": "a", "seed-001": "b", "seed-002": "a", "seed-003": "c", "seed-004": "a"}},
	}
	for _, mode := range batchModes {
		for _, tt := range tests {
			t.Run(mode+" "+tt.name, func(t *testing.T) {
				in := append([]Doc(nil), docs...)
				for i := range in {
					in[i].Thread = tt.fixed[in[i].ID]
				}
				for _, a := range Cluster(in, Options{Batch: mode}) {
					if f := tt.fixed[a.ID]; f != "" && a.Thread != f {
						t.Errorf("%s moved to %s, fixed %s", a.ID, a.Thread, f)
					}
				}
			})
		}
	}
}

// TestBatchJoinsRestoredThread: new reports of a story already in the
// site join its thread, under its id.
func TestBatchJoinsRestoredThread(t *testing.T) {
	docs := seeds(t)
	for _, mode := range batchModes {
		t.Run(mode, func(t *testing.T) {
			opt := Options{Batch: mode}
			th := New(opt)
			for _, d := range docs[:3] {
				d.Thread = "known-story"
				th.Restore(d, Analyse(d, opt))
			}
			for _, d := range docs[3:] {
				th.AddAnalysed(d, Analyse(d, opt))
			}
			got := th.Resolve()
			if len(got) != 2 {
				t.Fatalf("%d assignments for 2 articles added", len(got))
			}
			for _, a := range got {
				if a.Thread != "known-story" || a.New {
					t.Errorf("%+v, want it in known-story", a)
				}
			}
		})
	}
}

// TestResolveOnline: without Batch, Resolve gives the online assignments
// of the articles added, not those restored.
func TestResolveOnline(t *testing.T) {
	docs := seeds(t)
	th := New(Options{})
	d0 := docs[0]
	d0.Thread = "known"
	th.Restore(d0, Analyse(d0, Options{}))
	var want []Assignment
	for _, d := range docs[1:] {
		want = append(want, th.Add(d))
	}
	if got := th.Resolve(); !reflect.DeepEqual(got, want) {
		t.Errorf("Resolve gave %+v, Add %+v", got, want)
	}
}

// BenchmarkClusterBatch threads the synthetic batches of BenchmarkCluster
// online and with each batch mode, for the cost of deciding a batch as a
// whole: go test ./internal/thread -run XXX -bench ClusterBatch/10000 -benchtime 1x
func BenchmarkClusterBatch(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		docs := synthetic(n, 1)
		for _, mode := range []string{"online", Average, Merge} {
			b.Run(fmt.Sprintf("%d/%s", n, mode), func(b *testing.B) {
				opt := Options{Batch: mode}
				if mode == "online" {
					opt.Batch = Online
				}
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if out := Cluster(docs, opt); len(out) != n {
						b.Fatal("lost articles")
					}
				}
			})
		}
	}
}

// TestBatchPriorKeepsID: a story decided again with an earlier report
// keeps its id, which a cluster gets from the article that founded it
// before; without Prior it would take the earlier report's.
func TestBatchPriorKeepsID(t *testing.T) {
	docs := sortedForCluster(seeds(t))
	for _, prior := range []string{"", "the-story"} {
		in := append([]Doc(nil), docs...)
		for i := 1; i < len(in); i++ {
			in[i].Prior = prior
		}
		got := Cluster(in, Options{Batch: Average})
		want := prior
		if prior == "" {
			want = got[0].Thread
		}
		for _, a := range got {
			if a.Thread != want {
				t.Errorf("prior %q: %s in %s, want %s", prior, a.ID, a.Thread, want)
			}
		}
	}
}

// TestOpen: the threads a batch decides again are those with an article
// published within MaxGap of the batch's earliest, or scraped within two
// days of it, or undated.
func TestOpen(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	site := []Stamp{
		{Date: day(0), Thread: "old"},
		{Date: day(20), Thread: "recent"},
		{Date: day(1), Thread: "long"},
		{Date: day(45), Thread: "long"},
		{Thread: "undated"},
		{Date: day(44), Thread: "scraped", Scraped: true},
		{Date: day(40), Thread: "scraped earlier", Scraped: true},
	}
	tests := []struct {
		name  string
		batch []Stamp
		want  []string
	}{
		{"nothing new", nil, nil},
		{"a day after the latest", []Stamp{{Date: day(46)}}, []string{"long", "recent", "scraped", "undated"}},
		{"months later", []Stamp{{Date: day(120)}}, []string{"undated"}},
		{"an earlier report too", []Stamp{{Date: day(120)}, {Date: day(25)}}, []string{"long", "old", "recent", "scraped", "scraped earlier", "undated"}},
		{"undated, as the latest", []Stamp{{}}, []string{"long", "recent", "scraped", "undated"}},
		{"scraped, as its scraping", []Stamp{{Date: day(42), Scraped: true}}, []string{"long", "recent", "scraped", "scraped earlier", "undated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for th := range Open(site, tt.batch, Options{}) {
				got = append(got, th)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("open %v, want %v", got, tt.want)
			}
		})
	}
}
