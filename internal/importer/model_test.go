package importer

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digest-news/digest/internal/eval"
	"github.com/digest-news/digest/internal/ingest"
	"github.com/digest-news/digest/internal/testutil"
	"github.com/digest-news/digest/internal/thread"
)

var (
	update = flag.Bool("update", false, "rewrite internal/thread/model.json from testdata/threads")
	lodo   = flag.Bool("lodo", false, "run TestLeaveOneSetOut (trains three models; several minutes)")
	// The shipped model is trained with the defaults of these two; other
	// values are for measuring alternatives (TestWeights then fails).
	l2       = flag.Float64("l2", 1e-5, "the L2 penalty of the model's weights")
	ecbDates = flag.Bool("ecbdates", true, "train on an ECB+ shape dated synthetically too")
	// batch measures the batch clustering of thread.Options.Batch
	// (TestBatchLinkage, and TestLeaveOneSetOut with the linkage chosen
	// on the training sets).
	batch = flag.String("batch", "", "measure a batch mode: average, merge or online (TestLeaveOneSetOut: the shipped rule by default)")
	pairs = flag.Bool("pairs", false, "with -batch, TestLeaveOneSetOut trains a pair model on the other sets too")
)

// trainingSet is one labelled set, as import reads it, in one of the
// shapes scrapers deliver.
type trainingSet struct {
	name string
	docs []eval.LabelledDoc
}

