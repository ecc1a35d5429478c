package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/content"
)

// ThreadScore is what ImportThreads measured on one labelled file.
type ThreadScore struct {
	BCubed, Pairwise PRF
	Articles         int     // labelled articles in the file
	Imported         int     // articles that reached the content folder
	Failed           int     // records the import refused
	Duplicates       int     // records skipped as repeating another, scored in its thread
	Errors           []error // the import's reports, as `digest import` prints them
	Threads          int     // distinct threads of the imported articles
}

// Importer imports the raw files paths into the content folder
// contentDir, with cacheDir as its cache, as `digest import` does. It
// returns how many records failed, the errors it reports and, for each
// duplicate it skipped, its origin ("file:line") and the id of the
// article it repeats; err is a failure of the whole import.
type Importer func(ctx context.Context, paths []string, contentDir, cacheDir string) (ImportResult, error)

// ImportResult is what an Importer reports.
type ImportResult struct {
	Failed int
	Errors []error
	SameAs map[string]string // origin of a skipped duplicate → id of the article it repeats
}

// ImportThreads measures threading the way users meet it: it writes the
// labelled articles of path as the JSON Lines records `digest import`
// reads (id, title, text, url, source, and published only where the set
// has a date), imports them with imp into an empty content folder under
// work, reads each article's thread back from its front matter and
// scores it against the gold stories. An article the import refused or
// skipped counts as a thread of its own.
func ImportThreads(ctx context.Context, path, work string, imp Importer) (ThreadScore, error) {
	var sc ThreadScore
	docs, err := LoadThreads(path)
	if err != nil {
		return sc, err
	}
	sc.Articles = len(docs)
	dir, err := os.MkdirTemp(work, "eval-threads-")
	if err != nil {
		return sc, fmt.Errorf("eval: %w", err)
	}
	defer os.RemoveAll(dir)
	records := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+".jsonl")
	if err := WriteRecords(records, docs); err != nil {
		return sc, err
	}
	contentDir := filepath.Join(dir, "content")
	res, err := imp(ctx, []string{records}, contentDir, filepath.Join(dir, "cache"))
	if err != nil {
		return sc, err
	}
	sc.Failed, sc.Errors = res.Failed, res.Errors
	c, errs := content.Load(os.DirFS(contentDir))
	if len(errs) > 0 {
		return sc, fmt.Errorf("eval: reading the imported articles: %w", errs[0])
	}
	gold := make(map[string]string, len(docs))
	for _, d := range docs {
		gold[d.ID] = d.Story
	}
	pred := make(map[string]string, len(c.Articles))
	threads := map[string]bool{}
	for _, a := range c.Articles {
		if _, ok := gold[a.ID]; ok && a.Thread != "" {
			pred[a.ID] = a.Thread
			threads[a.Thread] = true
		}
	}
	sc.Imported = len(pred)
	// A duplicate the import skipped is shown to readers as the article
	// it repeats, in that article's thread.
	for i, d := range docs {
		if same, ok := res.SameAs[fmt.Sprintf("%s:%d", records, i+1)]; ok {
			if th, ok := pred[same]; ok {
				pred[d.ID] = th
				sc.Duplicates++
			}
		}
	}
	sc.Threads = len(threads)
	sc.BCubed, sc.Pairwise = BCubed(gold, pred), Pairwise(gold, pred)
	return sc, nil
}

// WriteRecords writes labelled articles as the JSON Lines records of
// `digest import`: the gold story is left out, and "published" is given
// only for articles with a date.
func WriteRecords(path string, docs []LabelledDoc) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		rec := struct {
			ID        string `json:"id"`
			Title     string `json:"title,omitempty"`
			Text      string `json:"text,omitempty"`
			URL       string `json:"url,omitempty"`
			Source    string `json:"source,omitempty"`
			Published string `json:"published,omitempty"`
		}{ID: d.ID, Title: d.Title, Text: d.Text, URL: d.URL, Source: d.Source}
		if !d.Date.IsZero() {
			rec.Published = d.Date.UTC().Format(time.RFC3339)
		}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return fmt.Errorf("eval: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("eval: %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("eval: %s: %w", path, err)
	}
	return nil
}
