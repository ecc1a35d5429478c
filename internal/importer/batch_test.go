package importer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLaterImportJoinsThread: reports of a story imported in a second
// import join the thread the first one made, whose articles and id stay
// as they were; the batch rule decides both imports.
func TestLaterImportJoinsThread(t *testing.T) {
	dir := t.TempDir()
	dates := []string{"2025-07-12T09:00:00Z", "2025-07-12T11:00:00Z", "2025-07-13T02:00:00Z", "2025-07-13T05:00:00Z", "2025-07-12T15:00:00Z"}
	var lines []string
	for i := 0; i < 5; i++ {
		b, err := os.ReadFile(fmt.Sprintf("../thread/testdata/seed_%03d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		title, text, _ := strings.Cut(string(b), "\n")
		rec, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("seed-%d", i), "title": title, "text": text, "source": fmt.Sprintf("Outlet %d", i), "url": fmt.Sprintf("https://outlet%d.example/a", i), "published": dates[i]})
		lines = append(lines, string(rec))
	}
	first := write(t, dir, "in/first.jsonl", []byte(strings.Join(lines[:3], "\n")+"\n"))
	second := write(t, dir, "in/second.jsonl", []byte(strings.Join(lines[3:], "\n")+"\n"))
	contentDir := filepath.Join(dir, "content")
	run(t, contentDir, first)
	before := map[string]string{}
	for _, a := range load(t, contentDir) {
		before[a.ID] = a.Thread
	}
	if len(before) != 3 || before["seed-1"] != before["seed-0"] || before["seed-2"] != before["seed-0"] {
		t.Fatalf("first import: threads %v, want one", before)
	}
	run(t, contentDir, second)
	for _, a := range load(t, contentDir) {
		if a.Thread != before["seed-0"] {
			t.Errorf("%s in thread %s after the second import, want %s", a.ID, a.Thread, before["seed-0"])
		}
	}
}
