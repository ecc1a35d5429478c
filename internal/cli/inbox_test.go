package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportInbox imports a scraper's inbox in one process: files move
// to done as they are imported, a bad JSON Lines record is reported with
// its line and kept in rejects while the rest of its file is imported,
// and an unreadable file moves to rejects, so the next run is clean.
func TestImportInbox(t *testing.T) {
	site := t.TempDir()
	in := filepath.Join(site, "inbox")
	seed, err := os.ReadFile("../../testdata/seeds/000_a12b4518201fd76f.txt")
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("The minister met his counterpart in the capital on Friday and discussed trade. ", 5)
	files := map[string]string{
		"dump.txt": string(seed),
		"day/recs.jsonl": `{"id": "r1", "title": "Harbour reopens after storm", "text": "` + body + `", "published": "2025-07-10T08:00:00Z"}` + "\n" +
			`{"id": "r2", "title": "broken` + "\n" +
			`{"id": "r3", "title": "Rail strike ends", "text": "` + body + `Unions agreed.", "published": "2025-07-11T08:00:00Z"}` + "\n",
		"broken.json": `{"title": "no body"`,
		"README.md":   "left alone",
	}
	for name, text := range files {
		p := filepath.Join(in, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	done, rejects := filepath.Join(in, "done"), filepath.Join(in, "rejects")
	code, out, errs := digest(t, "import", "--root", site, "--done", done, "--rejects", rejects, in)
	if code != ExitFailure {
		t.Fatalf("exit %d; want 1 for the bad record and file\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "recs.jsonl:2:") || !strings.Contains(errs, "broken.json") {
		t.Errorf("stderr does not name the bad line and file:\n%s", errs)
	}
	if !strings.Contains(out, "3 imported") || !strings.Contains(out, "2 files done, 2 with rejects") {
		t.Errorf("stdout:\n%s", out)
	}
	for _, p := range []string{"done/dump.txt", "done/day/recs.jsonl", "rejects/broken.json", "rejects/broken.json.errors.txt", "rejects/day/recs.jsonl", "README.md"} {
		if _, err := os.Stat(filepath.Join(in, filepath.FromSlash(p))); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{"dump.txt", "day/recs.jsonl", "broken.json"} {
		if _, err := os.Stat(filepath.Join(in, filepath.FromSlash(p))); err == nil {
			t.Errorf("%s is still in the inbox", p)
		}
	}
	rej, _ := os.ReadFile(filepath.Join(rejects, "day", "recs.jsonl"))
	if string(rej) != `{"id": "r2", "title": "broken`+"\n" {
		t.Errorf("rejects/day/recs.jsonl = %q; want the bad line alone", rej)
	}
	note, _ := os.ReadFile(filepath.Join(rejects, "day", "recs.jsonl.errors.txt"))
	if !strings.HasPrefix(string(note), "day/recs.jsonl:2: ") {
		t.Errorf("note = %q", note)
	}
	arts, _ := filepath.Glob(filepath.Join(site, "content", "articles", "*.md"))
	if len(arts) != 3 {
		t.Errorf("%d articles; want 3", len(arts))
	}
	// The next run finds nothing left to do, and succeeds.
	code, out, errs = digest(t, "import", "--root", site, "--done", done, "--rejects", rejects, in)
	if code != 0 || !strings.Contains(out, "nothing to import") {
		t.Errorf("second run: exit %d\n%s\n%s", code, out, errs)
	}
}
