package thread

import (
	"fmt"
	"math/rand"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/eval"
)

// seeds loads the five reports of one story (Lavrov in North Korea, July
// 2025) cut from testdata/seeds: first line the headline, then the text.
func seeds(tb testing.TB) []Doc {
	tb.Helper()
	dates := []string{"2025-07-12T09:00:00Z", "2025-07-12T11:00:00Z", "2025-07-13T02:00:00Z", "2025-07-13T05:00:00Z", "2025-07-12T15:00:00Z"}
	var docs []Doc
	for i := 0; i < 5; i++ {
		b, err := os.ReadFile(fmt.Sprintf("testdata/seed_%03d.txt", i))
		if err != nil {
			tb.Fatal(err)
		}
		title, text, _ := strings.Cut(string(b), "\n")
		date, _ := time.Parse(time.RFC3339, dates[i])
		docs = append(docs, Doc{ID: fmt.Sprintf("seed-%03d", i), Title: title, Text: text, Source: fmt.Sprintf("outlet-%d", i), Date: date})
	}
	return docs
}

func TestSeeds(t *testing.T) {
	docs := seeds(t)
	tests := []struct {
		name   string
		undate bool
	}{{"dated", false}, {"undated", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]Doc(nil), docs...)
			if tt.undate {
				for i := range in {
					in[i].Date = time.Time{}
				}
			}
			got := Cluster(in, Options{})
			for _, a := range got[1:] {
				if a.Thread != got[0].Thread {
					t.Errorf("%s in thread %s, want %s: the five seeds are one story", a.ID, a.Thread, got[0].Thread)
				}
			}
			wantCopy := map[string]string{"seed-001": "seed-000", "seed-002": "seed-000"}
			for _, a := range got {
				if a.CopyOf != wantCopy[a.ID] {
					t.Errorf("%s CopyOf = %q, want %q", a.ID, a.CopyOf, wantCopy[a.ID])
				}
			}
		})
	}
}

func TestCopyEvidence(t *testing.T) {
	docs := seeds(t)
	fp := make([]docState, len(docs))
	for i, d := range docs {
		_, _, _, toks := termFeatures(d.Title, d.Text, Options{}.withDefaults())
		fp[i].shing, fp[i].sents = fingerprints(toks)
	}
	tests := []struct {
		name       string
		a          int
		minC, maxC float64
		minA, maxA int
	}{
		// The data README: 46% of 001's four-word shingles appear in 000.
		{"001 reuses AFP copy", 1, 0.35, 0.6, 4, 99},
		{"002 paraphrases by sentence", 2, 0, 0.3, 5, 99},
		{"003 independent", 3, 0, 0.15, 0, 2},
		{"004 independent", 4, 0, 0.15, 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := containment(fp[tt.a].shing, fp[0].shing)
			al := alignment(fp[tt.a].sents, fp[0].sents)
			t.Logf("containment %.2f, aligned sentences %d of %d", c, al, len(fp[tt.a].sents.size))
			if c < tt.minC || c > tt.maxC || al < tt.minA || al > tt.maxA {
				t.Errorf("containment %.2f (want %.2f–%.2f), aligned %d (want %d–%d)", c, tt.minC, tt.maxC, al, tt.minA, tt.maxA)
			}
		})
	}
}

func TestIDs(t *testing.T) {
	id := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	docs := seeds(t)
	a := Cluster(docs, Options{})
	if !id.MatchString(a[0].Thread) || len(a[0].Thread) > 70 || !strings.HasPrefix(a[0].Thread, "north-korea-s-kim") {
		t.Errorf("thread id %q is not a short lowercase slug of the founding headline", a[0].Thread)
	}
	if !a[0].New || a[1].New {
		t.Errorf("New flags %v %v, want the founder only", a[0].New, a[1].New)
	}
	// Re-threading the same content gives the same ids.
	if b := Cluster(docs, Options{}); !reflect.DeepEqual(a, b) {
		t.Errorf("re-threading changed the result:\n%v\n%v", a, b)
	}
	tests := []struct{ name, title, text string }{
		{"non-ascii title", "Пхеньян", "Текст статьи."},
		{"empty", "", ""},
		{"punctuation", "!!! ???", "..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(Options{}).Add(Doc{ID: "x", Title: tt.title, Text: tt.text})
			if !id.MatchString(got.Thread) {
				t.Errorf("thread id %q is not URL-safe", got.Thread)
			}
		})
	}
}

