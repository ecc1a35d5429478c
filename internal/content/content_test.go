package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/digest-news/digest/internal/news"
)

func sample() *news.Article {
	return &news.Article{
		ID: "a12b4518201f", Title: "Kim offers Russia: full support", Source: "",
		Date: time.Date(2025, 7, 12, 9, 30, 0, 0, time.UTC), DateSource: news.DateFromText,
		Dateline: "Moscow/Pyongyang", Agency: "UNI", Language: "en", Thread: "t1",
		Tags: []string{"Kim Jong Un", "Wonsan"}, Related: []news.Related{{Source: "CNN", Title: "Other story"}},
		Body: "First paragraph.\n\n## Invincible alliance\n\nSecond.\n",
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	a := sample()
	b, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: 'Kim offers Russia: full support'\n", "date: \"2025-07-12T09:30:00Z\"\n", "source: \"\"\n", "thread: t1\n", "checksum: "} {
		if !strings.Contains(string(b), want) {
			t.Errorf("front matter lacks %q:\n%s", want, b)
		}
	}
	got, err := Unmarshal("articles/x.md", b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Edited {
		t.Error("a file the tool wrote reads as edited")
	}
	if got.Title != a.Title || !got.Date.Equal(a.Date) || got.Body != a.Body || got.Agency != "UNI" || len(got.Related) != 1 || got.Tags[1] != "Wonsan" {
		t.Errorf("round trip lost data: %+v", got)
	}
	edited := strings.Replace(string(b), "Second.", "Second, edited.", 1)
	got, err = Unmarshal("articles/x.md", []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Edited {
		t.Error("an edited file does not read as edited")
	}
}

func TestUnmarshalErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"no front matter", "Just text\n", 1, "no front matter"},
		{"never closes", "---\ntitle: x\nid: y\n", 1, "never closes"},
		{"wrong type", "---\nid: a\ntitle: x\ntags: 5\n---\n", 4, "cannot unmarshal"},
		{"unknown field", "---\nid: a\ntitle: x\ncolour: red\n---\n", 4, "colour"},
		{"bad date", "---\nid: a\ntitle: x\ndate: last tuesday\n---\n", 4, "not a date"},
		{"no title", "---\nid: a\n---\nbody\n", 1, "title is missing"},
		{"no id", "---\ntitle: x\n---\n", 1, "id is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Unmarshal("articles/bad.md", []byte(tt.in))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if ce.Line != tt.line || !strings.Contains(ce.Msg, tt.msg) || ce.Path != "articles/bad.md" {
				t.Errorf("err = %q (line %d), want line %d containing %q", ce, ce.Line, tt.line, tt.msg)
			}
		})
	}
}

func TestDateOnlyAccepted(t *testing.T) {
	a, err := Unmarshal("a.md", []byte("---\nid: a\ntitle: x\ndate: 2025-07-12\n---\n"))
	if err != nil || a.Date.Format(time.DateOnly) != "2025-07-12" {
		t.Fatalf("got %v, %v", a, err)
	}
}

func TestLoadReportsAllErrors(t *testing.T) {
	good, _ := Marshal(sample())
	fsys := fstest.MapFS{
		"articles/good.md":  {Data: good},
		"articles/bad1.md":  {Data: []byte("nope")},
		"articles/bad2.md":  {Data: []byte("---\nid: b\n---\n")},
		"articles/dup.md":   {Data: good},
		"articles/note.txt": {Data: []byte("ignored")},
		"threads/t1.md":     {Data: []byte("---\nheadline: Lavrov in Pyongyang\npinned: true\n---\nEditor's note.\n")},
		"threads/t2.md":     {Data: []byte("---\npinned: maybe\n---\n")},
	}
	c, errs := Load(fsys)
	if len(c.Articles) != 1 || c.Articles[0].File != "articles/dup.md" && c.Articles[0].File != "articles/good.md" {
		t.Errorf("articles = %v", c.Articles)
	}
	if len(errs) != 4 {
		t.Errorf("got %d errors, want 4 (bad1, bad2, duplicate id, t2): %v", len(errs), errs)
	}
	if th := c.Threads["t1"]; th == nil || th.Headline != "Lavrov in Pyongyang" || !th.Pinned || !strings.Contains(th.Body, "Editor's note") {
		t.Errorf("thread file = %+v", th)
	}
}

