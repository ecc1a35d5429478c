package clean

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

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
	// What recurs across the batch must not change any seed's answer.
	bp := LearnBoilerplate(dumps)
	if bp.Len() == 0 {
		t.Error("learnt no boilerplate from the seeds' shared aggregator lines")
	}
	for i, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			res := Dump(dumps[i], Options{})
			withBP := Dump(dumps[i], Options{Boilerplate: bp})
			if !reflect.DeepEqual(res, withBP) {
				t.Errorf("with the batch's boilerplate:\n%+v\nwithout:\n%+v", withBP, res)
			}
			got, err := json.MarshalIndent(toGolden(res), "", "  ")
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

// TestSeedMetadata checks what the import stage reads from the seeds'
// cleaned text: 004's dateline and 000's AFP sign-off.
func TestSeedMetadata(t *testing.T) {
	read := func(name string) Result {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("testdata/seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		return Dump(string(b), Options{})
	}
	r := read("004_3a01bd7f5785d111.txt")
	if len(r.Blocks) == 0 {
		t.Fatal("004: no blocks")
	}
	d, ok := meta.ParseDateline(r.Blocks[0].Text)
	want := meta.Dateline{Place: "Moscow/Pyongyang", Month: time.July, Day: 12, Agency: "UNI"}
	if !ok || d != want {
		t.Errorf("004 dateline = %+v, %v; want %+v", d, ok, want)
	}
	if !strings.HasPrefix(r.Blocks[0].Text, "Moscow/Pyongyang, July 12 (UNI) Russian") {
		t.Errorf("004 first paragraph not verbatim: %q", r.Blocks[0].Text)
	}
	// The article names no full date; the page around it does.
	page, err := os.ReadFile("testdata/seeds/004_3a01bd7f5785d111.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := meta.FindDate(string(page), d); !ok || !got.Equal(time.Date(2025, time.July, 12, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("004 date = %v, %v; want 2025-07-12", got, ok)
	}
	if got := meta.AgencyFromTrailer(read("000_a12b4518201fd76f.txt").Trailer); got != "AFP" {
		t.Errorf("000 agency = %q, want AFP", got)
	}
	if got := meta.Language(r.Text()); got != "en" {
		t.Errorf("004 language = %q, want en", got)
	}
}
