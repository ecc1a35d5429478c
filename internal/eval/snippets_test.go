package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParsePythonAssignment(t *testing.T) {
	cases := []struct {
		name, src string
		want      any
	}{
		{"dict of lists", "# comment\nPAGES = {\n'a': {'file': 'x.html', 'with': ['one', \"two\"], 'without': [],},  # trailing\n}\n",
			map[string]any{"a": map[string]any{"file": "x.html", "with": []any{"one", "two"}, "without": []any{}}}},
		{"escapes", `X = ['it\'s', "say \"hi\"", 'a\nb', '\u00e9t\xe9', r'\d+', 'back\\slash', '\q']`,
			[]any{"it's", `say "hi"`, "a\nb", "été", `\d+`, `back\slash`, `\q`}},
		{"adjacent strings and triple quotes", "X = ('ab' \"cd\", '''e'f\ng''')",
			[]any{"abcd", "e'f\ng"}},
		{"other literals", "X = {'n': 1.5, 't': True, 'f': False, 'z': None, 'neg': -2}",
			map[string]any{"n": 1.5, "t": true, "f": false, "z": nil, "neg": -2.0}},
		{"utf-8 text", "X = ['Fernwärme § 315']", []any{"Fernwärme § 315"}},
		{"octal escapes", `X = ['a\0b', '\101\1012', '\7']`, []any{"a\x00b", "AA2", "\a"}},
		{"windows line ends", "X = {\r\n'a': 'b\\\r\nc', # note\r\n'd': '''e\r\nf'''\r\n}\r\n", map[string]any{"a": "bc", "d": "e\nf"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parsePythonAssignment(c.src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %#v, want %#v", got, c.want)
			}
		})
	}
}

func TestParsePythonAssignmentErrors(t *testing.T) {
	for name, src := range map[string]string{
		"no name":         "{'a': 1}",
		"unterminated":    "X = ['abc]",
		"newline":         "X = ['ab\ncd']",
		"missing comma":   "X = ['a' 1]",
		"call":            "X = open('f')",
		"key not string":  "X = {1: 'a'}",
		"trailing text":   "X = [] Y",
		"bad escape":      `X = ['\u12']`,
		"deep":            "X = " + strings.Repeat("[", 100) + strings.Repeat("]", 100),
		"end of file":     "X = {'a':",
		"missing colon":   "X = {'a' 'b'}",
		"missing bracket": "X = {'a': 'b'",
	} {
		if v, err := parsePythonAssignment(src); err == nil {
			t.Errorf("%s: parsed %q as %#v, want an error", name, src, v)
		}
	}
}

func FuzzParsePythonAssignment(f *testing.F) {
	f.Add("X = {'a': {'file': 'b', 'with': ['c\\'d'], 'without': [\"e\"]}}")
	f.Add("X = ('a' 'b', '''c''', r'\\d', None, -1.5e3)")
	f.Add("tab\there, \x00 and \u2028, a quote \" and a backslash \\")
	f.Fuzz(func(t *testing.T, src string) {
		parsePythonAssignment(src) // must not panic or hang
		// The input as a string literal reads back as itself: Go's
		// quoting of valid UTF-8 (\a \b \f \n \r \t \v \\ \" \xHH \uHHHH
		// \UHHHHHHHH) is Python's too.
		if !utf8.ValidString(src) {
			return
		}
		lit := "X = [" + strconv.Quote(src) + "]"
		got, err := parsePythonAssignment(lit)
		if err != nil {
			t.Fatalf("%s: %v", lit, err)
		}
		if l, ok := got.([]any); !ok || len(l) != 1 || l[0] != src {
			t.Fatalf("%s read as %#v, want %q", lit, got, src)
		}
	})
}

// writeSuite lays out a two-page suite as trafilatura's tests folder does.
func writeSuite(t *testing.T, annotations, name string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"cache", "eval"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		name:             annotations,
		"cache/one.html": "<p>one</p>",
		"eval/two.html":  "<p>two</p>",
	}
	for p, s := range files {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadTrafilatura(t *testing.T) {
	py := `EVAL_PAGES = {
'https://b.example/': {'file': 'two.html', 'with': ['two'], 'without': ['Impressum']},
# 'https://c.example/': {'file': 'gone.html', 'with': [], 'without': []},
'https://a.example/': {'file': 'one.html', 'with': ['one', 'more'], 'without': ['menu', 'footer']},
'https://d.example/': {'file': '', 'with': [], 'without': []},
}
`
	js := `{"https://b.example/": {"file": "two.html", "with": ["two"], "without": ["Impressum"]},
"https://a.example/": {"file": "one.html", "with": ["one", "more"], "without": ["menu", "footer"]},
"https://d.example/": {"file": "", "with": [], "without": []}}`
	for _, c := range []struct {
		name, file, src string
		normalize       bool
	}{{"python", "evaldata.py", py, false}, {"json", "evaldata.json", js, true}} {
		t.Run(c.name, func(t *testing.T) {
			s, err := LoadTrafilatura(writeSuite(t, c.src, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if s.Normalize != c.normalize || len(s.Pages) != 2 {
				t.Fatalf("normalize %v, %d pages; want %v, 2", s.Normalize, len(s.Pages), c.normalize)
			}
			a, b := s.Pages[0], s.Pages[1]
			if a.URL != "https://a.example/" || a.File != "one.html" || !reflect.DeepEqual(a.With, []string{"one", "more"}) || !reflect.DeepEqual(a.Without, []string{"menu", "footer"}) {
				t.Errorf("first page %+v", a)
			}
			if h, err := b.HTML(); err != nil || string(h) != "<p>two</p>" {
				t.Errorf("second page's HTML %q, %v: want the file under eval/", h, err)
			}
		})
	}
	if _, err := LoadTrafilatura(writeSuite(t, `X = {'u': {'file': 'absent.html', 'with': ['a'], 'without': ['b']}}`, "evaldata.py")); err == nil {
		t.Error("a page whose file is missing loaded without error")
	}
	if _, err := LoadTrafilatura(t.TempDir()); err == nil {
		t.Error("a folder without annotations loaded without error")
	}
}

// TestLoadTrafilaturaFaults: annotations of the wrong type or naming a
// file outside the folder are errors, in both versions, and of several
// faults the same one is named every time (the first URL's).
func TestLoadTrafilaturaFaults(t *testing.T) {
	for name, c := range map[string]struct{ file, src, want string }{
		"py file not a string":  {"evaldata.py", `X = {'u': {'file': 3, 'with': [], 'without': []}}`, "file is not a string"},
		"py with not a list":    {"evaldata.py", `X = {'u': {'file': 'one.html', 'with': 'one', 'without': []}}`, "with is not a list"},
		"py without non-string": {"evaldata.py", `X = {'u': {'file': 'one.html', 'with': [], 'without': [None]}}`, "without holds a non-string"},
		"py outside":            {"evaldata.py", `X = {'u': {'file': '../one.html', 'with': [], 'without': []}}`, "not a file inside"},
		"json outside":          {"evaldata.json", `{"u": {"file": "/etc/passwd", "with": [], "without": []}}`, "not a file inside"},
		"json with not a list":  {"evaldata.json", `{"u": {"file": "one.html", "with": "one", "without": []}}`, "cannot unmarshal"},
	} {
		if _, err := LoadTrafilatura(writeSuite(t, c.src, c.file)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
		}
	}
	var py, js strings.Builder
	py.WriteString("X = {")
	js.WriteString("{")
	for i := range 20 {
		fmt.Fprintf(&py, "'https://%02d.example/': {'file': 'gone%02d.html', 'with': [], 'without': []},\n", i, i)
		if i > 0 {
			js.WriteString(",")
		}
		fmt.Fprintf(&js, `"https://%02d.example/": {"file": "gone%02d.html", "with": [], "without": []}`, i, i)
	}
	py.WriteString("}")
	js.WriteString("}")
	for _, c := range []struct{ file, src string }{{"evaldata.py", py.String()}, {"evaldata.json", js.String()}} {
		dir := writeSuite(t, c.src, c.file)
		for range 5 {
			if _, err := LoadTrafilatura(dir); err == nil || !strings.Contains(err.Error(), "gone00.html") {
				t.Fatalf("%s: error %v, want the first URL's missing page", c.file, err)
			}
		}
	}
}

func TestCountSnippets(t *testing.T) {
	p := SnippetPage{With: []string{"first line", "the  end.", "absent"}, Without: []string{"Menu", "Imprint"}}
	text := "first line\nmiddle\nthe end.\nImprint"
	if got, want := CountSnippets(p, text, false), (Confusion{TP: 1, FN: 2, FP: 1, TN: 1}); got != want {
		t.Errorf("as written: %+v, want %+v", got, want)
	}
	if got, want := CountSnippets(p, text, true), (Confusion{TP: 2, FN: 1, FP: 1, TN: 1}); got != want {
		t.Errorf("white space collapsed: %+v, want %+v", got, want)
	}
	c := Confusion{TP: 6, FP: 2, FN: 2, TN: 10}.Add(Confusion{TP: 2, FN: 2})
	prf := c.PRF()
	if prf.P != 0.8 || prf.R != 8.0/12 || prf.F1 != 16.0/22 {
		t.Errorf("%+v: %+v", c, prf)
	}
	if (Confusion{}).PRF() != (PRF{}) {
		t.Error("empty counts give non-zero scores")
	}
}
