package cache

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Durability says what a crash may leave of a file being replaced.
type Durability int

const (
	// Volatile files are not flushed before the rename: after a crash
	// (of the machine, not of the program) the file may be the old one,
	// the new one, or, on some file systems, empty or torn. Fit for
	// caches, whose envelope refuses a torn file.
	Volatile Durability = iota
	// Durable files are flushed to disk before the rename, so that
	// after a crash the file is the old one or the new one, whole. Fit
	// for what people keep (content files). The rename itself is not
	// flushed: a crash right after it may leave the old file.
	Durable
)

// tempMark is what every temporary file's name holds between the final
// name and the random part.
const tempMark = ".digest-tmp-"

// TempName is the name of a temporary file beside name: a dot (hidden
// on Unix, and skipped by the content and asset walks), the final file's
// name, ".digest-tmp-" and random hex digits. The random part lets two
// processes write the same file at once; the last rename wins.
func TempName(name string) string {
	var r [6]byte
	if _, err := rand.Read(r[:]); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+tempMark+hex.EncodeToString(r[:]))
}

// IsTemp says whether the base name of a file is that of a temporary
// file TempName made, which a process killed before its rename leaves
// behind: such a file is never the real one, and may be removed once no
// run is writing that folder.
func IsTemp(base string) bool {
	i := strings.LastIndex(base, tempMark)
	if !strings.HasPrefix(base, ".") || i < 1 {
		return false
	}
	hexPart := base[i+len(tempMark):]
	if len(hexPart) != 12 {
		return false
	}
	_, err := hex.DecodeString(hexPart)
	return err == nil
}

// oldTempMark is what the temporary files of digest before the atomic
// writer held between the final name and the random part: they were
// os.CreateTemp's ".<name>.tmp-<decimal digits>", and the imports killed
// then left thousands of them in content/.
const oldTempMark = ".tmp-"

// IsOldTemp says whether the base name of a file is that of a
// temporary file an earlier digest made (".a.md.tmp-123456789"), before
// TempName: a site that ran it may still hold the ones its killed runs
// left, and they are removed as IsTemp's are.
func IsOldTemp(base string) bool {
	i := strings.LastIndex(base, oldTempMark)
	if !strings.HasPrefix(base, ".") || i < 2 {
		return false
	}
	digits := base[i+len(oldTempMark):]
	if len(digits) == 0 || len(digits) > 10 { // a uint32 in decimal
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// TempOf returns the name of the file a temporary file stands for, and
// false when base is not a temporary file's name.
func TempOf(base string) (string, bool) {
	if !IsTemp(base) {
		return "", false
	}
	return base[1:strings.LastIndex(base, tempMark)], true
}

// File is a file being written atomically: nothing is at its name until
// Commit, and Abort (or a failed Commit) leaves no temporary file.
type File struct {
	f      *os.File
	name   string // where it goes
	closed bool
}

// Create starts writing the file name, making its folder if need be.
// The file is created with mode 0644.
func Create(name string) (*File, error) {
	var f *os.File
	var err error
	made := false
	for range 10 {
		f, err = os.OpenFile(TempName(name), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrNotExist) && !made {
			// The folder is made only when it is missing: a batch of
			// files in one folder asks the system once, not per file.
			if err = os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return nil, err
			}
			made = true
			continue
		}
		if !errors.Is(err, fs.ErrExist) { // a name taken: draw again
			break
		}
	}
	if err != nil {
		return nil, err
	}
	// The umask may have taken bits the mode asked for; what people keep
	// (content, the site) must be readable by the web server and git.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &File{f: f, name: name}, nil
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) { return f.f.Write(p) }

// Stat describes the temporary file; its modification time is the one
// the file keeps once renamed.
func (f *File) Stat() (fs.FileInfo, error) { return f.f.Stat() }

// TempPath is where the file is being written.
func (f *File) TempPath() string { return f.f.Name() }

// Close closes the temporary file without putting it in place, for a
// caller that flushes many files at once (content.WriteArticles) before
// it commits them. Commit closes the file itself.
func (f *File) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	return f.f.Close()
}

// Commit flushes the file when d is Durable (and it is still open),
// closes it and renames it into place. On failure the temporary file is
// removed and the old file, if any, is left as it was.
func (f *File) Commit(d Durability) error {
	var err error
	if d == Durable && !f.closed {
		err = f.f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = Rename(f.f.Name(), f.name)
	}
	if err != nil {
		os.Remove(f.f.Name())
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	return nil
}

// Abort gives up the file: the temporary file is removed.
func (f *File) Abort() {
	f.Close()
	os.Remove(f.f.Name())
}

// WriteFile writes b to name atomically: a reader, or a later run after
// a crash, finds the old file or the new one, never part of one.
func WriteFile(name string, b []byte, d Durability) error {
	f, err := Create(name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", name, err)
	}
	return f.Commit(d)
}

// RemoveTemps removes, under dir and its folders, the temporary files of
// runs killed before their rename (IsTemp, and IsOldTemp for those of
// an earlier digest), and returns how many there
// were. The caller must hold the site's lock, so that no live run is
// writing them. A missing dir holds none.
func RemoveTemps(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() && (IsTemp(d.Name()) || IsOldTemp(d.Name())) {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
