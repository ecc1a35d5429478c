package search

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestWords(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"case and punctuation", "Lavrov's visit, to Pyongyang!", []string{"lavrov", "s", "visit", "to", "pyongyang"}},
		{"NFKC", "ﬁnance Ｔｏｋｙｏ ①", []string{"finance", "tokyo", "1"}},
		{"hyphen and digits", "north-korea 2025", []string{"north", "korea", "2025"}},
		{"ideographs one by one", "東京で会議", []string{"東", "京", "で", "会", "議"}},
		{"markup is text", "<script>alert(1)</script>", []string{"script", "alert", "1", "script"}},
		{"overlong runs dropped", strings.Repeat("a", 41) + " ok", []string{"ok"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Words(c.text); !slices.Equal(got, c.want) {
				t.Errorf("Words(%q) = %q, want %q", c.text, got, c.want)
			}
		})
	}
}

func TestTerm(t *testing.T) {
	cases := []struct {
		word, lang string
		want       Term
	}{
		{"elections", "en", Term{"elections", "elect"}},
		{"election", "", Term{"election", "elect"}},
		{"škoda", "cs", Term{"skoda", "skoda"}},
		{"café", "en", Term{"cafe", "cafe"}},
		{"économiques", "fr", Term{"economiques", "econom"}},
		{"переговоры", "ru", Term{"переговоры", "переговор"}},
		{"straße", "de", Term{"straße", "straße"}},
		{"東", "en", Term{"東", "東"}},
	}
	a := NewAnalyzer()
	for _, c := range cases {
		t.Run(c.word, func(t *testing.T) {
			if got := a.Term(c.word, c.lang); got != c.want {
				t.Errorf("Term(%q, %q) = %+v, want %+v", c.word, c.lang, got, c.want)
			}
		})
	}
}

// corpus is a small fixed site, newest first.
var corpus = []Doc{
	{Path: "articles/a/", Title: "Lavrov meets Kim in Pyongyang", Outlet: "TASS", Language: "en", Text: "The Russian foreign minister arrived for talks. Elections were not discussed."},
	{Path: "articles/b/", Title: "Talks in Beijing", Outlet: "Reuters", Language: "en", Text: "Lavrov said the talks went well. Lavrov left on Tuesday."},
	{Path: "articles/c/", Title: "Harvest news", Outlet: "BBC News", Language: "en", Text: "The clove harvest on Pemba broke records; Škoda drivers cheered."},
	{Path: "articles/d/", Title: "Élection présidentielle", Outlet: "Le Monde", Language: "fr", Text: "Les électeurs votent dimanche."},
	{Path: "articles/e/", Title: "Quiet day", Outlet: "Reuters", Language: "en", Text: "Nothing happened. <img src=x onerror=alert(1)> was in the scraped text."},
}

// build writes the corpus as two segments, the first three documents
// (the newest) in the first.
func build(t testing.TB, docs []Doc) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	var refs []SegmentRef
	a := NewAnalyzer()
	for i, part := range [][]Doc{docs[:3], docs[3:]} {
		dir := []string{"new", "old"}[i]
		s := NewSegment(func(name string, data []byte) error {
			fsys[dir+"/"+name] = &fstest.MapFile{Data: bytes.Clone(data)}
			return nil
		})
		for _, d := range part {
			x, err := a.Analyze(d)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Add(x); err != nil {
				t.Fatal(err)
			}
		}
		info, err := s.Close()
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, SegmentRef{Dir: dir, Info: info})
	}
	m, err := Manifest(refs)
	if err != nil {
		t.Fatal(err)
	}
	fsys["manifest.json"] = &fstest.MapFile{Data: m}
	return fsys
}

func TestQuery(t *testing.T) {
	fsys := build(t, corpus)
	cases := []struct {
		name, q string
		want    []string // paths, in rank order
	}{
		{"title match ranks first", "lavrov", []string{"articles/a/", "articles/b/"}},
		{"all words required", "lavrov pyongyang", []string{"articles/a/"}},
		// The browser has no stemmer: a form no article has finds nothing.
		{"a form absent from the site", "elected", nil},
		{"stemmed: singular finds plural, title first", "election", []string{"articles/d/", "articles/a/"}},
		{"stemmed, not as a prefix", "elections talks", []string{"articles/a/"}},
		{"prefix on the last word", "pyong", []string{"articles/a/"}},
		{"no prefix on an earlier word", "pyong kim", nil},
		{"diacritics folded in the query", "ŠKODA", []string{"articles/c/"}},
		{"diacritics folded in the text", "skoda", []string{"articles/c/"}},
		{"older segment", "electeurs", []string{"articles/d/"}},
		{"outlet is indexed", "reuters", []string{"articles/b/", "articles/e/"}},
		{"one-letter last word is exact", "t", nil},
		{"nothing", "zanzibar", nil},
		{"empty", " ,. ", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits, err := Query(fsys, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Path)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Query(%q) = %q, want %q", c.q, got, c.want)
			}
		})
	}
}

