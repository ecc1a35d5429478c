package cache

import (
	"encoding/binary"
	"io"
	"time"
	"unsafe"
)

// flushAt is how many encoded bytes an Encoder gathers before it writes
// them: a large cache is hundreds of megabytes, which need not be held
// twice.
const flushAt = 256 << 10

// Encoder appends values in the one binary layout of digest's caches:
// unsigned and signed varints, length-prefixed bytes and strings, raw
// fixed-size blocks. With a writer it writes what it gathered as it
// fills up; the first write error is kept and returned by Flush.
type Encoder struct {
	b   []byte
	w   io.Writer
	err error
}

// NewEncoder returns an encoder that streams to w, or, when w is nil,
// keeps everything for Buffer.
func NewEncoder(w io.Writer) *Encoder {
	e := &Encoder{w: w}
	if w != nil {
		e.b = make([]byte, 0, flushAt+flushAt/4)
	}
	return e
}

func (e *Encoder) spill() {
	if e.w != nil && len(e.b) >= flushAt {
		e.Flush()
	}
}

// Flush writes what is gathered; it returns the first write error.
func (e *Encoder) Flush() error {
	if e.w == nil {
		return nil
	}
	if e.err == nil && len(e.b) > 0 {
		_, e.err = e.w.Write(e.b)
	}
	e.b = e.b[:0]
	return e.err
}

// Buffer returns what an encoder without a writer has encoded.
func (e *Encoder) Buffer() []byte { return e.b }

// Uint appends v as an unsigned varint.
func (e *Encoder) Uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

// Int appends v as a signed varint.
func (e *Encoder) Int(v int64) { e.b = binary.AppendVarint(e.b, v) }

// Bool appends v as 0 or 1.
func (e *Encoder) Bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// Str appends s with its length.
func (e *Encoder) Str(s string) {
	e.Uint(uint64(len(s)))
	e.b = append(e.b, s...)
	e.spill()
}

// Bytes appends p with its length.
func (e *Encoder) Bytes(p []byte) {
	e.Uint(uint64(len(p)))
	e.b = append(e.b, p...)
	e.spill()
}

// Raw appends p as it is, for blocks whose size the reader knows.
func (e *Encoder) Raw(p []byte) {
	e.b = append(e.b, p...)
	e.spill()
}

// Time appends t with its location's offset (time.Time.MarshalBinary).
func (e *Encoder) Time(t time.Time) {
	var buf [16]byte
	b, _ := t.AppendBinary(buf[:0]) // fails only for offsets no date here has
	e.Bytes(b)
}

// Decoder reads what an Encoder wrote. After the first error every read
// returns zero values and Err reports it: a caller reads everything and
// checks once. Lengths are checked against what is left, so damaged
// input is an error, never a panic or a huge allocation.
type Decoder struct {
	b   []byte
	err error
}

// NewDecoder reads b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

// Err is the first error met, or nil.
func (d *Decoder) Err() error { return d.err }

// Done is Err, or ErrCorrupt when bytes are left over.
func (d *Decoder) Done() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	return d.err
}

// Rest returns what is left unread.
func (d *Decoder) Rest() []byte { return d.b }

func (d *Decoder) fail() { d.err, d.b = ErrCorrupt, nil }

// Fail marks the input corrupt, for a check of the caller's own (a
// negative size, a value out of range).
func (d *Decoder) Fail() {
	if d.err == nil {
		d.fail()
	}
}

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Int reads a signed varint.
func (d *Decoder) Int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Bool reads what Encoder.Bool wrote.
func (d *Decoder) Bool() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail()
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// Count reads a number of items that take at least size bytes each,
// and fails when fewer bytes are left than that many items need.
func (d *Decoder) Count(size int) int {
	n := d.Uint()
	if n > uint64(len(d.b)/max(size, 1)) {
		d.fail()
		return 0
	}
	return int(n)
}

// Raw reads n bytes; they share the decoder's input.
func (d *Decoder) Raw(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.fail()
		return nil
	}
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}

// Bytes reads length-prefixed bytes; they share the decoder's input.
func (d *Decoder) Bytes() []byte { return d.Raw(d.Count(1)) }

// Str reads a length-prefixed string, copied. (Not String: a Decoder is
// no fmt.Stringer, whose call would consume its input.)
func (d *Decoder) Str() string { return string(d.Bytes()) }

// SharedStr reads a length-prefixed string that shares the decoder's
// input, which must then never change: for the many strings of a large
// cache read from a buffer nothing writes to.
func (d *Decoder) SharedStr() string {
	p := d.Bytes()
	if len(p) == 0 {
		return ""
	}
	return unsafe.String(&p[0], len(p))
}

// Time reads what Encoder.Time wrote.
func (d *Decoder) Time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary(d.Bytes()); err != nil && d.err == nil {
		d.fail()
	}
	return t
}