// trainingSets derives, from each labelled set in testdata/threads, the
// shapes threading meets: as given, headlines only (a body-less record;
// a record without a title takes the headline import would derive from
// its lead), titles removed (import then derives them), dates removed.
func trainingSets(t testing.TB, files ...string) []trainingSet {
	t.Helper()
	var out []trainingSet
	for _, f := range files {
		docs, err := eval.LoadThreads("../../testdata/threads/" + f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(f, ".jsonl")
		variant := func(suffix string, fn func(d *eval.LabelledDoc)) {
			vs := make([]eval.LabelledDoc, len(docs))
			for i, d := range docs {
				fn(&d)
				vs[i] = d
			}
			out = append(out, trainingSet{name + suffix, vs})
		}
		variant("", func(*eval.LabelledDoc) {})
		variant(" headlines", func(d *eval.LabelledDoc) {
			if d.Title == "" {
				d.Title = leadTitle(d.Text)
			}
			d.Text = ""
		})
		variant(" untitled", func(d *eval.LabelledDoc) { d.Title = "" })
		hasDates := false
		for _, d := range docs {
			hasDates = hasDates || !d.Date.IsZero()
		}
		if hasDates {
			variant(" undated", func(d *eval.LabelledDoc) { d.Date = time.Time{} })
		} else if name == "ecbplus" && *ecbDates {
			// Dated as news is: each story on a day of its own (the
			// real events of a topic are years apart), its reports
			// within two days of it. ECB+ has no dates; without this
			// variant only NewsWCL50's ten stories would say what a
			// date gap means.
			variant(" dated", func(d *eval.LabelledDoc) {
				day := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(hash32(d.Story)%3000))
				d.Date = day.Add(time.Duration(hash32(d.ID)%(48*60)) * time.Minute)
			})
		}
	}
	return out
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// setName is the labelled set a training set derives from.
func (s trainingSet) setName() string { n, _, _ := strings.Cut(s.name, " "); return n }

// prepared is a training set's articles as import threads them: read by
// assemble, deduplicated, in publication order, with their analyses.
type prepared struct {
	name  string
	docs  []thread.Doc
	gold  []string
	an    []*thread.Analysis
	goldM map[string]string
}

func prepare(t testing.TB, s trainingSet, opt thread.Options) prepared {
	t.Helper()
	var drafts []*draft
	story := map[string]string{}
	seen := map[string]bool{}
	for i, d := range s.docs {
		it := ingest.Item{Origin: s.name + ".jsonl", Line: i + 1, Kind: ingest.Record, Rec: &ingest.Rec{ID: d.ID, Title: d.Title, Text: d.Text, URL: d.URL, Source: d.Source, Date: d.Date, Line: i + 1}}
		if it.Rec.Title == "" && strings.TrimSpace(it.Rec.Text) == "" {
			continue
		}
		dr, err := assemble(it, nil, 32<<20)
		if err != nil || seen[dr.fingerprint] {
			continue
		}
		seen[dr.fingerprint] = true
		drafts = append(drafts, dr)
		story[d.ID] = d.Story
	}
	// In the order merge threads them (it names the line in an origin
	// only after sorting).
	sortByDate(drafts)
	p := prepared{name: s.name, goldM: story}
	for _, dr := range drafts {
		a := &dr.Article
		doc := thread.Doc{ID: a.ID, Title: a.Title, Text: a.Body, Source: a.Source, Date: threadDate(a)}
		p.docs = append(p.docs, doc)
		p.gold = append(p.gold, story[a.ID])
		p.an = append(p.an, thread.Analyse(doc, opt))
	}
	return p
}

// examples follows the gold threads of p and returns, for each article,
// the features of every candidate thread weighed and whether it is the
// article's story.
func (p prepared) examples(opt thread.Options) (xs [][]float64, ys []bool) {
	th := thread.New(opt)
	cur := ""
	th.Observe(func(id string, x []float64) {
		xs = append(xs, append([]float64(nil), x...))
		ys = append(ys, id == "gold:"+cur)
	})
	for i, d := range p.docs {
		cur = p.gold[i]
		d.Thread = "gold:" + p.gold[i]
		th.AddAnalysed(d, p.an[i])
	}
	return xs, ys
}

// score threads p with opt and returns its BCubed F1.
func (p prepared) score(opt thread.Options) eval.PRF {
	th := thread.New(opt)
	pred := map[string]string{}
	for i, d := range p.docs {
		pred[d.ID] = th.AddAnalysed(d, p.an[i]).Thread
	}
	if opt.Batch != "" && opt.Batch != thread.Online {
		for _, as := range th.Resolve() {
			pred[as.ID] = as.Thread
		}
	}
	return eval.BCubed(p.goldM, pred)
}

// fit learns logistic-regression weights by Newton's method with a small
// L2 penalty (-l2); every training set weighs the same whatever its size.
func fit(sets [][][]float64, labels [][]bool) []float64 {
	n := len(thread.FeatureNames)
	w := make([]float64, n)
	lambda := *l2
	for iter := 0; iter < 30; iter++ {
		g := make([]float64, n)
		h := make([][]float64, n)
		for i := range h {
			h[i] = make([]float64, n)
			h[i][i] = lambda
		}
		for i := 1; i < n; i++ {
			g[i] = lambda * w[i]
		}
		for s, xs := range sets {
			if len(xs) == 0 {
				continue
			}
			sw := 1 / float64(len(xs)) / float64(len(sets))
			for j, x := range xs {
				var z float64
				for k := range w {
					z += w[k] * x[k]
				}
				p := 1 / (1 + math.Exp(-z))
				y := 0.0
				if labels[s][j] {
					y = 1
				}
				for a := 0; a < n; a++ {
					g[a] += sw * (p - y) * x[a]
					for b := 0; b < n; b++ {
						h[a][b] += sw * p * (1 - p) * x[a] * x[b]
					}
				}
			}
		}
		step := solve(h, g)
		var size float64
		for k := range w {
			w[k] -= step[k]
			size += step[k] * step[k]
		}
		if size < 1e-18 {
			break
		}
	}
	return w
}

// solve solves h·x = g by Gaussian elimination with partial pivoting.
func solve(h [][]float64, g []float64) []float64 {
	n := len(g)
	a := make([][]float64, n)
	for i := range a {
		a[i] = append(append([]float64(nil), h[i]...), g[i])
	}
	for c := 0; c < n; c++ {
		piv := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[piv][c]) {
				piv = r
			}
		}
		a[c], a[piv] = a[piv], a[c]
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k <= n; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := a[r][n]
		for k := r + 1; k < n; k++ {
			s -= a[r][k] * x[k]
		}
		x[r] = s / a[r][r]
	}
	return x
}

