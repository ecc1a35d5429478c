package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"io"
	"os"
	"strconv"
	"sync"
)

// Program identifies the running program, so that a cache written by
// other code (whose pages, analyses or descriptions may differ) is not
// trusted. It is the SHA-256 of the executable's Go build ID, which the
// go command computes from the program's inputs and contents: as good as
// a hash of the file, without reading tens of megabytes on every run.
// An executable without one (linked with -buildid=) is hashed whole.
// The zero value means the program could not be identified; a cache
// that records it is never trusted (see Header).
var Program = sync.OnceValue(func() [32]byte {
	exe, err := os.Executable()
	if err != nil {
		return [32]byte{}
	}
	return programID(exe)
})

func programID(exe string) [32]byte {
	if id := BuildID(exe); id != "" {
		return sha256.Sum256([]byte("go build id\x00" + id))
	}
	f, err := os.Open(exe)
	if err != nil {
		return [32]byte{}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [32]byte{}
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// headSize is how much of an executable is read to find its build ID,
// as `go tool buildid` does: enough for ELF's notes and for the start of
// the text segment of PE files (0x600 for a small program) and most
// Mach-O ones.
const headSize = 32 << 10

var (
	buildIDPrefix = []byte("\xff Go build ID: \"")
	buildIDEnd    = []byte("\"\n \xff")
)

// BuildID reads the Go build ID of an executable as `go tool buildid`
// does: from the ELF note, or from the start of the text section of a
// Mach-O or PE file, where the linker writes it. It returns "" when
// there is none or the file cannot be read.
func BuildID(exe string) string {
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, headSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return ""
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return elfBuildID(f)
	case isMachO(head):
		if id := rawBuildID(head); id != "" {
			return id
		}
		mf, err := macho.NewFile(f)
		if err != nil {
			return ""
		}
		if s := mf.Section("__text"); s != nil {
			return sectionBuildID(f, int64(s.Offset), s.Size)
		}
		return ""
	case bytes.HasPrefix(head, []byte("MZ")):
		if id := rawBuildID(head); id != "" {
			return id
		}
		pf, err := pe.NewFile(f)
		if err != nil {
			return ""
		}
		if s := pf.Section(".text"); s != nil {
			return sectionBuildID(f, int64(s.Offset), uint64(s.Size))
		}
		return ""
	}
	return rawBuildID(head)
}

func isMachO(head []byte) bool {
	for _, m := range [][]byte{{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, {0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe}} {
		if bytes.HasPrefix(head, m) {
			return true
		}
	}
	return false
}

// elfBuildID reads the Go build ID from an ELF executable's notes.
func elfBuildID(r io.ReaderAt) string {
	f, err := elf.NewFile(r)
	if err != nil {
		return ""
	}
	for _, p := range f.Progs {
		if p.Type != elf.PT_NOTE || p.Filesz < 16 || p.Filesz > 1<<20 {
			continue
		}
		d := make([]byte, p.Filesz)
		if _, err := r.ReadAt(d, int64(p.Off)); err != nil {
			continue
		}
		// A run of notes: name size, description size, type, then the
		// name and the description, each padded to 4 bytes. Go's is
		// type 4 named "Go\x00\x00".
		for len(d) >= 12 {
			namesz, descsz, typ := uint64(f.ByteOrder.Uint32(d)), uint64(f.ByteOrder.Uint32(d[4:])), f.ByteOrder.Uint32(d[8:])
			name, desc := 12+(namesz+3)&^3, descsz
			if uint64(len(d)) < name+desc {
				break
			}
			if namesz == 4 && typ == 4 && string(d[12:16]) == "Go\x00\x00" {
				return string(d[name : name+desc])
			}
			next := name + (desc+3)&^3
			if next > uint64(len(d)) {
				break
			}
			d = d[next:]
		}
	}
	return ""
}

// sectionBuildID reads the raw build ID at the start of a section.
func sectionBuildID(r io.ReaderAt, off int64, size uint64) string {
	b := make([]byte, min(size, headSize))
	n, _ := r.ReadAt(b, off)
	return rawBuildID(b[:n])
}

// rawBuildID finds the build ID the linker writes at the start of the
// text segment: `\xff Go build ID: "…"\n \xff`.
func rawBuildID(b []byte) string {
	i := bytes.Index(b, buildIDPrefix)
	if i < 0 {
		return ""
	}
	j := bytes.Index(b[i+len(buildIDPrefix):], buildIDEnd)
	if j < 0 {
		return ""
	}
	id, err := strconv.Unquote(string(b[i+len(buildIDPrefix)-1 : i+len(buildIDPrefix)+j+1]))
	if err != nil {
		return ""
	}
	return id
}
