package eval

import "testing"

// The unchanged dumps are the benchmark's floor: the data README gives F1
// 0.665 on all 181 pages, and the dev pages score about 0.70.
func TestDumpsUnchangedBaseline(t *testing.T) {
	pages, err := LoadExtraction("../../testdata/extraction/dev")
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 61 {
		t.Fatalf("loaded %d pages, want 61", len(pages))
	}
	got, _ := ScorePages(pages, func(p Page) (string, error) { return p.Dump, nil })
	t.Logf("dumps unchanged: P %.3f R %.3f F1 %.3f", got.P, got.R, got.F1)
	if got.F1 < 0.68 || got.F1 > 0.72 || got.R < 0.97 {
		t.Errorf("unchanged dumps score %+v; the data README puts F1 near 0.70 and recall near 0.99", got)
	}
	if _, err := pages[0].HTML(); err != nil {
		t.Error(err)
	}
}
