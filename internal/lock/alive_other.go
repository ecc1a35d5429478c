//go:build !unix && !windows

package lock

// alive cannot ask the system here: a lock is held until its file is
// removed by hand.
func alive(int) bool { return true }
