package site

import "syscall"

// folderID is a folder's volume serial number, file index and last write
// time: replacing the folder, or adding or removing a file in it,
// changes them. (NTFS keeps a file index for the life of a folder, as
// Unix keeps an inode.)
func folderID(p string) (folder, bool) {
	name, err := syscall.UTF16PtrFromString(p)
	if err != nil {
		return folder{}, false
	}
	// FILE_FLAG_BACKUP_SEMANTICS opens a folder; FILE_FLAG_OPEN_REPARSE_POINT
	// opens a link itself, as Lstat does.
	h, err := syscall.CreateFile(name, 0, syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE, nil,
		syscall.OPEN_EXISTING, syscall.FILE_FLAG_BACKUP_SEMANTICS|syscall.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return folder{}, false
	}
	defer syscall.CloseHandle(h)
	var fi syscall.ByHandleFileInformation
	if err := syscall.GetFileInformationByHandle(h, &fi); err != nil {
		return folder{}, false
	}
	if fi.FileAttributes&syscall.FILE_ATTRIBUTE_DIRECTORY == 0 || fi.FileAttributes&syscall.FILE_ATTRIBUTE_REPARSE_POINT != 0 {
		return folder{}, false
	}
	return folder{
		Dev:     uint64(fi.VolumeSerialNumber),
		Ino:     uint64(fi.FileIndexHigh)<<32 | uint64(fi.FileIndexLow),
		Ctime:   fi.LastWriteTime.Nanoseconds(),
		CtimeNs: fi.CreationTime.Nanoseconds(),
	}, true
}
