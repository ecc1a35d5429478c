package publish

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges src and dst in one atomic step (renameat2 with
// RENAME_EXCHANGE): a reader sees the old site or the new one, never a
// mix and never nothing.
func swap(src, dst string) error {
	err := unix.Renameat2(unix.AT_FDCWD, src, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if _, serr := os.Lstat(dst); errors.Is(serr, fs.ErrNotExist) {
		return os.Rename(src, dst)
	}
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EXDEV) {
		return swapByRename(src, dst)
	}
	return err
}
