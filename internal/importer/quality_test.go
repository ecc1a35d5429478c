package importer

import (
	"context"
	"testing"

	"github.com/digest-news/digest/internal/eval"
)

// TestQuality imports each labelled set as `digest import` does (records
// as written by eval.WriteRecords, default options) and scores the threads
// read back from the front matter. The floors are the figures measured
// with the shipped models and batch rule (docs/threading.md), guarding against
// regressions; the targets are logged beside them.
func TestQuality(t *testing.T) {
	tests := []struct {
		file          string
		floor, target float64
		long          bool
	}{
		{"ecbplus.jsonl", 0.865, 0.92, false},
		{"newswcl50.jsonl", 0.96, 0.98, false},
		{"allsides_neus_dev.jsonl", 0.70, 0.80, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if tt.long && testing.Short() {
				t.Skip("long run")
			}
			sc, err := eval.ImportThreads(context.Background(), "../../testdata/threads/"+tt.file, t.TempDir(), func(ctx context.Context, paths []string, contentDir, cacheDir string) (eval.ImportResult, error) {
				res, err := Run(ctx, paths, Options{ContentDir: contentDir, CacheDir: cacheDir})
				if err != nil {
					return eval.ImportResult{}, err
				}
				return eval.ImportResult{Failed: res.Summary.Failed, Errors: res.Errors, SameAs: res.Duplicates()}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			b, p := sc.BCubed, sc.Pairwise
			t.Logf("%s: %d articles, %d imported, %d duplicates; BCubed P %.3f R %.3f F1 %.3f (target %.2f), pairwise P %.3f R %.3f F1 %.3f", tt.file, sc.Articles, sc.Imported, sc.Duplicates, b.P, b.R, b.F1, tt.target, p.P, p.R, p.F1)
			if sc.Failed > 0 {
				t.Errorf("%d records refused: %v", sc.Failed, sc.Errors[0])
			}
			if b.F1 < tt.floor {
				t.Errorf("BCubed F1 %.3f below the measured floor %.2f", b.F1, tt.floor)
			}
		})
	}
}
