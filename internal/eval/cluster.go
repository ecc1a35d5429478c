package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"time"
)

// LabelledDoc is one article of a threading data set with its gold story.
type LabelledDoc struct {
	ID     string
	Title  string
	Text   string
	Date   time.Time // zero when the record has no date
	Source string
	URL    string
	Story  string // the gold thread
}

// LoadThreads reads a threading data set: one JSON object a line with the
// fields id, title, text, date ("YYYY-MM-DDTHH:MM:SSZ" or ""), source, url
// and story. Blank lines are skipped; documents keep the file's order.
func LoadThreads(path string) ([]LabelledDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	var docs []LabelledDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		var r struct {
			ID, Title, Text, Date, Source, URL, Story string
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("eval: %s:%d: %w", path, line, err)
		}
		d := LabelledDoc{ID: r.ID, Title: r.Title, Text: r.Text, Source: r.Source, URL: r.URL, Story: r.Story}
		if r.Date != "" {
			t, err := time.Parse(time.RFC3339, r.Date)
			if err != nil {
				return nil, fmt.Errorf("eval: %s:%d: %w", path, line, err)
			}
			d.Date = t
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	return docs, nil
}

// BCubed scores a clustering against the gold one (Bagga & Baldwin): for
// every item d of gold, precision is the share of d's predicted cluster
// that shares d's gold cluster, recall the share of d's gold cluster that
// shares d's predicted cluster (d counts itself); P and R are means over
// items and F1 is their harmonic mean. An item missing from pred counts as
// a singleton.
func BCubed(gold, pred map[string]string) PRF {
	if len(gold) == 0 {
		return PRF{}
	}
	ids := sortedKeys(gold)
	predOf := func(id string) string {
		if p, ok := pred[id]; ok {
			return "p:" + p
		}
		return "s:" + id
	}
	goldSize := map[string]int{}
	predSize := map[string]int{}
	both := map[[2]string]int{}
	for _, id := range ids {
		g, p := gold[id], predOf(id)
		goldSize[g]++
		predSize[p]++
		both[[2]string{g, p}]++
	}
	var sp, sr float64
	for _, id := range ids {
		g, p := gold[id], predOf(id)
		n := float64(both[[2]string{g, p}])
		sp += n / float64(predSize[p])
		sr += n / float64(goldSize[g])
	}
	p := sp / float64(len(ids))
	r := sr / float64(len(ids))
	return PRF{P: p, R: r, F1: f1(p, r)}
}

// Pairwise scores a clustering over unordered pairs of items (as Miranda
// et al. 2018): TP counts pairs together in both, P = TP / pairs together in
// pred, R = TP / pairs together in gold. Items missing from pred are
// singletons; with no pairs on a side its score is 0.
func Pairwise(gold, pred map[string]string) PRF {
	ids := sortedKeys(gold)
	goldSize := map[string]int{}
	predSize := map[string]int{}
	both := map[[2]string]int{}
	for _, id := range ids {
		p, ok := pred[id]
		if !ok {
			p = "s:" + id
		} else {
			p = "p:" + p
		}
		goldSize[gold[id]]++
		predSize[p]++
		both[[2]string{gold[id], p}]++
	}
	pairs := func(m map[string]int) float64 {
		var s float64
		for _, n := range m {
			s += float64(n) * float64(n-1) / 2
		}
		return s
	}
	var tp float64
	for _, n := range both {
		tp += float64(n) * float64(n-1) / 2
	}
	gp, pp := pairs(goldSize), pairs(predSize)
	var p, r float64
	if pp > 0 {
		p = tp / pp
	}
	if gp > 0 {
		r = tp / gp
	}
	return PRF{P: p, R: r, F1: f1(p, r)}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
