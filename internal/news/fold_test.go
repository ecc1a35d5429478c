package news

import "testing"

func TestFoldName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"The Guardian", "guardian"},
		{"  the guardian ", "guardian"},
		{"GUARDIAN!", "guardian"},
		{"Le Mondé", "lemonde"},
		{"nytimes.com", "nytimescom"},
		{"NY Times", "nytimes"},
		{"Theater News", "theaternews"}, // "the" only as a word
		{"The", "the"},                  // a name that is only "the" keeps it
		{"Ｆｕｌｌ Width", "fullwidth"},
		{"東京新聞", "東京新聞"},
		{"--", ""},
	} {
		if got := FoldName(c.in); got != c.want {
			t.Errorf("FoldName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