// TestRecencyBreaksTies: the same text in two documents ranks the one
// added first (the newer) first, in a segment and across segments.
func TestRecencyBreaksTies(t *testing.T) {
	d := Doc{Title: "Same", Text: "identical words here", Language: "en"}
	docs := make([]Doc, 5)
	for i := range docs {
		docs[i] = d
		docs[i].Path = "articles/" + string(rune('a'+i)) + "/"
	}
	hits, err := Query(build(t, docs), "identical")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.Path)
	}
	if want := []string{"articles/a/", "articles/b/", "articles/c/", "articles/d/", "articles/e/"}; !slices.Equal(got, want) {
		t.Errorf("ties ranked %q, want %q", got, want)
	}
}

// TestDeterministic: the same documents give the same bytes.
func TestDeterministic(t *testing.T) {
	a, b := build(t, corpus), build(t, corpus)
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatal("different files")
	}
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestHostileText: scraped markup reaches the records as JSON-escaped
// text, never as markup (the browser sets it with textContent).
func TestHostileText(t *testing.T) {
	fsys := build(t, corpus)
	hits, err := Query(fsys, "onerror")
	if err != nil || len(hits) != 1 {
		t.Fatalf("Query(onerror) = %v, %v", hits, err)
	}
	raw, err := fs.ReadFile(fsys, "old/d/1.json")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(raw, "<>") {
		t.Errorf("record holds raw markup: %s", raw)
	}
	if !strings.Contains(string(raw), `\u003cimg src=x onerror=alert(1)\u003e`) {
		t.Errorf("record lost the text: %s", raw)
	}
}

// TestPostingsRoundTrip decodes a bucket by hand: delta-coded document
// numbers and 2×q+title weights.
func TestPostingsRoundTrip(t *testing.T) {
	docs := []Doc{
		{Path: "a", Title: "x", Text: "apple apple apple pear"},
		{Path: "b", Title: "y", Text: "pear"},
		{Path: "c", Title: "apple", Text: "pear"},
	}
	fsys := fstest.MapFS{}
	s := NewSegment(func(name string, data []byte) error {
		fsys[name] = &fstest.MapFile{Data: bytes.Clone(data)}
		return nil
	})
	a := NewAnalyzer()
	for _, d := range docs {
		x, _ := a.Analyze(d)
		if err := s.Add(x); err != nil {
			t.Fatal(err)
		}
	}
	info, err := s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if info != (Info{Docs: 3, Buckets: 1}) {
		t.Fatalf("info %+v", info)
	}
	var bk bucketFile
	raw, _ := fs.ReadFile(fsys, "t/0.json")
	if err := jsonUnmarshal(raw, &bk); err != nil {
		t.Fatal(err)
	}
	apple, pear := bk.T["appl"], bk.T["pear"]
	if len(apple) != 4 || apple[0] != 0 || apple[2] != 2 || apple[1]&1 != 0 || apple[3]&1 != 1 {
		t.Errorf("apple postings %v: want docs 0, +2, the second a title match", apple)
	}
	if len(pear) != 6 || pear[0] != 0 || pear[2] != 1 || pear[4] != 1 {
		t.Errorf("pear postings %v: want docs 0, +1, +1", pear)
	}
	// Three apples in five words weigh more than one in two.
	if apple[1]>>1 <= apple[3]>>1 {
		t.Errorf("tf part %d for three of five words, %d for one of two", apple[1]>>1, apple[3]>>1)
	}
	if got := bk.W["apple"]; !slices.Equal(got, []string{"appl"}) {
		t.Errorf("word apple → %q, want [appl]", got)
	}
}

var jsonUnmarshal = json.Unmarshal

// TestSharedStemCountsOnce: two query words standing for one stem
// ("talk talks") rank as the stem alone does, with the same idf.
func TestSharedStemCountsOnce(t *testing.T) {
	fsys := build(t, corpus)
	one, err := Query(fsys, "talk")
	if err != nil {
		t.Fatal(err)
	}
	two, err := Query(fsys, "talk talks")
	if err != nil {
		t.Fatal(err)
	}
	if len(one) == 0 || len(one) != len(two) {
		t.Fatalf("talk: %v; talk talks: %v", one, two)
	}
	for i := range one {
		if one[i].Path != two[i].Path || math.Abs(2*one[i].Score-two[i].Score) > 1e-9 {
			t.Errorf("result %d: %s %.4f alone, %s %.4f twice", i, one[i].Path, one[i].Score, two[i].Path, two[i].Score)
		}
	}
}
