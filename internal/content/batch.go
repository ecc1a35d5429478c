package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/digest-news/digest/internal/news"
)

// WriteArticles writes many articles as WriteArticle does, on all cores,
// with one flush to disk for the whole batch instead of one per file:
// each file is written under a temporary name, the file system is synced
// once, and only then are the files renamed into place, so a crash leaves
// every file either as it was or whole. Two articles bound for one path
// are written one after the other, in order. outcomes[i] and errs[i] are
// article i's.
func WriteArticles(dir string, as []*news.Article) (outcomes []WriteOutcome, errs []error) {
	outcomes, errs = make([]WriteOutcome, len(as)), make([]error, len(as))
	seen := map[string]bool{}
	for _, a := range as {
		if a.Path == "" {
			a.Path = ArticlePath(a)
		}
		if seen[a.Path] {
			for i, a := range as {
				outcomes[i], errs[i] = WriteArticle(dir, a)
			}
			return outcomes, errs
		}
		seen[a.Path] = true
	}
	tmps := make([]string, len(as))
	fulls := make([]string, len(as))
	forEach(len(as), func(i int) {
		tmps[i], fulls[i], outcomes[i], errs[i] = stage(dir, as[i])
	})
	var staged []string
	for _, t := range tmps {
		if t != "" {
			staged = append(staged, t)
		}
	}
	if err := syncFiles(dir, staged); err != nil {
		for i, t := range tmps {
			if t != "" {
				os.Remove(t)
				errs[i] = fmt.Errorf("content: write %s: %w", fulls[i], err)
			}
		}
		return outcomes, errs
	}
	for i, t := range tmps {
		if t == "" {
			continue
		}
		if err := os.Rename(t, fulls[i]); err != nil {
			os.Remove(t)
			errs[i] = fmt.Errorf("content: write %s: %w", fulls[i], err)
		}
	}
	return outcomes, errs
}

// stage writes a's new file under a temporary name beside its place, not
// yet synced, or decides that nothing is to be written.
func stage(dir string, a *news.Article) (tmp, full string, outcome WriteOutcome, err error) {
	full, err = within(dir, a.Path)
	if err != nil {
		return "", "", 0, err
	}
	b, err := Marshal(a)
	if err != nil {
		return "", "", 0, err
	}
	if len(b) > MaxFileSize {
		return "", "", 0, fmt.Errorf("content: the article is %d MiB after cleaning, over the %d MiB a content file may hold; split the raw file into articles", len(b)>>20, MaxFileSize>>20)
	}
	outcome = Created
	if old, err := os.ReadFile(full); err == nil {
		if bytes.Equal(old, b) {
			return "", full, Unchanged, nil
		}
		prev, perr := Unmarshal(a.Path, old)
		if perr != nil || prev.Edited {
			return "", full, Kept, nil
		}
		outcome = Updated
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", "", 0, fmt.Errorf("content: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", "", 0, fmt.Errorf("content: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(full), "."+filepath.Base(full)+".tmp-*")
	if err != nil {
		return "", "", 0, fmt.Errorf("content: %w", err)
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr != nil {
		os.Remove(f.Name())
		return "", "", 0, fmt.Errorf("content: write %s: %w", full, werr)
	}
	return f.Name(), full, outcome, nil
}

func fsyncEach(files []string) error {
	for _, name := range files {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
