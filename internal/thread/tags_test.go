package thread

import (
	"slices"
	"testing"
)

// TestTagsAreEntities: multi-word names whole, no month or rank
// abbreviations, variants merged.
func TestTagsAreEntities(t *testing.T) {
	docs := []Doc{
		{ID: "a", Source: "One", Title: "Food and Drug Administration approves the vaccine", Text: "On Dec. 11 the Food and Drug Administration approved the vaccine, said Sen. Mitch McConnell. The Centers for Disease Control and Prevention will advise states. Republicans welcomed it. Donald Trump praised the agency."},
		{ID: "b", Source: "Two", Title: "Vaccine approved by the Food and Drug Administration", Text: "In Washington on Dec. 11, the Food and Drug Administration gave its approval. Mitch McConnell spoke. The Centers for Disease Control and Prevention met. The GOP cheered. Trump said it was a great day."},
		{ID: "c", Source: "Three", Title: "Regulators clear a vaccine", Text: "Regulators at the Food and Drug Administration cleared it on Dec. 11, as the Republican leader Mitch McConnell said. Donald Trump spoke later."},
	}
	m := Describe(docs)
	t.Logf("tags %q", m.Tags)
	for _, want := range []string{"Food and Drug Administration", "Centers for Disease Control and Prevention", "Mitch McConnell", "Donald Trump"} {
		if !slices.Contains(m.Tags, want) {
			t.Errorf("tags %q lack %q", m.Tags, want)
		}
	}
	for _, bad := range []string{"Dec", "Sen", "Trump", "Drug Administration", "Republicans", "GOP"} {
		if slices.Contains(m.Tags, bad) {
			t.Errorf("tags %q hold %q", m.Tags, bad)
		}
	}
}
