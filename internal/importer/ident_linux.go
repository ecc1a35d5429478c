package importer

import (
	"fmt"
	"io/fs"
	"syscall"
)

// fileIdentity is a file's device, inode and change time.
func fileIdentity(st fs.FileInfo) string {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("\x00%d\x00%d\x00%d.%d", sys.Dev, sys.Ino, sys.Ctim.Sec, sys.Ctim.Nsec)
}
