package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// Header says what a cache file holds and what made it: a file is
// trusted only by a program that would have written the same header.
type Header struct {
	// Kind names the payload and its layout, with a version that
	// changes whenever either changes meaning ("digest import cache 4").
	Kind string
	// Program is the program that wrote it (Program()). A zero Program
	// is never trusted.
	Program [32]byte
	// Options identifies the settings the payload was made with, when
	// they change what it holds (the threading options of the import
	// cache's analyses); "" when none do.
	Options string
}

// magic opens every cache file.
const magic = "digest cache\x00"

// The reasons Open refuses a file.
var (
	// ErrCorrupt: the file is torn, damaged or not a cache file.
	ErrCorrupt = errors.New("cache: corrupt")
	// ErrStale: the file is whole but another kind, program or set of
	// options wrote it.
	ErrStale = errors.New("cache: stale")
)

// castagnoli is the checksum of the envelope: it catches a torn or
// damaged file (a cache guards against accidents, not adversaries), and
// CRC-32C runs in hardware, where a cryptographic hash of the hundreds of
// megabytes of a large import cache cost more than decoding it.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func appendHeader(b []byte, h Header) []byte {
	b = append(b, magic...)
	b = binary.AppendUvarint(b, uint64(len(h.Kind)))
	b = append(b, h.Kind...)
	b = append(b, h.Program[:]...)
	b = binary.AppendUvarint(b, uint64(len(h.Options)))
	return append(b, h.Options...)
}

// Writer writes an envelope: the header, the payload as it is written,
// and at Close the checksum of both.
type Writer struct {
	w   io.Writer
	crc uint32
	err error
}

// NewWriter starts an envelope of h on w.
func NewWriter(w io.Writer, h Header) *Writer {
	e := &Writer{w: w}
	e.Write(appendHeader(nil, h))
	return e
}

// Write writes part of the payload.
func (e *Writer) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	e.crc = crc32.Update(e.crc, castagnoli, p)
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// Close writes the checksum. It does not close the underlying writer.
func (e *Writer) Close() error {
	if e.err != nil {
		return e.err
	}
	_, e.err = e.w.Write(binary.LittleEndian.AppendUint32(nil, e.crc))
	return e.err
}

// Seal returns payload in an envelope of h.
func Seal(h Header, payload []byte) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf, h)
	w.Write(payload)
	w.Close()
	return buf.Bytes()
}

// Open checks the envelope b and returns its payload, which shares b's
// storage. It fails with ErrCorrupt when the file is not whole, and with
// ErrStale when it was written for another header than want.
func Open(b []byte, want Header) ([]byte, error) {
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return nil, ErrCorrupt
	}
	body, sum := b[:len(b)-4], b[len(b)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(sum) {
		return nil, ErrCorrupt
	}
	d := NewDecoder(body[len(magic):])
	var got Header
	got.Kind = string(d.Bytes())
	copy(got.Program[:], d.Raw(len(got.Program)))
	got.Options = string(d.Bytes())
	if d.Err() != nil {
		return nil, ErrCorrupt
	}
	if got != want || want.Program == ([32]byte{}) {
		return nil, ErrStale
	}
	return d.Rest(), nil
}

// Save writes the cache file name atomically (Volatile: a torn file
// fails its checksum and is refused): the envelope of h around what fill
// encodes, streamed to the file as it is encoded.
func Save(name string, h Header, fill func(*Encoder)) error {
	f, err := Create(name)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	w := NewWriter(f, h)
	e := NewEncoder(w)
	fill(e)
	err = e.Flush()
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		f.Abort()
		return fmt.Errorf("cache: write %s: %w", name, err)
	}
	if err := f.Commit(Volatile); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// Load reads the cache file name and returns its payload; it fails when
// the file is missing or Open refuses it.
func Load(name string, want Header) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return Open(b, want)
}
