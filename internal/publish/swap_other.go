//go:build !linux

package publish

func swap(src, dst string) error { return swapByRename(src, dst) }