func TestWriteArticleGuardsEdits(t *testing.T) {
	dir := t.TempDir()
	a := sample()
	if o, err := WriteArticle(dir, a); err != nil || o != Created {
		t.Fatalf("first write: %v %v", o, err)
	}
	if !strings.HasPrefix(a.File, "articles/kim-offers-russia-full-support-") {
		t.Errorf("path = %q", a.File)
	}
	if o, err := WriteArticle(dir, a); err != nil || o != Unchanged {
		t.Fatalf("second write: %v %v", o, err)
	}
	a.Summary = "new summary"
	if o, err := WriteArticle(dir, a); err != nil || o != Updated {
		t.Fatalf("update: %v %v", o, err)
	}
	full := filepath.Join(dir, a.File)
	b, _ := os.ReadFile(full)
	hand := strings.Replace(string(b), "Second.", "Second, as the editor wants it.", 1)
	os.WriteFile(full, []byte(hand), 0o644)
	a.Summary = "the tool's newer summary"
	if o, err := WriteArticle(dir, a); err != nil || o != Kept {
		t.Fatalf("write over edit: %v %v", o, err)
	}
	after, _ := os.ReadFile(full)
	if string(after) != hand {
		t.Error("an edited file was overwritten")
	}
	entries, _ := os.ReadDir(filepath.Dir(full))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteArticleRefusesEscape(t *testing.T) {
	for _, p := range []string{"../x.md", "/etc/x.md", `articles\..\..\x.md`} {
		a := sample()
		a.File = p
		if _, err := WriteArticle(t.TempDir(), a); err == nil {
			t.Errorf("WriteArticle accepted path %q", p)
		}
	}
}

func TestArticlePathDistinct(t *testing.T) {
	a := &news.Article{ID: "1", Title: "Été"}
	b := &news.Article{ID: "2", Title: "ete"}
	if ArticlePath(a) == ArticlePath(b) {
		t.Errorf("same path %q", ArticlePath(a))
	}
	c := &news.Article{ID: "ecbplus:1_10ecb", Title: "../../x"}
	if p := ArticlePath(c); p != "articles/x-"+Hash("ecbplus:1_10ecb")+".md" {
		t.Errorf("path = %q", p)
	}
}

// TestChecksumMatchesRegexp checks the hand-written scan against the
// regular expression that defines a checksum line.
func TestChecksumMatchesRegexp(t *testing.T) {
	cases := map[string]string{
		"plain":          "---\nid: a\nchecksum: 0123abcd\n---\n\nbody\n",
		"blank":          "---\nchecksum: \n---\n",
		"two lines":      "checksum: ab\nchecksum: cd\n",
		"not at start":   "x checksum: ab\n",
		"upper hex":      "checksum: AB\n",
		"no newline":     "checksum: ab",
		"in body":        "---\nid: a\n---\n\nchecksum: abc\n",
		"empty":          "",
		"prefix only":    "checksum:",
		"adjacent lines": "checksum: \nchecksum: 1\nchecksum: 2x\n",
		"after a miss":   "checksum: checksum: ab\nx",
		"miss then line": "checksum: x\nchecksum: ab\n",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			blank := checksumLine.ReplaceAll([]byte(in), []byte("checksum: \n"))
			h := sha256.Sum256(blank)
			if want, got := hex.EncodeToString(h[:16]), checksum([]byte(in)); got != want {
				t.Errorf("checksum(%q) = %s, want %s", in, got, want)
			}
		})
	}
}

func FuzzChecksum(f *testing.F) {
	for _, s := range []string{"checksum: ab\n", "x\nchecksum: \nchecksum: 1", "checksum: checksum: a\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h := sha256.Sum256(checksumLine.ReplaceAll([]byte(in), []byte("checksum: \n")))
		if want, got := hex.EncodeToString(h[:16]), checksum([]byte(in)); got != want {
			t.Errorf("checksum(%q) = %s, want %s", in, got, want)
		}
	})
}

func TestWriteArticleRefusesWhatLoadWould(t *testing.T) {
	a := sample()
	a.Body = strings.Repeat("A long paragraph of text. ", MaxFileSize/20)
	if _, err := WriteArticle(t.TempDir(), a); err == nil || !strings.Contains(err.Error(), "MiB") {
		t.Fatalf("err = %v, want a size error", err)
	}
}
