package clean

import (
	"testing"

	"github.com/digest-news/digest/internal/eval"
)

// devTarget is the shingle F1 the cleaner must reach on the dev pages.
const devTarget = 0.92

func loadDev(tb testing.TB) []eval.Page {
	tb.Helper()
	pages, err := eval.LoadExtraction("../../testdata/extraction/dev")
	if err != nil {
		tb.Fatal(err)
	}
	if len(pages) != 61 {
		tb.Fatalf("loaded %d dev pages, want 61", len(pages))
	}
	return pages
}

func TestDevDumpsF1(t *testing.T) {
	pages := loadDev(t)
	got, per := eval.ScorePages(pages, func(p eval.Page) (string, error) {
		return Dump(p.Dump, Options{}).Text(), nil
	})
	if testing.Verbose() {
		for i, r := range per {
			s := r.Score
			f := 0.0
			if p, rc := s.Precision(), s.Recall(); p+rc > 0 {
				f = 2 * p * rc / (p + rc)
			}
			t.Logf("%s P %.3f R %.3f F1 %.3f %s", r.ID[:8], s.Precision(), s.Recall(), f, pages[i].URL)
		}
	}
	t.Logf("dev dumps: P %.3f R %.3f F1 %.3f", got.P, got.R, got.F1)
	if got.F1 < devTarget {
		t.Errorf("dev F1 %.3f, want >= %.2f", got.F1, devTarget)
	}
}
