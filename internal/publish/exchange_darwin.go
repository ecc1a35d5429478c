package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps src and dst in one step with renamex_np(RENAME_SWAP)
// (macOS 10.12 on APFS; HFS+ answers ENOTSUP).
func exchange(src, dst string) error {
	err := unix.RenamexNp(src, dst, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EXDEV) {
		return errNoExchange
	}
	return err
}
