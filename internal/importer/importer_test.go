package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
)

// prose is article-like text: sentences of ordinary English that any
// cleaner keeps.
func prose(topic string, n int) []string {
	var ps []string
	for i := range n {
		ps = append(ps, fmt.Sprintf("The minister said on Tuesday that talks about %s would continue for a %s week, and that the government was ready to consider every proposal that the delegations put forward in the capital. Officials added that a final agreement could be signed before the end of the month if both sides kept to the timetable they had agreed.", topic, []string{"first", "second", "third", "fourth", "fifth", "sixth"}[i%6]))
	}
	return ps
}

func dump(title string, paras []string) string {
	return title + "\n" + strings.Join(paras, "\n") + "\n"
}

func write(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, contentDir string, paths ...string) *Result {
	t.Helper()
	res, err := Run(context.Background(), paths, Options{ContentDir: contentDir, MaxFileSize: 32 << 20, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func load(t testing.TB, dir string) []*news.Article {
	t.Helper()
	c, errs := content.Load(os.DirFS(dir))
	if len(errs) > 0 {
		t.Fatalf("content errors: %v", errs)
	}
	return c.Articles
}

func TestImportIdempotentAndGuardsEdits(t *testing.T) {
	raw := t.TempDir()
	out := t.TempDir()
	write(t, raw, "a.txt", []byte(dump("Talks on the river treaty resume", prose("the river treaty", 4))))
	write(t, raw, "b.txt", []byte(dump("Harvest festival opens in the valley", prose("the harvest festival", 4))))

	res := run(t, out, raw)
	if s := res.Summary; s.Imported != 2 || s.Failed != 0 {
		t.Fatalf("first import: %s %v", s, res.Errors)
	}
	res = run(t, out, raw)
	if s := res.Summary; s.Unchanged != 2 || s.Imported != 0 || s.Updated != 0 {
		t.Fatalf("second import: %s", s)
	}

	// An editor changes a file; the next import leaves it alone and says so.
	arts := load(t, out)
	p := filepath.Join(out, arts[0].File)
	b, _ := os.ReadFile(p)
	edited := strings.Replace(string(b), "title: ", "title: Edited — ", 1)
	os.WriteFile(p, []byte(edited), 0o644)
	res = run(t, out, raw)
	if s := res.Summary; s.Skipped != 1 || s.Unchanged != 1 {
		t.Fatalf("import after edit: %s", s)
	}
	if after, _ := os.ReadFile(p); string(after) != edited {
		t.Error("a hand-edited file was overwritten")
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Msg, "edited by hand") {
		t.Errorf("notices = %v", res.Notices)
	}
}

func TestImportDuplicateArrivals(t *testing.T) {
	raw := t.TempDir()
	out := t.TempDir()
	paras := prose("the port strike", 3)
	write(t, raw, "first.txt", []byte(dump("Port strike ends after nine days", paras)))
	run(t, out, filepath.Join(raw, "first.txt"))

	// The same text again, as a JSON record from another scraper.
	rec, _ := json.Marshal(map[string]string{"title": "Port strike ends after nine days", "text": strings.Join(paras, "\n")})
	write(t, raw, "again.jsonl", append(rec, '\n'))
	// The same article twice by URL, once with tracking parameters.
	r1, _ := json.Marshal(map[string]string{"title": "Bridge reopens", "text": strings.Join(prose("the bridge", 3), "\n"), "url": "https://news.example.org/bridge?utm_source=x"})
	r2, _ := json.Marshal(map[string]string{"title": "Bridge reopens to traffic", "text": strings.Join(prose("the bridge repairs", 3), "\n"), "url": "http://www.news.example.org/bridge"})
	write(t, raw, "urls.jsonl", []byte(string(r1)+"\n"+string(r2)+"\n"))

	res := run(t, out, filepath.Join(raw, "again.jsonl"), filepath.Join(raw, "urls.jsonl"))
	if s := res.Summary; s.Imported != 1 || s.Skipped != 2 || s.Failed != 0 {
		t.Fatalf("summary %s, notices %v, errors %v", s, res.Notices, res.Errors)
	}
	if n := len(load(t, out)); n != 2 {
		t.Errorf("%d articles in content, want 2", n)
	}
}

func TestImportRecordsKeepIDAndMetadata(t *testing.T) {
	raw := t.TempDir()
	out := t.TempDir()
	rec, _ := json.Marshal(map[string]string{
		"id": "wire-2025-0712-001", "title": "Ceasefire holds in the north", "text": strings.Join(prose("the ceasefire", 3), "\n"),
		"url": "https://wire.example.com/ceasefire", "source": "Example Wire", "author": "Jane Doe", "published": "2025-07-12T09:30:00Z",
	})
	write(t, raw, "recs.json", []byte("["+string(rec)+"]"))
	res := run(t, out, raw)
	if res.Summary.Imported != 1 {
		t.Fatalf("%s %v", res.Summary, res.Errors)
	}
	a := load(t, out)[0]
	if a.ID != "wire-2025-0712-001" || a.Source != "Example Wire" || a.Author != "Jane Doe" || a.URL != "https://wire.example.com/ceasefire" ||
		!a.Date.Equal(time.Date(2025, 7, 12, 9, 30, 0, 0, time.UTC)) || a.DateSource != news.DateFromRecord || a.Thread == "" || a.Summary == "" {
		t.Errorf("article = %+v", a)
	}
}

// TestImportBadInputs feeds a batch of hostile and broken files: the good
// ones are imported, each bad one is reported by file (and line), nothing
// is written outside the content folder, nothing hangs.
func TestImportBadInputs(t *testing.T) {
	good := dump("Ferry service restored to the islands", prose("the ferry service", 3))
	cp1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(dump("Café owners welcome the “new” rules", prose("the café rules", 3))))
	utf16, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(dump("Northern lights seen over the coast", prose("the northern lights", 3))))
	long := strings.Repeat("Very long headline ", 110) // 2,090 characters
	tests := []struct {
		name  string
		file  string
		data  []byte
		ok    bool   // imported
		msg   string // expected in the error when not ok
		title string // expected title prefix when ok
	}{
		{"good", "good.txt", []byte(good), true, "", "Ferry service restored"},
		{"empty", "empty.txt", nil, false, "is empty", ""},
		{"binary", "image.txt", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 2048)...), false, "binary", ""},
		{"windows-1252", "cp1252.txt", cp1252, true, "", "Café owners welcome the “new” rules"},
		{"utf-16 bom", "utf16.txt", utf16, true, "", "Northern lights seen"},
		{"control bytes", "ctl.txt", []byte(dump("Tram\x00 line\x07 extended", prose("the tram line", 3))), true, "", "Tram line extended"},
		{"invalid utf-8", "bad-utf8.txt", []byte(dump("Harbour \xff\xfe works begin", prose("the harbour works", 3))), true, "", "Harbour"},
		{"single 5 MB line", "oneline.txt", []byte(strings.Repeat("word ", 1<<20)), true, "", "word word word"},
		// A 2,000-character first line reads as prose, not a headline:
		// the lead gives one, marked as derived.
		{"long title in a dump", "long.txt", []byte(dump(long, prose("the long headline", 3))), true, "", "Very long headline Very long"},
		{"title ../../x", "p1.txt", []byte(dump("../../x", prose("the first path", 3))), true, "", "../../x"},
		{"title /etc/passwd", "p2.txt", []byte(dump("/etc/passwd", prose("the second path", 3))), true, "", "/etc/passwd"},
		{`title C:\x`, "p3.txt", []byte(dump(`C:\x`, prose("the third path", 3))), true, "", `C:\x`},
		{"title CON", "p4.txt", []byte(dump("CON", prose("the fourth path", 3))), true, "", "CON"},
		{"title case", "c1.txt", []byte(dump("Élection Results Announced", prose("the first election", 3))), true, "", "Élection Results"},
		{"title accents", "c2.txt", []byte(dump("election results announced", prose("the second election", 3))), true, "", "election results"},
		{"deep html", "deep.html", []byte(strings.Repeat("<div>", 50000) + "<p>" + strings.Join(prose("deep nesting", 3), "</p><p>") + "</p>"), true, "", "The minister said on Tuesday"},
	}
	raw := t.TempDir()
	out := filepath.Join(t.TempDir(), "content")
	for _, tt := range tests {
		write(t, raw, tt.file, tt.data)
	}
	// A 30 MB dump: within the default 32 MiB limit, so it must be read in
	// bounded time — imported or reported, never a hang.
	var huge strings.Builder
	huge.WriteString("Thirty megabytes of council minutes\n")
	for i := 0; huge.Len() < 30<<20; i++ {
		fmt.Fprintf(&huge, "Item %d: the council noted the report on the harbour works, and members asked for the figures to be published before the next meeting in the town hall.\n", i)
	}
	write(t, raw, "huge.txt", []byte(huge.String()))
	// A JSON Lines file with one broken line among good ones.
	r1, _ := json.Marshal(map[string]string{"title": "Library extends its hours", "text": strings.Join(prose("the library", 3), "\n")})
	r3, _ := json.Marshal(map[string]string{"title": long, "text": strings.Join(prose("the museum", 3), "\n")})
	write(t, raw, "mixed.jsonl", []byte(string(r1)+"\n{\"title\": broken\n"+string(r3)+"\n"))
	// A symbolic link in the batch pointing outside it.
	secret := write(t, t.TempDir(), "secret.txt", []byte(dump("Secret memo", prose("the secret", 3))))
	linked := os.Symlink(secret, filepath.Join(raw, "link.txt")) == nil // not on Windows without the privilege

	done := make(chan *Result, 1)
	go func() {
		res, _ := Run(context.Background(), []string{raw}, Options{ContentDir: out, MaxFileSize: 32 << 20, Timeout: 20 * time.Second})
		done <- res
	}()
	var res *Result
	select {
	case res = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("import of bad inputs hangs")
	}

	errText := map[string]string{}
	for _, err := range res.Errors {
		for _, tt := range tests {
			if strings.Contains(err.Error(), tt.file+":") {
				errText[tt.file] += err.Error()
			}
		}
		errText["*"] += err.Error() + "\n"
	}
	byOrigin := map[string]*news.Article{}
	for _, a := range load(t, out) {
		byOrigin[filepath.Base(strings.SplitN(a.Origin, ":", 2)[0])+lineSuffix(a.Origin)] = a
		full, err := filepath.Abs(filepath.Join(out, a.File))
		if err != nil || !strings.HasPrefix(full, out+string(filepath.Separator)+"articles"+string(filepath.Separator)) {
			t.Errorf("%s written outside content/articles: %s", a.Origin, a.File)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := byOrigin[tt.file]
			switch {
			case tt.ok && a == nil:
				t.Errorf("not imported; errors: %s", errText[tt.file])
			case tt.ok && !strings.HasPrefix(a.Title, tt.title):
				t.Errorf("title = %q, want prefix %q", a.Title, tt.title)
			case tt.ok && (len(a.Title) > 320 || strings.ContainsAny(a.Title, "\x00\x07")):
				t.Errorf("title not cleaned: %q", a.Title)
			case !tt.ok && a != nil:
				t.Errorf("imported %q, want an error", a.Title)
			case !tt.ok && errText[tt.file] == "":
				t.Errorf("no error reported for %s", tt.file)
			case !tt.ok && !strings.Contains(errText[tt.file], tt.msg):
				t.Errorf("error %q lacks %q", errText[tt.file], tt.msg)
			}
		})
	}
	if byOrigin["mixed.jsonl:1"] == nil || byOrigin["mixed.jsonl:3"] == nil {
		t.Errorf("good records of mixed.jsonl not imported: %v", keys(byOrigin))
	} else if lt := byOrigin["mixed.jsonl:3"].Title; len(lt) > 320 || !strings.HasPrefix(lt, "Very long headline") || !strings.HasSuffix(lt, "…") {
		t.Errorf("a record's 2,090-character title was not cut: %d bytes", len(lt))
	}
	if !strings.Contains(errText["*"], "mixed.jsonl:2:") {
		t.Errorf("broken line 2 of mixed.jsonl not reported: %s", errText["*"])
	}
	if linked && (!strings.Contains(errText["*"], "link.txt") || byOrigin["link.txt"] != nil) {
		t.Errorf("symlink out of the batch not refused: %s", errText["*"])
	}
	if c1, c2 := byOrigin["c1.txt"], byOrigin["c2.txt"]; c1 != nil && c2 != nil && c1.File == c2.File {
		t.Errorf("titles differing in case and accents share %s", c1.File)
	}
	if a := byOrigin["huge.txt"]; a == nil && !strings.Contains(errText["*"], "huge.txt") {
		t.Error("the 30 MB file was neither imported nor reported")
	} else if a != nil && a.Title != "Thirty megabytes of council minutes" {
		t.Errorf("30 MB file: title %q", a.Title)
	}
	if res.Summary.Failed == 0 || res.Summary.Imported == 0 {
		t.Errorf("summary %s", res.Summary)
	}
}

