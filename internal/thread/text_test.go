package thread

import "testing"

// TestIsStopword: the shape filter answers as the stopword set does, for
// every stopword and for words of other shapes.
func TestIsStopword(t *testing.T) {
	words := []string{"", "a", "z", "the", "thee", "pipeline", "themselves", "themselvesx", "überall", "é", "0", "12", "Theirs", "according", "accordingly"}
	for w := range stopwords {
		words = append(words, w, w+"s", "x"+w)
	}
	for _, w := range words {
		if got, want := isStopword(w), stopwords[w]; got != want {
			t.Errorf("isStopword(%q) = %v, the set says %v", w, got, want)
		}
	}
}

func FuzzIsStopword(f *testing.F) {
	f.Add("the")
	f.Add("ourselves")
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := isStopword(w), stopwords[w]; got != want {
			t.Fatalf("isStopword(%q) = %v, the set says %v", w, got, want)
		}
	})
}
