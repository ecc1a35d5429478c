package cache

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// Windows error codes a rename meets while another process (a preview
// server, a virus scanner, the search indexer) has one of the files open.
const (
	errorAccessDenied     syscall.Errno = 5
	errorSharingViolation syscall.Errno = 32
)

// renameTimeout bounds how long Rename waits for the other process.
const renameTimeout = 2 * time.Second

// Rename renames oldpath to newpath, replacing it. Windows refuses to
// replace a file another process holds open without sharing delete
// access, which Go's own os.Open does not grant; such a hold is brief,
// so the rename is tried again for up to two seconds, as the go command
// does for its own cache.
func Rename(oldpath, newpath string) error {
	start := time.Now()
	wait := time.Millisecond
	for {
		err := os.Rename(oldpath, newpath)
		if err == nil || !retryable(err) || time.Since(start) > renameTimeout {
			return err
		}
		time.Sleep(wait)
		wait = min(2*wait, 100*time.Millisecond)
	}
}

func retryable(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == errorAccessDenied || errno == errorSharingViolation)
}
