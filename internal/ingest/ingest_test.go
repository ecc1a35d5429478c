package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

func utf16(t testing.TB, s string, e xunicode.Endianness, bom xunicode.BOMPolicy) []byte {
	t.Helper()
	b, err := xunicode.UTF16(e, bom).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	text := "Café — “Pyongyang”\nLine two"
	cp1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	tests := []struct {
		name string
		in   []byte
		want string
		err  string
	}{
		{"utf-8", []byte(text), text, ""},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, ""},
		{"utf-16le bom", utf16(t, text, xunicode.LittleEndian, xunicode.UseBOM), text, ""},
		{"utf-16be bom", utf16(t, text, xunicode.BigEndian, xunicode.UseBOM), text, ""},
		{"utf-16le no bom", utf16(t, text, xunicode.LittleEndian, xunicode.IgnoreBOM), text, ""},
		{"windows-1252", cp1252, text, ""},
		{"latin-1", []byte("na\xefve r\xe9sum\xe9"), "naïve résumé", ""},
		{"crlf", []byte("a\r\nb\rc"), "a\nb\nc", ""},
		{"controls", []byte("Kim met Lavrov\x00 in Wonsan\x07 on Saturday, c\u200bd\u00ade\tf"), "Kim met Lavrov in Wonsan on Saturday, cde\tf", ""},
		{"nfc", []byte("Cafe\u0301"), "Café", ""},
		{"nbsp", []byte("a\u00a0b"), "a b", ""},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66\x00\x00\x00\x00"), "", "binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Decode err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Decode = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestParseRecords(t *testing.T) {
	jsonl := `{"id":"r1","title":"One","text":"Body one.","published":"2025-07-12T09:30:00Z"}
not json
{"title":"No body"}

{"title":"Two","html":"<p>Body two</p>","source":"AFP"}
{"title":"Bad date","text":"x","published":"yesterday"}
{"title":5,"text":"x"}
`
	recs, errs := ParseRecords("in.jsonl", jsonl)
	// A headline without a body is a headline-only item.
	if len(recs) != 3 || recs[0].ID != "r1" || recs[0].Line != 1 || recs[1].Line != 3 || recs[1].Title != "No body" || recs[2].Line != 5 || recs[2].Source != "AFP" {
		t.Fatalf("records = %+v", recs)
	}
	if !recs[0].Date.Equal(time.Date(2025, 7, 12, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("date = %v", recs[0].Date)
	}
	wantLines := []int{2, 6, 7}
	if len(errs) != len(wantLines) {
		t.Fatalf("errors = %v", errs)
	}
	for i, err := range errs {
		var ie *Error
		if !errors.As(err, &ie) || ie.Line != wantLines[i] || ie.Path != "in.jsonl" {
			t.Errorf("error %d = %v, want line %d", i, err, wantLines[i])
		}
	}
	if !strings.Contains(errs[2].Error(), `field "title"`) {
		t.Errorf("type error not explained: %v", errs[2])
	}
}

func TestParseRecordsArray(t *testing.T) {
	arr := "[\n  {\"title\":\"One\",\"text\":\"a\"},\n  {\"title\":\"\",\"text\":\" \"},\n  {\"title\":\"Three\",\"text\":\"c\"}\n]"
	recs, errs := ParseRecords("in.json", arr)
	if len(recs) != 2 || recs[0].Line != 2 || recs[1].Line != 4 {
		t.Fatalf("records = %+v", recs)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "in.json:3:") {
		t.Fatalf("errors = %v", errs)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", "x")
	write("a/page.html", "<p>x</p>")
	write("a/recs.jsonl", "{}")
	write("a/.hidden.txt", "x")
	write("notes.md", "x")
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("secret"), 0o644)
	linked := os.Symlink(outside, filepath.Join(dir, "link.txt")) == nil // not on Windows without the privilege
	files, errs := Files([]string{dir, filepath.Join(dir, "b.txt")})
	want := []string{filepath.Join(dir, "a/page.html"), filepath.Join(dir, "a/recs.jsonl"), filepath.Join(dir, "b.txt")}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("files = %v, want %v", files, want)
	}
	if linked && (len(errs) != 1 || !strings.Contains(errs[0].Error(), "symbolic link")) || !linked && len(errs) != 0 {
		t.Errorf("errs = %v", errs)
	}
	if _, errs := Files([]string{filepath.Join(dir, "notes.md"), filepath.Join(dir, "missing")}); len(errs) != 2 {
		t.Errorf("errs = %v", errs)
	}
}

func TestReadFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, []byte(strings.Repeat("word ", 1000)), 0o644)
	if _, errs := ReadFile(big, Options{MaxFileSize: 1024}); len(errs) != 1 || !strings.Contains(errs[0].Error(), "larger than the limit") {
		t.Errorf("errs = %v", errs)
	}
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte(" \n"), 0o644)
	if _, errs := ReadFile(empty, Options{}); len(errs) != 1 || !strings.Contains(errs[0].Error(), "empty") {
		t.Errorf("errs = %v", errs)
	}
}

func FuzzParseRecords(f *testing.F) {
	f.Add(`{"title":"One","text":"a"}` + "\n" + `{"title":"Two","html":"<b>x</b>"}`)
	f.Add(`[{"title":"One","text":"a"}, 3, {"title":"x"}]`)
	f.Add("[\n{\"title\":\"\\u0000\",\"text\":\"\\ud800\"}")
	f.Fuzz(func(t *testing.T, s string) {
		recs, _ := ParseRecords("f.jsonl", s)
		for _, r := range recs {
			// A record needs a headline or a body (headline-only items and
			// untitled articles are both news).
			if (r.Title == "" && strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.HTML) == "") || r.Line < 1 {
				t.Fatalf("accepted a bad record %+v", r)
			}
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("plain"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Add([]byte("caf\xe9"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Decode(b)
		if err != nil {
			return
		}
		for _, r := range s {
			if r < 0x20 && r != '\n' && r != '\t' {
				t.Fatalf("control %U survived", r)
			}
		}
	})
}

// FuzzNormalizeShortcut checks that the text Normalize leaves uncleaned
// is text cleaning would not change.
func FuzzNormalizeShortcut(f *testing.F) {
	for _, s := range []string{"plain", "Café — “Pyongyang”\nLine two", "a\r\nb", "x\u00a0y", "c\u200bd\u00ade", "e\u200df", "Cafe\u0301", "bad \xff byte", "\ufffd", "tab\there\x7f", "\u0085next"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !needsCleaning(s) && cleanText(s) != s {
			t.Fatalf("needsCleaning(%q) = false, but cleaning makes %q", s, cleanText(s))
		}
		if got, want := Normalize(s), norm.NFC.String(cleanText(s)); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	})
}
