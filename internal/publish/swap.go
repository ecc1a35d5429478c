package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/digest-news/digest/internal/cache"
)

// errNoExchange says that the system or the file system has no atomic
// exchange of two names.
var errNoExchange = errors.New("no atomic exchange here")

// swap makes src the folder at dst and leaves what dst was at src (or
// nothing, when there was no dst). Where the system can exchange two
// names atomically (exchange: renameat2 RENAME_EXCHANGE on Linux,
// renamex_np RENAME_SWAP on macOS), a reader sees the old site or the new
// one, never a mix and never nothing. Elsewhere (Windows, and file
// systems without the exchange) swapByRename does it in two renames.
func swap(src, dst string) error {
	if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
		return cache.Rename(src, dst)
	}
	err := exchange(src, dst)
	if errors.Is(err, errNoExchange) {
		return swapByRename(src, dst)
	}
	return err
}

// asidePath is where swapByRename keeps the old site while the new one
// is renamed into place, beside out. It has a fixed name so that Recover
// finds it after a run killed between the two renames.
func asidePath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+"-old")
}

// swapByRename is swap in three renames, for systems without an atomic
// exchange: dst is moved aside (asidePath), src is renamed to dst, and
// the old site is moved from aside to src. What it guarantees: dst is
// always a whole site, the old one or the new one, except in the window
// between the first two renames, when there is no dst at all (a web
// server answers 404 for that moment; it never serves a mix of the two
// sites). A process killed in that window leaves the old site aside,
// and the next New, Resume or Recover of dst puts it back before
// anything else is done; killed after the second rename, it leaves the
// new site published and the old one aside, which Recover removes.
func swapByRename(src, dst string) error {
	aside := asidePath(dst)
	if err := Recover(dst); err != nil {
		return err
	}
	if err := cache.Rename(dst, aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return cache.Rename(src, dst)
		}
		return err
	}
	if err := cache.Rename(src, dst); err != nil {
		if rerr := cache.Rename(aside, dst); rerr != nil {
			return fmt.Errorf("%w; and the published site could not be put back from %s: %v", err, aside, rerr)
		}
		return err
	}
	return cache.Rename(aside, src)
}

// Recover repairs what a build killed in the middle of swapByRename
// left beside out: when out is missing and the old site is aside, the
// old site is put back; when out is there, a leftover old site aside is
// removed. It does nothing when there is nothing aside, which is always
// so where swap is atomic.
func Recover(out string) error {
	aside := asidePath(out)
	if _, err := os.Lstat(aside); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := cache.Rename(aside, out); err != nil {
			return fmt.Errorf("publish: put back the site a killed build left at %s: %w", aside, err)
		}
		return nil
	}
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("publish: remove the old site a killed build left at %s: %w", aside, err)
	}
	return nil
}
