package thread

import (
	"slices"
	"strings"
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

// TestHeadlineNotTakenByNewcomer: a report titled with its site's name
// does not become the story's headline, even with a typical body.
func TestHeadlineNotTakenByNewcomer(t *testing.T) {
	body := "The Food and Drug Administration approved the first vaccine on Friday after a panel of experts voted in favour, clearing the way for shots to begin within days across the country."
	docs := []Doc{
		{ID: "a", Source: "One", Title: "FDA approves first vaccine after expert panel vote", Text: body + " Officials said."},
		{ID: "b", Source: "Two", Title: "First vaccine approved by FDA, shots to begin within days", Text: "Officials said. " + body},
		{ID: "c", Source: "Three", Title: "FDA clears first vaccine as expert panel backs it", Text: body},
		{ID: "d", Source: "Daily8", Title: "Daily8 News | Latest headlines"},
	}
	// The aggregator's page repeats the others' headlines: its article is
	// the closest to the story's centroid.
	docs[3].Text = docs[0].Title + ". " + docs[1].Title + ". " + docs[2].Title + ". " + body
	if m := Describe(docs); m.Headline == docs[3].Title {
		t.Errorf("headline %q: the newcomer's site name took over the story", m.Headline)
	}
}

// TestSummaryWholeSentences: the summary is made of whole sentences, each
// ending as one, from different articles.
func TestSummaryWholeSentences(t *testing.T) {
	docs := []Doc{
		{ID: "a", Source: "One", Text: "Regulators approved the first vaccine against the virus on Friday evening\nThe Food and Drug Administration approved the first vaccine against the virus on Friday, officials said. Shots will begin within days in every state."},
		{ID: "b", Source: "Two", Text: "The first vaccine against the virus was approved by the Food and Drug Administration on Friday. Hospitals are preparing to give the first shots next week."},
	}
	m := Describe(docs)
	t.Logf("summary %q", m.Summary)
	if strings.Contains(m.Summary, "Friday evening The") || strings.Contains(m.Summary, "evening\n") {
		t.Errorf("summary glues a line without a stop to the next sentence: %q", m.Summary)
	}
	if !strings.Contains(m.Summary, "officials said.") && !strings.Contains(m.Summary, "Hospitals are preparing") {
		t.Errorf("summary %q draws on one article only", m.Summary)
	}
}
