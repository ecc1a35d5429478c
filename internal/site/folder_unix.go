//go:build unix

package site

import "golang.org/x/sys/unix"

// folderID is a folder's device, inode and change time: renaming or
// replacing the folder, or adding or removing a file in it, changes them.
func folderID(p string) (folder, bool) {
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return folder{}, false
	}
	return folder{Dev: uint64(st.Dev), Ino: uint64(st.Ino), Ctime: int64(st.Ctim.Sec), CtimeNs: int64(st.Ctim.Nsec)}, true
}