// round keeps 4 significant digits, so that the weights written do not
// depend on the last bits of floating-point sums.
func round(v float64) float64 {
	if v == 0 {
		return 0
	}
	d := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*d) / d
}

// train learns a model from the sets: weights from the examples met
// following the gold threads, then the threshold (of 0.30, 0.35 … 0.70)
// with the best mean BCubed F1 over the sets, threading as import does.
func train(t testing.TB, sets []prepared, logf func(string, ...any)) *thread.Model {
	t.Helper()
	base := thread.Options{}
	var xs [][][]float64
	var ys [][]bool
	for _, p := range sets {
		x, y := p.examples(base)
		xs, ys = append(xs, x), append(ys, y)
	}
	w := fit(xs, ys)
	for i := range w {
		w[i] = round(w[i])
	}
	names := make([]string, len(sets))
	for i, p := range sets {
		names[i] = p.name
	}
	m := &thread.Model{Features: thread.FeatureNames, Weights: w, Trained: strings.Join(names, ", ")}
	// The thresholds: the base on a grid, then the slope for short texts
	// at the best base, then the base again around it.
	cache := map[[2]float64]float64{}
	mean := func(base, slope float64) float64 {
		k := [2]float64{base, slope}
		if v, ok := cache[k]; ok {
			return v
		}
		m.Threshold, m.ShortThreshold = base, slope
		sum, line := meanF1(sets, thread.Options{Model: m})
		if logf != nil {
			logf("threshold %.2f + %.2f short: mean %.4f (%s)", base, slope, sum, line)
		}
		cache[k] = sum
		return sum
	}
	best := func(bases, slopes []float64) (float64, float64) {
		bf, bb, bs := -1.0, 0.0, 0.0
		for _, b := range bases {
			for _, s := range slopes {
				if f := mean(b, s); f > bf {
					bf, bb, bs = f, b, s
				}
			}
		}
		return bb, bs
	}
	b0, _ := best([]float64{0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50}, []float64{0})
	b0, s0 := best([]float64{b0}, []float64{0, 0.15, 0.3, 0.45, 0.6})
	b0, s0 = best([]float64{math.Round((b0-0.05)*100) / 100, b0, math.Round((b0+0.05)*100) / 100}, []float64{s0})
	m.Threshold, m.ShortThreshold = b0, s0
	return m

}

func prepareAll(t testing.TB, sets []trainingSet) []prepared {
	t.Helper()
	out := make([]prepared, len(sets))
	for i, s := range sets {
		out[i] = prepare(t, s, thread.Options{})
	}
	return out
}

var labelledSets = []string{"ecbplus.jsonl", "newswcl50.jsonl", "allsides_neus_dev.jsonl"}

// TestWeights learns the pairwise model from every labelled set and its
// variants and checks that it is the shipped internal/thread/model.json;
// with -update it writes that file.
func TestWeights(t *testing.T) {
	if testutil.RaceEnabled {
		// Training is single-threaded arithmetic: the race detector finds
		// nothing there and makes it ten times slower. .ci/run runs this
		// test again without -race.
		t.Skip("retrains the model; run without -race (as .ci/run does)")
	}
	if testing.Short() {
		t.Skip("trains on 30,000 articles")
	}
	sets := prepareAll(t, trainingSets(t, labelledSets...))
	m := train(t, sets, t.Logf)
	// The pair model of Options.Batch, its threshold the linkage.
	pm := trainPairs(sets)
	saved := linkages
	linkages = pairLinkages
	pm.Threshold = chooseLinkage(sets, thread.Options{Model: m, Batch: thread.Average, PairModel: pm}, t.Logf)
	linkages = saved
	pm.Trained = m.Trained
	for _, f := range []struct {
		name string
		m    *thread.Model
	}{{"model.json", m}, {"pair_model.json", pm}} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(f.m); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("..", "thread", f.name)
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		shipped, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(shipped, buf.Bytes()) {
			t.Errorf("internal/thread/%s is not what the training data give; run go test ./internal/importer -run TestWeights -update\nshipped: %s\ntrained: %s", f.name, shipped, buf.Bytes())
		}
		for i, n := range f.m.Features {
			t.Logf("%s %-12s %8.4f", f.name, n, f.m.Weights[i])
		}
	}
	if err := thread.ShippedModel().Check(); err != nil {
		t.Error(err)
	}
	if thread.ShippedPairModel() == nil {
		t.Error("internal/thread/pair_model.json does not parse or fit the features")
	}
}

