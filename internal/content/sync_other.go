//go:build !linux

package content

// syncFiles flushes the files to disk, one fsync each.
func syncFiles(dir string, files []string) error { return fsyncEach(files) }
