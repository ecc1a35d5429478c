package importer

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/eval"
)

// TestLaterImportJoinsThread: reports of a story imported in a second
// import join the thread the first one made, whose articles and id stay
// as they were; the batch rule decides both imports.
func TestLaterImportJoinsThread(t *testing.T) {
	dir := t.TempDir()
	lines := seedRecords(t)
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

var splitAll = flag.Bool("splitall", false, "TestSplitImport splits the AllSides set too")

// TestSplitImport: the files of a labelled set imported in two imports,
// whichever way they are split and in either order, get the threads one
// import of them all gives: each import decides again the open threads
// of the site with its new articles. How the split imports score
// against the gold stories is logged beside one import's figure.
//
// With -splitall the AllSides set is split too (8,034 articles, minutes).
func TestSplitImport(t *testing.T) {
	sets := []string{"newswcl50.jsonl", "ecbplus.jsonl"}
	if *splitAll {
		sets = append(sets, "allsides_neus_dev.jsonl")
	}
	for _, file := range sets {
		t.Run(file, func(t *testing.T) {
			docs, err := eval.LoadThreads("../../testdata/threads/" + file)
			if err != nil {
				t.Fatal(err)
			}
			gold := map[string]string{}
			for _, d := range docs {
				gold[d.ID] = d.Story
			}
			// The set as six files of records, as a scraper leaves them.
			dir := t.TempDir()
			const parts = 6
			var files []string
			for i := 0; i < parts; i++ {
				f := filepath.Join(dir, "in", fmt.Sprintf("part%d.jsonl", i))
				if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := eval.WriteRecords(f, docs[i*len(docs)/parts:(i+1)*len(docs)/parts]); err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			importAll := func(name string, imports ...[]string) map[string]string {
				t.Helper()
				site := filepath.Join(dir, name)
				for _, paths := range imports {
					if _, err := Run(context.Background(), paths, Options{ContentDir: filepath.Join(site, "content"), CacheDir: filepath.Join(site, "cache")}); err != nil {
						t.Fatal(err)
					}
				}
				threads := map[string]string{}
				for _, a := range load(t, filepath.Join(site, "content")) {
					threads[a.ID] = a.Thread
				}
				return threads
			}
			whole := importAll("whole", files)
			t.Logf("one import: BCubed F1 %.3f against the gold stories", eval.BCubed(gold, whole).F1)
			shuffled := append([]string(nil), files...)
			rand.New(rand.NewSource(15)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			splits := []struct {
				name          string
				first, second []string
			}{
				{"halves", files[:parts/2], files[parts/2:]},
				{"halves, second first", files[parts/2:], files[:parts/2]},
				{"two random files, then the rest", shuffled[:2], shuffled[2:]},
			}
			for i, sp := range splits {
				split := importAll(fmt.Sprintf("split%d", i), sp.first, sp.second)
				t.Logf("%s: BCubed F1 %.3f against the gold stories, %.3f against one import", sp.name, eval.BCubed(gold, split).F1, eval.BCubed(whole, split).F1)
				if !samePartition(whole, split) {
					t.Errorf("%s: the two imports grouped the articles otherwise than one", sp.name)
				}
			}
		})
	}
}

// samePartition says whether a and b group the same ids together.
func samePartition(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	ab, ba := map[string]string{}, map[string]string{}
	for id, x := range a {
		y, ok := b[id]
		if !ok {
			return false
		}
		if p, seen := ab[x]; seen && p != y {
			return false
		}
		if p, seen := ba[y]; seen && p != x {
			return false
		}
		ab[x], ba[y] = y, x
	}
	return true
}

// seedRecords are the five seed reports of one story as records, dated
// over two days, the first written earliest.
func seedRecords(t *testing.T) []string {
	t.Helper()
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
	return lines
}

// TestEarlierReportKeepsThreadID: a report older than a story's first
// arrives in a later import; the story is decided again with it and
// keeps its id, since it keeps the article that founded it. The two
// copies of the new report are marked so, as one import marks them;
// the other files are left as they were.
func TestEarlierReportKeepsThreadID(t *testing.T) {
	dir := t.TempDir()
	lines := seedRecords(t)
	first := write(t, dir, "in/first.jsonl", []byte(strings.Join(lines[1:4], "\n")+"\n"))
	second := write(t, dir, "in/second.jsonl", []byte(lines[0]+"\n"+lines[4]+"\n"))
	contentDir := filepath.Join(dir, "content")
	run(t, contentDir, first)
	files := map[string]string{}
	var id string
	for _, a := range load(t, contentDir) {
		b, _ := os.ReadFile(filepath.Join(contentDir, a.File))
		files[a.File], id = string(b), a.Thread
	}
	res := run(t, contentDir, second)
	if s := res.Summary; s.Imported != 2 || s.Moved != 2 {
		t.Errorf("second import: %s, want 2 imported, 2 rethreaded", s)
	}
	copies := map[string]bool{"seed-1": true, "seed-2": true}
	for _, a := range load(t, contentDir) {
		if a.Thread != id {
			t.Errorf("%s in thread %s, want %s", a.ID, a.Thread, id)
		}
		if want := map[bool]string{true: "seed-0"}[copies[a.ID]]; a.CopyOf != want {
			t.Errorf("%s copy of %q, want %q", a.ID, a.CopyOf, want)
		}
		b, _ := os.ReadFile(filepath.Join(contentDir, a.File))
		if was, ok := files[a.File]; ok && !copies[a.ID] && string(b) != was {
			t.Errorf("content/%s rewritten", a.File)
		}
	}
}

// TestDecidedAgainKeepsEditorsChoice: an article an editor moved to a
// thread of their own stays there, file untouched, when a later import
// decides its story again.
func TestDecidedAgainKeepsEditorsChoice(t *testing.T) {
	dir := t.TempDir()
	lines := seedRecords(t)
	first := write(t, dir, "in/first.jsonl", []byte(strings.Join(lines[:3], "\n")+"\n"))
	second := write(t, dir, "in/second.jsonl", []byte(strings.Join(lines[3:], "\n")+"\n"))
	contentDir := filepath.Join(dir, "content")
	run(t, contentDir, first)
	var edited, was string
	for _, a := range load(t, contentDir) {
		if a.ID == "seed-2" {
			p := filepath.Join(contentDir, a.File)
			b, _ := os.ReadFile(p)
			edited = strings.Replace(string(b), "thread: "+a.Thread, "thread: my-own-thread", 1)
			if edited == string(b) {
				t.Fatalf("no thread line in %s", b)
			}
			write(t, contentDir, a.File, []byte(edited))
			was = a.File
		}
	}
	run(t, contentDir, second)
	for _, a := range load(t, contentDir) {
		if a.ID == "seed-2" && a.Thread != "my-own-thread" {
			t.Errorf("the editor's article moved to %s", a.Thread)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(contentDir, was)); string(b) != edited {
		t.Error("the editor's file was rewritten")
	}
}