// TestLeaveOneSetOut trains on all labelled sets but one and scores the
// one left out, as given and in its variants, through importer.Run: how
// the model does on data it has not seen. It runs with -lodo:
// go test ./internal/importer -run TestLeaveOneSetOut -lodo -v -timeout 60m
// (-batch online for the rule of a lone Threader).
func TestLeaveOneSetOut(t *testing.T) {
	if !*lodo {
		t.Skip("trains three models; run with -lodo")
	}
	all := trainingSets(t, labelledSets...)
	prep := prepareAll(t, all)
	for _, out := range labelledSets {
		name := strings.TrimSuffix(out, ".jsonl")
		var train_ []prepared
		for _, p := range prep {
			if strings.SplitN(p.name, " ", 2)[0] != name {
				train_ = append(train_, p)
			}
		}
		m := train(t, train_, nil)
		// The shipped rule by default: average link on a pair model,
		// both learned from the other sets; -batch online the rule of a
		// lone Threader; -batch average or merge without -pairs the
		// thread model scoring the pairs.
		topt := thread.Options{Model: m, Batch: thread.Online}
		if *batch != thread.Online {
			topt.Batch = cmp.Or(*batch, thread.Average)
			if *pairs || *batch == "" {
				topt.PairModel = trainPairs(train_)
				saved := linkages
				linkages = pairLinkages
				topt.Linkage = chooseLinkage(train_, topt, nil)
				linkages = saved
			} else {
				// The thread model scores the pairs too.
				topt.PairModel = m
				topt.Linkage = chooseLinkage(train_, topt, nil)
			}
			t.Logf("LODO %s: batch %s, linkage %.2f chosen on the other sets", name, topt.Batch, topt.Linkage)
		}
		for _, s := range all {
			if s.setName() != name {
				continue
			}
			dir := t.TempDir()
			labelled := filepath.Join(dir, "set.jsonl")
			writeLabelled(t, labelled, s.docs)
			sc, err := eval.ImportThreads(context.Background(), labelled, dir, func(ctx context.Context, paths []string, contentDir, cacheDir string) (eval.ImportResult, error) {
				res, err := Run(ctx, paths, Options{ContentDir: contentDir, CacheDir: cacheDir, Thread: topt})
				if err != nil {
					return eval.ImportResult{}, err
				}
				return eval.ImportResult{Failed: res.Summary.Failed, Errors: res.Errors, SameAs: res.Duplicates()}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			mine := 0.0
			for _, p := range prep {
				if p.name == s.name {
					mine = p.score(thread.Options{Batch: thread.Average}).F1
				}
			}
			t.Logf("LODO %-28s threshold %.2f: BCubed P %.3f R %.3f F1 %.3f (%d of %d imported); shipped rule in-sample %.3f", s.name, m.Threshold, sc.BCubed.P, sc.BCubed.R, sc.BCubed.F1, sc.Imported+sc.Duplicates, sc.Articles, mine)
		}
	}
}

func writeLabelled(t testing.TB, path string, docs []eval.LabelledDoc) {
	t.Helper()
	var b strings.Builder
	for _, d := range docs {
		date := ""
		if !d.Date.IsZero() {
			date = d.Date.UTC().Format(time.RFC3339)
		}
		line, _ := json.Marshal(map[string]string{"id": d.ID, "title": d.Title, "text": d.Text, "date": date, "source": d.Source, "url": d.URL, "story": d.Story})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// linkages are the average-link thresholds tried for a batch mode.
var linkages = []float64{0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}

// pairLinkages are those tried with a pair model, whose likelihoods of
// one story are lower than the thread model's of a thread of one.
var pairLinkages = []float64{0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5}

// meanF1 threads every set with opt and returns the training objective,
// the mean BCubed F1 with every labelled set weighing the same (its
// shapes, named "<set> <shape>", shared out), and each set's F1 for the
// log.
func meanF1(sets []prepared, opt thread.Options) (float64, string) {
	per := map[string][]float64{}
	var line []string
	for _, p := range sets {
		f := p.score(opt).F1
		n, _, _ := strings.Cut(p.name, " ")
		per[n] = append(per[n], f)
		line = append(line, fmt.Sprintf("%s %.3f", p.name, f))
	}
	var mean float64
	for _, n := range slices.Sorted(maps.Keys(per)) { // one order: the same sum every run
		fs := per[n]
		var s float64
		for _, f := range fs {
			s += f
		}
		mean += s / float64(len(fs)) / float64(len(per))
	}
	return mean, strings.Join(line, ", ")
}

// chooseLinkage returns the linkage of linkages with the best mean BCubed
// F1 over the sets (each labelled set weighing the same, its shapes
// shared out), threading with opt.
func chooseLinkage(sets []prepared, opt thread.Options, logf func(string, ...any)) float64 {
	best, bestF := 0.0, -1.0
	for _, l := range linkages {
		opt.Linkage = l
		mean, line := meanF1(sets, opt)
		if logf != nil {
			logf("batch %s linkage %.2f: mean %.4f (%s)", opt.Batch, l, mean, line)
		}
		if mean > bestF {
			best, bestF = l, mean
		}
	}
	return best
}

// pairExamples follows the gold threads of p with a batch mode and
// returns the features of every pair of an article and a candidate, and
// whether they are one story.
func (p prepared) pairExamples() (xs [][]float64, ys []bool) {
	th := thread.New(thread.Options{Batch: thread.Average})
	th.ObservePairs(func(a, b string, x []float64) {
		xs = append(xs, append([]float64(nil), x...))
		ys = append(ys, p.goldM[a] == p.goldM[b])
	})
	for i, d := range p.docs {
		d.Thread = "gold:" + p.gold[i]
		th.AddAnalysed(d, p.an[i])
	}
	return xs, ys
}

// trainPairs learns a pair model from the sets' pair examples.
func trainPairs(sets []prepared) *thread.Model {
	var xs [][][]float64
	var ys [][]bool
	for _, p := range sets {
		x, y := p.pairExamples()
		xs, ys = append(xs, x), append(ys, y)
	}
	w := fit(xs, ys)
	for i := range w {
		w[i] = round(w[i])
	}
	return &thread.Model{Features: thread.FeatureNames, Weights: w, Threshold: 0.5}
}

// TestBatchLinkage scores every labelled set and shape with the shipped
// model and the batch mode of -batch at each linkage, in-sample:
// go test ./internal/importer -run TestBatchLinkage -batch average -v
func TestBatchLinkage(t *testing.T) {
	if *batch == "" || *batch == thread.Online {
		t.Skip("measures a batch mode; run with -batch average or -batch merge")
	}
	sets := prepareAll(t, trainingSets(t, labelledSets...))
	chooseLinkage(sets, thread.Options{Batch: *batch, PairModel: thread.ShippedModel()}, t.Logf)
	pm := trainPairs(sets)
	for i, n := range pm.Features {
		t.Logf("pair %-12s %8.4f", n, pm.Weights[i])
	}
	saved := linkages
	linkages = pairLinkages
	defer func() { linkages = saved }()
	chooseLinkage(sets, thread.Options{Batch: *batch, PairModel: pm}, t.Logf)
	mean := func(opt thread.Options) {
		var line []string
		for _, p := range sets {
			line = append(line, fmt.Sprintf("%s %.3f", p.name, p.score(opt).F1))
		}
		t.Logf("online: %s", strings.Join(line, ", "))
	}
	mean(thread.Options{})
}
