package clean

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/meta"
	"github.com/digest-news/digest/internal/news"
)

var update = flag.Bool("update", false, "rewrite the seeds' golden files")

// golden is what a seed's golden file holds: the recovered article in a
// form people can read and check.
type golden struct {
	Title   string         `json:"title"`
	Byline  string         `json:"byline,omitempty"`
	Blocks  []goldenBlock  `json:"blocks"`
	Trailer []string       `json:"trailer,omitempty"`
	Agency  string         `json:"agency,omitempty"`
	Related []news.Related `json:"related,omitempty"`
}

type goldenBlock struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

var kindNames = map[news.BlockKind]string{
	news.Paragraph: "p", news.Heading: "h", news.ListItem: "li", news.Quote: "q",
}

func toGolden(r Result) golden {
	g := golden{Title: r.Title, Byline: r.Byline, Trailer: r.Trailer, Related: r.Related,
		Agency: meta.AgencyFromTrailer(r.Trailer)}
	for _, b := range r.Blocks {
		g.Blocks = append(g.Blocks, goldenBlock{Kind: kindNames[b.Kind], Text: b.Text})
	}
	return g
}

// TestSeedsGolden checks the five real seeds against golden files that
// were read line by line: every paragraph kept verbatim and in order, the
// title once, the aggregator's furniture gone, the teasers in Related.
// Run with -update to rewrite them, then read them again.
func TestSeedsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/seeds/*.txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("want 5 seed files, got %d (%v)", len(files), err)
	}
	var dumps []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dumps = append(dumps, string(b))
	}
	for i, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(toGolden(Dump(dumps[i], Options{})), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from %s:\n%s", name, path, got)
			}
		})
	}
}
