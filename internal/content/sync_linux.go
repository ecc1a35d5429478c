package content

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFiles flushes the files to disk: on Linux with one syncfs(2) of the
// file system that holds dir.
func syncFiles(dir string, files []string) error {
	if len(files) == 0 {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
