package thread

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"
)

// FeatureNames names the pairwise model's features of an article and a
// candidate thread, in the order of Model.Weights:
//   - bias: 1;
//   - cent, best: the cosine of the article's TF-IDF vector with the
//     thread's centroid and with its closest member;
//   - names: the cosine of the names and figures alone (people, places,
//     organisations, numbers), with the thread's;
//   - short: how far the article falls short of 50 distinct terms (0 for
//     a full text, about 0.6 for a headline with its lead, 0.85 for a
//     headline alone), and its products with cent, best and names, so
//     that short texts weigh the cosines their own way;
//   - dated: 1 when both sides have dates; gap: the weeks (at most 52)
//     past the grace between the article's date and the thread's span;
//     far: 1 when that is more than two weeks;
//   - other_lead: the article's protagonist is none of the thread's;
//   - same_outlet: the share of the thread's articles from the article's
//     outlet (an outlet seldom reports one event twice);
//   - size: log of the thread's number of articles;
//   - second: the cosine with the thread's second closest member (0 when
//     it has one member, or one among the candidates);
//   - figures: the cosine of the figures alone (numbers, counts, scores),
//     so that sister events of one kind ("a 4.6 quake", "a 4.2 quake")
//     can tell apart by what they count;
//   - top_name: how many of the two sides' heaviest names (by TF-IDF,
//     figures aside) the other names too, halved: the one each story is
//     about, which a sister event of the same kind does not share.
//
// The last two are weighed only by the pair model of Options.Batch;
// the thread model sees them as 0.
var FeatureNames = []string{
	"bias", "cent", "best", "names", "short", "cent*short", "best*short", "names*short",
	"dated", "gap", "other_lead", "same_outlet", "size", "second", "far",
	"figures", "top_name",
}

const numFeatures = 17

// Model is a logistic-regression model of whether an article and a thread
// tell the same event: P = 1 / (1 + exp(-w·x)) over FeatureNames.
type Model struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	// Threshold is the least P to join, learned with the weights, for a
	// full text; ShortThreshold is added times the article's "short"
	// feature, as short texts' likelihoods are less sure.
	Threshold      float64 `json:"threshold"`
	ShortThreshold float64 `json:"short_threshold"`
	// Trained says what the weights were learned from.
	Trained string `json:"trained,omitempty"`
}

func (m *Model) prob(x []float64) float64 {
	var z float64
	for i, w := range m.Weights {
		z += w * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// Check reports whether m fits the features the Threader computes.
func (m *Model) Check() error {
	if !slices.Equal(m.Features, FeatureNames) || len(m.Weights) != numFeatures {
		return fmt.Errorf("thread: the model's features %v are not %v", m.Features, FeatureNames)
	}
	if !(m.Threshold > 0 && m.Threshold < 1) {
		return fmt.Errorf("thread: the model's threshold %v is not between 0 and 1", m.Threshold)
	}
	return nil
}

// model.json is the shipped model, written by the importer's TestWeights
// (go test ./internal/importer -run TestWeights -update) from the labelled
// sets in testdata/threads.
//
//go:embed model.json
var modelJSON []byte

// shippedModel parses model.json once. It is checked by the tests, so a
// damaged file cannot be shipped; should it be, threading falls back to
// a model that joins on cosine alone.
var shippedModel = sync.OnceValue(func() *Model {
	var m Model
	if err := json.Unmarshal(modelJSON, &m); err == nil && m.Check() == nil {
		return &m
	}
	w := make([]float64, numFeatures)
	w[0], w[1], w[2] = -6, 6, 6
	return &Model{Features: FeatureNames, Weights: w, Threshold: 0.5}
})

// pair_model.json is the shipped pair model of Options.Batch, written by
// the same test: the pairwise model's features of an article and one
// candidate article (a thread of one), fitted on every such pair met
// following the gold threads; its Threshold is the Linkage.
//
//go:embed pair_model.json
var pairModelJSON []byte

// shippedPairModel parses pair_model.json once; should it be damaged,
// Batch scores pairs with the thread model at the default linkage.
var shippedPairModel = sync.OnceValue(func() *Model {
	var m Model
	if err := json.Unmarshal(pairModelJSON, &m); err == nil && m.Check() == nil {
		return &m
	}
	return nil
})

// ShippedPairModel returns the pair model Options.Batch uses by default.
func ShippedPairModel() *Model { return shippedPairModel() }

// ShippedModel returns the model threading uses by default.
func ShippedModel() *Model { return shippedModel() }

// Observe makes the Threader call fn with the features of every candidate
// thread it weighs for an article, and the thread's id: the examples a
// model is trained on. An article with a fixed Thread is weighed too,
// though it joins its thread whatever the model says, so that a training
// run can follow the gold threads.
func (t *Threader) Observe(fn func(thread string, x []float64)) { t.observe = fn }
