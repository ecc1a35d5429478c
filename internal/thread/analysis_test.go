package thread

import (
	"hash/fnv"
	"reflect"
	"strings"
	"testing"
)

func TestHashStringIsFNV(t *testing.T) {
	for _, s := range []string{"", "a", "minister", "Ünïcödé", "\xff\x00x"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := hashString(s), h.Sum64(); got != want {
			t.Errorf("hashString(%q) = %x, hash/fnv %x", s, got, want)
		}
	}
}

// TestAnalysisRoundTrip encodes and decodes the analyses of real
// articles: the decoded one must be the same in every field.
func TestAnalysisRoundTrip(t *testing.T) {
	docs, _ := loadDocs(t, "newswcl50.jsonl")
	docs = append(docs, seeds(t)...)
	docs = append(docs, Doc{ID: "empty"}, Doc{ID: "odd", Title: "½ ⅓ 0.125 3.14159", Text: "Mr. Jamal Williams said 1,000.5 units. Williams said so."})
	vocab := NewVocabulary(nil)
	for _, d := range docs {
		an := Analyse(d, Options{})
		b, err := an.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Analysis
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		if !sameAnalysis(an.a, back.a) {
			t.Errorf("%s: decoded analysis differs:\n got %+v\nwant %+v", d.ID, back.a, an.a)
		}
		var shared Analysis
		if err := shared.UnmarshalShared(b); err != nil || !sameAnalysis(an.a, shared.a) {
			t.Errorf("%s: UnmarshalShared: %v, or the analysis differs", d.ID, err)
		}
		// Through a vocabulary, and one made again from its terms as a
		// cache would keep them.
		vb := vocab.Encode(an)
		again := NewVocabulary(append([]string(nil), vocab.Terms()...))
		for _, v := range []*Vocabulary{vocab, again} {
			if got, err := v.Decode(vb); err != nil || !sameAnalysis(an.a, got.a) {
				t.Errorf("%s: Vocabulary.Decode: %v, or the analysis differs", d.ID, err)
			}
		}
		if len(an.a.terms) > 0 {
			if _, err := NewVocabulary(nil).Decode(vb); err == nil {
				t.Errorf("%s: decoded with an empty vocabulary", d.ID)
			}
		}
		// Every truncation is refused, never a panic.
		for n := 0; n < len(b); n += 1 + len(b)/50 {
			if err := new(Analysis).UnmarshalBinary(b[:n]); err == nil {
				t.Errorf("%s: a truncation to %d of %d bytes decoded", d.ID, n, len(b))
			}
		}
	}
}

// sameAnalysis compares analyses, taking nil and empty slices as equal.
func sameAnalysis(a, b *analysis) bool {
	norm := func(x *analysis) analysis {
		c := *x
		if len(c.shing) == 0 {
			c.shing = nil
		}
		if len(c.sents.words) == 0 {
			c.sents.words = nil
		}
		if len(c.sents.size) == 0 {
			c.sents.size = nil
		}
		if len(c.leadPeople) == 0 {
			c.leadPeople = nil
		}
		if len(c.terms) == 0 {
			c.terms, c.tf, c.named = nil, nil, nil
		}
		c.hash, c.vids, c.voc = nil, nil, nil
		return c
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func FuzzAnalysisDecode(f *testing.F) {
	for _, d := range seeds(f)[:2] {
		b, _ := Analyse(d, Options{}).MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{analysisFormat, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		var an Analysis
		if an.UnmarshalBinary(b) != nil {
			return
		}
		// What decodes encodes back to the same analysis.
		again, _ := an.MarshalBinary()
		var back Analysis
		if err := back.UnmarshalBinary(again); err != nil || !sameAnalysis(an.a, back.a) {
			t.Fatalf("re-encoding changed the analysis: %v", err)
		}
	})
}

// TestAnalysedEqualsAdd threads a set three ways: with Add; with
// AddAnalysed on analyses made apart (and through an encoding); and by
// restoring the first half to the threads Add gave them, then adding
// the rest. The second half must land alike every time.
func TestAnalysedEqualsAdd(t *testing.T) {
	docs, _ := loadDocs(t, "newswcl50.jsonl")
	docs = sortedForCluster(docs)
	opt := Options{}
	ref := New(opt)
	want := make([]Assignment, len(docs))
	for i, d := range docs {
		want[i] = ref.Add(d)
	}

	th := New(opt)
	for i, d := range docs {
		b, _ := Analyse(d, opt).MarshalBinary()
		var an Analysis
		if err := an.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if got := th.AddAnalysed(d, &an); got != want[i] {
			t.Errorf("AddAnalysed(%s) = %+v, Add gave %+v", d.ID, got, want[i])
		}
	}

	// The restored half and the rest go through a vocabulary, as the
	// importer's cache keeps them: the Threader then finds terms by number.
	enc := NewVocabulary(nil)
	encoded := make([][]byte, len(docs))
	for i, d := range docs {
		encoded[i] = enc.Encode(Analyse(d, opt))
	}
	dec := NewVocabulary(append([]string(nil), enc.Terms()...))
	decode := func(i int) *Analysis {
		an, err := dec.Decode(encoded[i])
		if err != nil {
			t.Fatal(err)
		}
		return an
	}
	half := len(docs) / 2
	re := New(opt)
	for i, d := range docs[:half] {
		d.Thread = want[i].Thread
		d.Text = "" // Restore reads the analysis only
		if got := re.Restore(d, decode(i)); got.Thread != want[i].Thread {
			t.Errorf("Restore(%s) joined %s, want %s", d.ID, got.Thread, want[i].Thread)
		}
	}
	for i, d := range docs[half:] {
		an := decode(half + i)
		if i%2 == 1 {
			an = Analyse(d, opt) // a fresh analysis among decoded ones
		}
		got := re.AddAnalysed(d, an)
		w := want[half+i]
		// Restored articles are not copies of anything; an article may
		// still be found a copy of one of them.
		if got.Thread != w.Thread || got.CopyOf != w.CopyOf || got.New != w.New {
			t.Errorf("after Restore, %s = %+v; Add gave %+v", d.ID, got, w)
		}
	}
}

func BenchmarkAnalyse(b *testing.B) {
	docs, _ := loadDocs(b, "newswcl50.jsonl")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Analyse(docs[i%len(docs)], Options{})
	}
}

func FuzzHasDigit(f *testing.F) {
	for _, s := range []string{"", "word", "4.6", "١٢٣", "x9", "\xff7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasDigit(s), strings.ContainsAny(s, "0123456789"); got != want {
			t.Fatalf("hasDigit(%q) = %v, strings.ContainsAny %v", s, got, want)
		}
	})
}