func loadDocs(tb testing.TB, file string) ([]Doc, map[string]string) {
	tb.Helper()
	ld, err := eval.LoadThreads("../../testdata/threads/" + file)
	if err != nil {
		tb.Fatal(err)
	}
	docs := make([]Doc, len(ld))
	gold := map[string]string{}
	for i, d := range ld {
		docs[i] = Doc{ID: d.ID, Title: d.Title, Text: d.Text, Source: d.Source, Date: d.Date}
		gold[d.ID] = d.Story
	}
	return docs, gold
}

// TestStability feeds NewsWCL50 in shuffled input order and, online, in
// batches split at random points: every run must give the same threads,
// copies and founders.
func TestStability(t *testing.T) {
	docs, _ := loadDocs(t, "newswcl50.jsonl")
	want := byID(Cluster(docs, Options{}))
	rng := rand.New(rand.NewSource(7))
	for run := 0; run < 5; run++ {
		t.Run(fmt.Sprintf("shuffle %d", run), func(t *testing.T) {
			in := append([]Doc(nil), docs...)
			rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
			if got := byID(Cluster(in, Options{})); !reflect.DeepEqual(got, want) {
				t.Error("input order changed the assignments")
			}
		})
		t.Run(fmt.Sprintf("batches %d", run), func(t *testing.T) {
			// The order Cluster uses, cut into batches; each batch is
			// clustered again with the earlier ones fixed, as a site
			// rebuild does, and must not rename anything.
			order := sortedForCluster(docs)
			cut := 1 + rng.Intn(len(order)-1)
			first := Cluster(order[:cut], Options{})
			fixed := append([]Doc(nil), order...)
			for i, a := range first {
				fixed[i].Thread = a.Thread
			}
			got := byID(Cluster(fixed, Options{}))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("split at %d changed the assignments", cut)
			}
			// Online: one Threader, batches of random size.
			th := New(Options{})
			online := map[string]Assignment{}
			for i := 0; i < len(order); {
				n := 1 + rng.Intn(10)
				for _, d := range order[i:min(i+n, len(order))] {
					online[d.ID] = th.Add(d)
				}
				i += n
			}
			if !reflect.DeepEqual(online, want) {
				t.Error("online batches changed the assignments")
			}
		})
	}
}

func sortedForCluster(docs []Doc) []Doc {
	out := append([]Doc(nil), docs...)
	a := Cluster(out, Options{})
	_ = a
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	ordered := make([]Doc, 0, len(out))
	// Same order as Cluster: dated first by date, then by id.
	rest := append([]Doc(nil), out...)
	for len(rest) > 0 {
		b := 0
		for i := range rest {
			if lessDoc(rest[i], rest[b]) {
				b = i
			}
		}
		ordered = append(ordered, rest[b])
		rest = append(rest[:b], rest[b+1:]...)
	}
	return ordered
}

func byID(as []Assignment) map[string]Assignment {
	m := map[string]Assignment{}
	for _, a := range as {
		m[a.ID] = a
	}
	return m
}