func lineSuffix(origin string) string {
	if i := strings.LastIndexByte(origin, ':'); i > 0 && !strings.Contains(origin[i:], "/") {
		return origin[i:]
	}
	return ""
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestImportDumpDateNotFromBody: a dump's date is one on a date line of
// its own or near its top; a date its story mentions deep in a paragraph
// is not the article's, and the file's time stands in for it.
func TestImportDumpDateNotFromBody(t *testing.T) {
	raw := t.TempDir()
	out := t.TempDir()
	memo := "The documents also describe a memo dated Feb. 8, 2017, in which the former director recounted a meeting about the channels the White House should use to reach the bureau."
	write(t, raw, "undated.txt", []byte(dump("Memos released to Congress", append(prose("the memos", 3), memo))))
	write(t, raw, "dated.txt", []byte(dump("Tariffs postponed until June", append(append([]string{"Published April 20, 2018"}, prose("the tariffs", 3)...), memo))))
	res := run(t, out, raw)
	if res.Summary.Imported != 2 {
		t.Fatalf("%s %v", res.Summary, res.Errors)
	}
	for _, a := range load(t, out) {
		switch a.Title {
		case "Memos released to Congress":
			if a.DateSource != news.DateFromFile || a.Date.Year() == 2017 {
				t.Errorf("undated dump: date %v from %q, want the file's time", a.Date, a.DateSource)
			}
		case "Tariffs postponed until June":
			if !a.Date.Equal(time.Date(2018, 4, 20, 0, 0, 0, 0, time.UTC)) || a.DateSource != news.DateFromText {
				t.Errorf("dated dump: date %v from %q, want 2018-04-20 from its date line", a.Date, a.DateSource)
			}
		default:
			t.Errorf("unexpected article %q", a.Title)
		}
	}
}
