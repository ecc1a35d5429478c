package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps src and dst in one step with renameat2(RENAME_EXCHANGE)
// (Linux 3.15; ext4, XFS, Btrfs, tmpfs and most others).
func exchange(src, dst string) error {
	err := unix.Renameat2(unix.AT_FDCWD, src, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EXDEV) {
		return errNoExchange
	}
	return err
}
