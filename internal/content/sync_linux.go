package content

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFiles flushes the files to disk. A large batch is flushed with one
// syncfs(2) of the file system that holds dir; a small one file by file,
// as syncfs also waits for whatever else is pending on that file system.
func syncFiles(dir string, files []string) error {
	if len(files) <= 64 {
		return fsyncEach(files)
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
