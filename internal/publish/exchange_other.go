//go:build !linux && !darwin

package publish

// exchange has no atomic exchange to call here (Windows has none for
// folders): swap falls back to swapByRename.
func exchange(src, dst string) error { return errNoExchange }