func TestFixedThread(t *testing.T) {
	docs := seeds(t)
	tests := []struct {
		name  string
		fixed map[string]string
	}{
		{"editor splits a report off", map[string]string{"seed-003": "my-own-thread"}},
		{"editor joins an unrelated story", map[string]string{"seed-004": "other-story"}},
		{"all fixed", map[string]string{"seed-000": "a", "seed-001": "b", "seed-002": "a", "seed-003": "c", "seed-004": "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]Doc(nil), docs...)
			for i := range in {
				in[i].Thread = tt.fixed[in[i].ID]
			}
			for _, a := range Cluster(in, Options{}) {
				if f := tt.fixed[a.ID]; f != "" && a.Thread != f {
					t.Errorf("%s moved to %s, fixed %s", a.ID, a.Thread, f)
				}
			}
		})
	}
	// A later article can join a fixed thread.
	th := New(Options{})
	th.Add(Doc{ID: "x", Title: "Earthquake", Text: "A small note.", Thread: "editors-pick"})
	a := th.Add(docs[0])
	b := th.Add(Doc{ID: "y", Title: docs[0].Title, Text: docs[0].Text, Thread: "editors-pick"})
	if b.Thread != "editors-pick" || a.Thread == "editors-pick" {
		t.Errorf("assignments %+v %+v", a, b)
	}
	c := th.Add(docs[3])
	if c.Thread != a.Thread && c.Thread != "editors-pick" {
		t.Errorf("seed 003 founded %s instead of joining its story", c.Thread)
	}
}

func TestMissingDates(t *testing.T) {
	docs := seeds(t)
	tests := []struct {
		name   string
		dates  []string
		joined bool
	}{
		{"some undated", []string{"2025-07-12T09:00:00Z", "", "", "2025-07-13T05:00:00Z", ""}, true},
		{"weeks apart", []string{"2025-07-12T09:00:00Z", "2025-07-12T09:00:00Z", "2025-07-12T09:00:00Z", "2025-07-12T09:00:00Z", "2025-10-12T09:00:00Z"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]Doc(nil), docs...)
			for i := range in {
				in[i].Date = time.Time{}
				if tt.dates[i] != "" {
					in[i].Date, _ = time.Parse(time.RFC3339, tt.dates[i])
				}
			}
			got := byID(Cluster(in, Options{}))
			if j := got["seed-004"].Thread == got["seed-000"].Thread; j != tt.joined {
				t.Errorf("seed-004 joined seed-000's thread: %v, want %v", j, tt.joined)
			}
		})
	}
}

func TestDuplicateID(t *testing.T) {
	th := New(Options{})
	docs := seeds(t)
	a := th.Add(docs[0])
	b := th.Add(Doc{ID: docs[0].ID, Title: "Something else entirely", Text: "Other words."})
	if a != b {
		t.Errorf("adding an id twice gave %+v then %+v", a, b)
	}
}

