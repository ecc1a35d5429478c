//go:build !linux

package content

import "os"

// syncFiles flushes the files to disk, one fsync each.
func syncFiles(dir string, files []string) error {
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
