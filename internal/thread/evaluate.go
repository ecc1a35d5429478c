package thread

import (
	"fmt"

	"github.com/digest-news/digest/internal/eval"
)

// Evaluate threads a labelled data set (the eval.LoadThreads format) with
// Cluster and scores the result against its gold stories.
func Evaluate(path string, opt Options) (bcubed, pairwise eval.PRF, n int, err error) {
	docs, err := eval.LoadThreads(path)
	if err != nil {
		return eval.PRF{}, eval.PRF{}, 0, fmt.Errorf("thread: %w", err)
	}
	gold, pred := Score(docs, opt)
	return eval.BCubed(gold, pred), eval.Pairwise(gold, pred), len(docs), nil
}

// Score threads labelled articles with Cluster and returns the gold and
// predicted thread of each article id, ready for eval.BCubed.
func Score(docs []eval.LabelledDoc, opt Options) (gold, pred map[string]string) {
	in := make([]Doc, len(docs))
	gold = make(map[string]string, len(docs))
	for i, d := range docs {
		in[i] = Doc{ID: d.ID, Title: d.Title, Text: d.Text, Source: d.Source, Date: d.Date}
		gold[d.ID] = d.Story
	}
	pred = make(map[string]string, len(docs))
	for _, a := range Cluster(in, opt) {
		pred[a.ID] = a.Thread
	}
	return gold, pred
}
