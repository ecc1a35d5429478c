package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/digest-news/digest/internal/cache"
	"github.com/digest-news/digest/internal/ingest"
)

// inbox moves raw files as an import finishes with them: a file that
// imported whole goes to done; a file that could not be read at all goes
// to rejects whole; a JSON Lines file with bad lines goes to done for its
// good records, and its bad lines are kept in rejects, so that the
// next run neither imports the good ones again nor stops at the bad one.
type inbox struct {
	done, rejects string
	files         []inboxFile
}

type inboxFile struct {
	path string // as ingest found it
	rel  string // below the folder it was found in (its name when given itself)
}

// newInbox expands paths as import does, leaving out the done and
// rejects folders when they are inside one of them.
func newInbox(paths []string, done, rejects string) (*inbox, []error) {
	ib := &inbox{done: done, rejects: rejects}
	var errs []error
	skip := func(p string) bool {
		for _, d := range []string{done, rejects} {
			if d != "" && isWithin(d, p) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	for _, root := range paths {
		files, ferrs := ingest.Files([]string{root})
		errs = append(errs, ferrs...)
		for _, f := range files {
			if skip(f) || seen[f] {
				continue
			}
			seen[f] = true
			rel, err := filepath.Rel(root, f)
			if err != nil || rel == "." || !filepath.IsLocal(rel) {
				rel = filepath.Base(f)
			}
			ib.files = append(ib.files, inboxFile{path: f, rel: rel})
		}
	}
	return ib, errs
}

// isWithin says whether p is dir or below it.
func isWithin(dir, p string) bool {
	a, err1 := filepath.Abs(dir)
	b, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(a, b)
	return err == nil && filepath.IsLocal(rel) || rel == "."
}

func (ib *inbox) paths() []string {
	out := make([]string, len(ib.files))
	for i, f := range ib.files {
		out[i] = f.path
	}
	return out
}

// settle moves each file by the import's errors and reports what it did.
func (ib *inbox) settle(errs []error) (done, rejected int, problems []error) {
	whole := map[string][]string{} // path → messages of errors that keep the file whole
	lines := map[string]map[int]string{}
	for _, err := range errs {
		var ie *ingest.Error
		if !errors.As(err, &ie) {
			continue
		}
		// Only a JSON Lines file can give up its bad lines alone; any other
		// file with a bad record is kept whole (its good records are in).
		if k := strings.ToLower(filepath.Ext(ie.Path)); ie.Line > 0 && (k == ".jsonl" || k == ".ndjson") {
			if lines[ie.Path] == nil {
				lines[ie.Path] = map[int]string{}
			}
			lines[ie.Path][ie.Line] = ie.Msg
		} else {
			loc := ": "
			if ie.Line > 0 {
				loc = fmt.Sprintf(":%d: ", ie.Line)
			}
			whole[ie.Path] = append(whole[ie.Path], loc+ie.Msg)
		}
	}
	for _, f := range ib.files {
		switch {
		case whole[f.path] != nil && ib.rejects != "":
			dst, err := move(f.path, filepath.Join(ib.rejects, f.rel))
			if err == nil {
				var note strings.Builder
				for _, m := range whole[f.path] {
					fmt.Fprintf(&note, "%s%s\n", f.rel, m)
				}
				err = writeNote(dst, note.String())
			}
			if err != nil {
				problems = append(problems, err)
				continue
			}
			rejected++
		case whole[f.path] != nil:
			// Without a rejects folder a bad file stays where it is.
		case lines[f.path] != nil && ib.rejects != "":
			if err := ib.reject(f, lines[f.path]); err != nil {
				problems = append(problems, err)
				continue
			}
			rejected++
			fallthrough
		case lines[f.path] == nil || ib.rejects != "":
			if ib.done == "" {
				if err := os.Remove(f.path); err != nil {
					problems = append(problems, err)
				}
				done++
				continue
			}
			if _, err := move(f.path, filepath.Join(ib.done, f.rel)); err != nil {
				problems = append(problems, err)
				continue
			}
			done++
		}
	}
	return done, rejected, problems
}

// reject keeps the bad lines of a JSON Lines file beside a note of what
// was wrong on which line.
func (ib *inbox) reject(f inboxFile, bad map[int]string) error {
	nums := make([]int, 0, len(bad))
	for n := range bad {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var note strings.Builder
	for _, n := range nums {
		fmt.Fprintf(&note, "%s:%d: %s\n", f.rel, n, bad[n])
	}
	dst := uniqueName(filepath.Join(ib.rejects, f.rel))
	file, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64<<10), ingest.MaxRecordLine+1)
	var out strings.Builder
	for n := 1; sc.Scan(); n++ {
		if _, ok := bad[n]; ok {
			out.Write(sc.Bytes())
			out.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", f.path, err)
	}
	body := []byte(out.String())
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := cache.WriteFile(dst, body, cache.Durable); err != nil {
		return err
	}
	return writeNote(dst, note.String())
}

// writeNote writes what was wrong beside a rejected file.
func writeNote(path, text string) error {
	return cache.WriteFile(path+".errors.txt", []byte(text), cache.Durable)
}

// move renames src to dst, or to dst with a number when dst exists, and
// returns where it went.
func move(src, dst string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	dst = uniqueName(dst)
	if err := os.Rename(src, dst); err != nil {
		return "", fmt.Errorf("moving %s: %w", src, err)
	}
	return dst, nil
}

func uniqueName(p string) string {
	if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
		return p
	}
	ext := filepath.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	for i := 1; ; i++ {
		q := stem + "." + strconv.Itoa(i) + ext
		if _, err := os.Lstat(q); errors.Is(err, fs.ErrNotExist) {
			return q
		}
	}
}
