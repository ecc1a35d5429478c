//go:build !windows

package cache

import "os"

// Rename renames oldpath to newpath, replacing it: on Unix the rename
// is atomic even when another process has newpath open.
func Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }
