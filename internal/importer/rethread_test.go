package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/thread"
)

var (
	storyRiver = []string{
		"Negotiators from Ardenia and Belmora resumed talks in Geneva on Tuesday over sharing the waters of the Varna river, after a pause of eight months.",
		"The Varna treaty of 1962 expired last year, and both governments have since accused each other of draining the reservoirs upstream of the Kessel dam.",
		"Ardenian envoy Mila Strand said a draft annex on seasonal quotas was close to agreement, while Belmoran officials were more cautious.",
	}
	storyFestival = []string{
		"Thousands of visitors arrived in Oakridge on Saturday for the opening of the forty-first Harvest Lantern festival, which runs until Sunday week.",
		"Organiser Paul Jensen said bakers, brewers and cider makers from twelve counties had booked stalls, a record for the event.",
		"A parade of decorated tractors closes the festival, and the town's lantern walk along the canal returns after two years of repairs.",
	}
)

func TestRethreadKeepsEditorsChoices(t *testing.T) {
	raw := t.TempDir()
	out := t.TempDir()
	write(t, raw, "a.txt", []byte(dump("River treaty talks resume in Geneva", storyRiver)))
	write(t, raw, "b.txt", []byte(dump("Harvest Lantern festival opens in Oakridge", storyFestival)))
	run(t, out, raw)
	arts := load(t, out)
	if len(arts) != 2 || arts[0].Thread == arts[1].Thread {
		t.Fatalf("two unrelated stories: %d articles, threads %v", len(arts), []string{arts[0].Thread, arts[1].Thread})
	}
	river, festival := arts[0], arts[1]
	if !strings.Contains(river.Title, "River") {
		river, festival = festival, river
	}

	// An editor moves the festival article into the river story by hand.
	pf := filepath.Join(out, festival.File)
	b, _ := os.ReadFile(pf)
	edited := strings.Replace(string(b), "thread: "+festival.Thread, "thread: "+river.Thread, 1)
	if edited == string(b) {
		t.Fatal("could not edit the thread line")
	}
	os.WriteFile(pf, []byte(edited), 0o644)
	// The tool's own file carries a stale thread (as after a change of
	// threading settings); rethread must restore it.
	river.Thread = "stale-thread"
	if _, err := content.WriteArticle(out, river); err != nil {
		t.Fatal(err)
	}

	res, err := Rethread(context.Background(), out, thread.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 2 || res.Kept != 1 || res.Moved != 1 {
		t.Errorf("result %+v, want 2 articles, 1 kept, 1 moved", res)
	}
	if after, _ := os.ReadFile(pf); string(after) != edited {
		t.Error("rethread rewrote a hand-edited article")
	}
	for _, a := range load(t, out) {
		if a.Thread == "stale-thread" {
			t.Errorf("%s kept its stale thread", a.File)
		}
	}
	// A second run changes nothing.
	if res, err := Rethread(context.Background(), out, thread.Options{}); err != nil || res.Moved != 0 {
		t.Errorf("second rethread: %+v %v", res, err)
	}
}
