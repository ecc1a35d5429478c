package meta

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestCutSharedAffixes(t *testing.T) {
	// headline is the one the page alone gave ("" means its title).
	type page struct{ outlet, title, headline, want string }
	tests := []struct {
		name  string
		pages []page
	}{
		{"a site's name after the headline on three pages", []page{
			{"techcrunch.com", "Startup raises $40M to build robot kitchens – TechCrunch", "", "Startup raises $40M to build robot kitchens"},
			{"techcrunch.com", "Apple opens its first store in India – TechCrunch", "", "Apple opens its first store in India"},
			{"techcrunch.com", "The best gadgets of the year, reviewed – TechCrunch", "", "The best gadgets of the year, reviewed"},
		}},
		{"a site's name and its sections before the headline", []page{
			{"autoracing.example", "Autoracing | F1 | Hamilton wins in Monaco again", "", "Hamilton wins in Monaco again"},
			{"autoracing.example", "Autoracing | F1 | Verstappen fined after the sprint race", "F1 | Verstappen fined after the sprint race", "Verstappen fined after the sprint race"},
			{"autoracing.example", "Autoracing | Indy | Palou takes pole at Indianapolis", "Indy | Palou takes pole at Indianapolis", "Palou takes pole at Indianapolis"},
			{"autoracing.example", "Autoracing | Indy | Rain delays the start at Road America", "", "Rain delays the start at Road America"},
		}},
		{"a headline the page already cut, or found elsewhere, is left alone", []page{
			{"x.example", "Polls open across the state | Politics | X News", "Polls open across the state", "Polls open across the state"},
			{"x.example", "Turnout is the highest | Politics | X News", "Turnout is the highest in decades", "Turnout is the highest in decades"},
			{"x.example", "The governor concedes the race | Politics | X News", "", "The governor concedes the race"},
		}},
		{"a tagline suffix, and a title without it left alone", []page{
			{"Kurier", "Flood waters recede in the valley · Kurier, die Zeitung", "", "Flood waters recede in the valley"},
			{"Kurier", "Council approves the new bridge · Kurier, die Zeitung", "", "Council approves the new bridge"},
			{"Kurier", "Schools reopen after the storm · Kurier, die Zeitung", "", "Schools reopen after the storm"},
			{"Kurier", "Mayor resigns over the budget dispute", "", "Mayor resigns over the budget dispute"},
		}},
		{"two pages are not enough", []page{
			{"inexhibit.com", "Milan Design Week 2018 | Anastassiades' light installation for FLOS", "", "Milan Design Week 2018 | Anastassiades' light installation for FLOS"},
			{"inexhibit.com", "Milan Design Week 2018 | A garden of mirrors in Brera", "", "Milan Design Week 2018 | A garden of mirrors in Brera"},
		}},
		{"a topic label on a few of an outlet's pages is not its name", []page{
			{"news.example", "Election 2024 | Polls open across the state | News", "Election 2024 | Polls open across the state", "Election 2024 | Polls open across the state"},
			{"news.example", "Election 2024 | Turnout is the highest in decades | News", "Election 2024 | Turnout is the highest in decades", "Election 2024 | Turnout is the highest in decades"},
			{"news.example", "Election 2024 | The governor concedes the race | News", "Election 2024 | The governor concedes the race", "Election 2024 | The governor concedes the race"},
			{"news.example", "Thousands flee the hills above the city | News", "Thousands flee the hills above the city", "Thousands flee the hills above the city"},
			{"news.example", "Schools get more money next year | News", "Schools get more money next year", "Schools get more money next year"},
			{"news.example", "The home team wins the cup final | News", "The home team wins the cup final", "The home team wins the cup final"},
			{"news.example", "A warm week ahead for the coast | News", "A warm week ahead for the coast", "A warm week ahead for the coast"},
		}},
		{"a colon label is the headline's own", []page{
			{"apnews.com", "The Latest: Storm makes landfall near the border", "", "The Latest: Storm makes landfall near the border"},
			{"apnews.com", "The Latest: Thousands without power after the storm", "", "The Latest: Thousands without power after the storm"},
			{"apnews.com", "The Latest: Governor declares a state of emergency", "", "The Latest: Governor declares a state of emergency"},
		}},
		{"the same affix on different outlets is not shared", []page{
			{"a.example", "Storm makes landfall near the border | Live", "", "Storm makes landfall near the border | Live"},
			{"b.example", "Thousands without power after the storm | Live", "", "Thousands without power after the storm | Live"},
			{"c.example", "Governor declares a state of emergency | Live", "", "Governor declares a state of emergency | Live"},
		}},
		{"an unknown outlet is never grouped", []page{
			{"", "Storm makes landfall near the border | Live", "", "Storm makes landfall near the border | Live"},
			{"", "Thousands without power after the storm | Live", "", "Thousands without power after the storm | Live"},
			{"", "Governor declares a state of emergency | Live", "", "Governor declares a state of emergency | Live"},
		}},
		{"one page repeated counts once", []page{
			{"x.example", "Storm makes landfall near the border | X News", "", "Storm makes landfall near the border | X News"},
			{"x.example", "Storm makes landfall near the border | X News", "", "Storm makes landfall near the border | X News"},
			{"x.example", "Storm makes landfall near the border | X News", "", "Storm makes landfall near the border | X News"},
		}},
		{"a headline keeps three words", []page{
			{"x.example", "Results | Ohio | X News", "", "Results | Ohio | X News"},
			{"x.example", "Polls open across the state | X News", "", "Polls open across the state"},
			{"x.example", "Turnout is the highest in decades | X News", "", "Turnout is the highest in decades"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := make([]Titled, len(tt.pages))
			for i, p := range tt.pages {
				in[i] = Titled{Outlet: p.outlet, Title: p.title, Headline: p.headline}
			}
			got := CutSharedAffixes(in)
			for i, p := range tt.pages {
				if got[i] != p.want {
					t.Errorf("%q → %q, want %q", p.title, got[i], p.want)
				}
			}
		})
	}
}

// TestCutSharedAffixesIgnoresOrder: every order of the same pages cuts
// the same headlines.
func TestCutSharedAffixesIgnoresOrder(t *testing.T) {
	pages := []Titled{
		{Outlet: "autoracing.example", Title: "Autoracing | F1 | Hamilton wins in Monaco again"},
		{Outlet: "autoracing.example", Title: "Autoracing | F1 | Verstappen fined after the sprint race"},
		{Outlet: "autoracing.example", Title: "Autoracing | Indy | Palou takes pole at Indianapolis"},
		{Outlet: "autoracing.example", Title: "Autoracing | Indy | Rain delays the start at Road America"},
		{Outlet: "autoracing.example", Title: "Autoracing | Rally | Snow stage cancelled in Sweden"},
		{Outlet: "techcrunch.com", Title: "Startup raises $40M to build robot kitchens – TechCrunch"},
		{Outlet: "techcrunch.com", Title: "Apple opens its first store in India – TechCrunch"},
		{Outlet: "techcrunch.com", Title: "The best gadgets of the year, reviewed – TechCrunch"},
		{Outlet: "techcrunch.com", Title: "Apple opens its first store in India – TechCrunch"},
	}
	want := map[string]string{}
	for i, h := range CutSharedAffixes(pages) {
		want[pages[i].Title] = h
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		p := slices.Clone(pages)
		r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
		for i, h := range CutSharedAffixes(p) {
			if want[p[i].Title] != h {
				t.Fatalf("%q → %q in one order, %q in another", p[i].Title, want[p[i].Title], h)
			}
		}
	}
	if want["Autoracing | Rally | Snow stage cancelled in Sweden"] != "Rally | Snow stage cancelled in Sweden" {
		t.Errorf("a section on one page only: %q", want["Autoracing | Rally | Snow stage cancelled in Sweden"])
	}
}

func FuzzCutSharedAffixes(f *testing.F) {
	f.Add("x.example", "Autoracing | F1 | Hamilton wins in Monaco again", "F1 | Hamilton wins", "Autoracing | F1 | Verstappen fined", "Autoracing | Indy | Palou takes pole")
	f.Add("", "a – b", "a", "c – b", "d – b")
	f.Fuzz(func(t *testing.T, outlet, a, h, b, c string) {
		in := []Titled{{outlet, a, h}, {outlet, b, ""}, {outlet, c, ""}}
		for i, got := range CutSharedAffixes(in) {
			was := in[i].Headline
			if was == "" {
				was = in[i].Title
			}
			if got != was && !strings.Contains(was, got) {
				t.Fatalf("%q → %q is not a piece of it", was, got)
			}
		}
	})
}