func TestDescribe(t *testing.T) {
	docs := seeds(t)
	m := Describe(docs)
	t.Logf("%+v", m)
	titles := map[string]bool{}
	for _, d := range docs {
		titles[d.Title] = true
	}
	if !titles[m.Headline] {
		t.Errorf("headline %q is not one of the titles", m.Headline)
	}
	if n := len(splitSentences(m.Summary, 100)); n < 2 || n > 3 {
		t.Errorf("summary has %d sentences: %q", n, m.Summary)
	}
	for _, want := range []string{"Lavrov", "KCNA", "Moscow"} {
		found := false
		for _, tag := range m.Tags {
			if strings.Contains(tag, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("tags %q lack %s", m.Tags, want)
		}
	}
	for _, tag := range m.Tags {
		if notNames[strings.ToLower(tag)] || stopwords[strings.ToLower(tag)] {
			t.Errorf("tag %q is not a name", tag)
		}
	}
	if len(m.Outlets) != 5 || !m.First.Equal(docs[0].Date) || !m.Latest.Equal(docs[3].Date) {
		t.Errorf("outlets %v, first %v, latest %v", m.Outlets, m.First, m.Latest)
	}
	if got := Describe(nil); !reflect.DeepEqual(got, Meta{}) {
		t.Errorf("Describe(nil) = %+v", got)
	}
}

func FuzzAdd(f *testing.F) {
	f.Add("North Korea's Kim", "Kim met Lavrov in Wonsan. 4.6 magnitude, 1,000 troops.\nNext line")
	f.Add("", "")
	f.Add("Mr. Smith", "Mr. Smith went to Washington. He said: \"no\".")
	f.Add("\xff\xfe", "a\x00b. C.")
	f.Fuzz(func(t *testing.T, title, text string) {
		th := New(Options{NoBackground: true})
		a := th.Add(Doc{ID: "a", Title: title, Text: text})
		b := th.Add(Doc{ID: "b", Title: title, Text: text})
		if a.Thread == "" || !a.New {
			t.Fatalf("first article: %+v", a)
		}
		if b.Thread == "" {
			t.Fatalf("second article: %+v", b)
		}
		m := Describe([]Doc{{ID: "a", Title: title, Text: text}})
		_ = m
	})
}

// synthetic makes n articles in threads of 1–40, 400–900 words each from a
// shared vocabulary plus per-thread names and figures, dated over weeks.
func synthetic(n int, seed int64) []Doc {
	rng := rand.New(rand.NewSource(seed))
	common := make([]string, 5000)
	for i := range common {
		common[i] = fmt.Sprintf("w%dx", i)
	}
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]Doc, 0, n)
	for th := 0; len(docs) < n; th++ {
		size := 1 + rng.Intn(40)
		names := make([]string, 6)
		for i := range names {
			names[i] = fmt.Sprintf("Name%dq%d", th, i)
		}
		topic := make([]string, 30)
		for i := range topic {
			topic[i] = common[rng.Intn(len(common))]
		}
		day := start.Add(time.Duration(rng.Intn(60*24)) * time.Hour)
		for k := 0; k < size && len(docs) < n; k++ {
			var b strings.Builder
			words := 400 + rng.Intn(500)
			for w := 0; w < words; w++ {
				switch r := rng.Intn(20); {
				case r < 2:
					b.WriteString(names[rng.Intn(len(names))])
				case r < 6:
					b.WriteString(topic[rng.Intn(len(topic))])
				case r == 6:
					fmt.Fprintf(&b, "%d", th*7+rng.Intn(3))
				default:
					b.WriteString(common[int(rng.ExpFloat64()*300)%len(common)])
				}
				if w%15 == 14 {
					b.WriteString(". ")
				} else {
					b.WriteByte(' ')
				}
			}
			docs = append(docs, Doc{
				ID:    fmt.Sprintf("d%07d", len(docs)),
				Title: names[0] + " " + topic[0] + " " + names[1] + " " + topic[1],
				Text:  b.String(),
				Date:  day.Add(time.Duration(rng.Intn(72)) * time.Hour),
			})
		}
	}
	rng.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	return docs
}

// BenchmarkCluster threads synthetic batches. heapMB is the peak heap
// sampled during the run (the input articles, live at about 5 KB each,
// included, and garbage not yet collected); retainedMB what the threading
// state holds once the batch is done, with the garbage collected.
func BenchmarkCluster(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			docs := synthetic(n, 1)
			b.ReportAllocs()
			b.ResetTimer()
			var peak, retained uint64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				done := make(chan struct{})
				sampled := make(chan uint64)
				go func() {
					var top uint64
					tick := time.NewTicker(20 * time.Millisecond)
					defer tick.Stop()
					for {
						var m runtime.MemStats
						runtime.ReadMemStats(&m)
						top = max(top, m.HeapAlloc)
						select {
						case <-done:
							sampled <- top
							return
						case <-tick.C:
						}
					}
				}()
				var th *Threader
				out := cluster(docs, Options{}, func(t *Threader) { th = t })
				close(done)
				peak = max(peak, <-sampled)
				runtime.GC()
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				retained = max(retained, after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))
				runtime.KeepAlive(th)
				if len(out) != n {
					b.Fatal("lost articles")
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "heapMB")
			b.ReportMetric(float64(retained)/(1<<20), "retainedMB")
		})
	}
}
