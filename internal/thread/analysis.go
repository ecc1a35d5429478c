package thread

import (
	"encoding/binary"
	"errors"
	"math"
	"unsafe"
)

// Analysis is what one article contributes to threading before it meets
// a Threader's state: its weighted terms and fingerprints. Computing it is
// most of the work of Add and is pure, so a caller may compute many on
// all cores, or keep them (MarshalBinary) for articles that have not
// changed, and then add them in order with AddAnalysed or Restore.
type Analysis struct {
	a *analysis
}

// Analyse computes d's Analysis under opt (Title and Text are read). It
// is safe for concurrent use.
func Analyse(d Doc, opt Options) *Analysis {
	return &Analysis{analyse(d, opt.withDefaults(), nil)}
}

// AddAnalysed is Add with d's analysis already computed: an must be
// Analyse(d, opt) for the Threader's options.
func (t *Threader) AddAnalysed(d Doc, an *Analysis) Assignment {
	if k, ok := t.byDoc[d.ID]; ok {
		return t.assignment(k)
	}
	return t.add(d, an.a, false)
}

// Restore adds an article whose thread is fixed (d.Thread is set) and
// known to be right, such as one already in the content folder: it joins
// that thread's state as Add would, but it is not compared with earlier
// articles, so its Assignment never has a CopyOf. an must be Analyse(d,
// opt) for the Threader's options. With d.Thread empty it is AddAnalysed.
func (t *Threader) Restore(d Doc, an *Analysis) Assignment {
	if k, ok := t.byDoc[d.ID]; ok {
		return t.assignment(k)
	}
	return t.add(d, an.a, true)
}

// analysisFormat opens an encoded Analysis; a new layout needs a new one.
const analysisFormat = 1

// MarshalBinary encodes the analysis compactly.
func (an *Analysis) MarshalBinary() ([]byte, error) {
	return an.encode(nil), nil
}

// A Vocabulary numbers terms, so that the analyses encoded with it store
// a number for each term instead of its letters: the encodings of many
// articles are a third smaller and decode without making strings. It
// only grows, so encodings made with it stay valid.
type Vocabulary struct {
	terms []string
	ids   map[string]uint32
}

// NewVocabulary returns a Vocabulary of terms (as Terms returned them:
// the encodings made with that vocabulary decode with this one).
// The terms are not copied; Encode never writes to the slice given.
func NewVocabulary(terms []string) *Vocabulary {
	return &Vocabulary{terms: terms[:len(terms):len(terms)]}
}

// Terms returns the vocabulary's terms, in the order of their numbers.
func (v *Vocabulary) Terms() []string { return v.terms }

// Encode encodes an analysis with v's numbers, adding the terms v lacks.
// It is not safe for concurrent use.
func (v *Vocabulary) Encode(an *Analysis) []byte { return an.encode(v) }

// Decode decodes what Encode wrote, with the same vocabulary or a
// larger one made from it. Like UnmarshalShared, the analysis shares b,
// which must not change while it is in use. Decode is safe for concurrent
// use, but not with Encode.
func (v *Vocabulary) Decode(b []byte) (*Analysis, error) {
	if len(b) == 0 {
		return nil, errCorrupt
	}
	an := &Analysis{}
	if err := an.decodeWith(unsafe.String(&b[0], len(b)), v); err != nil {
		return nil, err
	}
	return an, nil
}

// vocabularyFormat opens an analysis encoded with a Vocabulary.
const vocabularyFormat = 2

func (an *Analysis) encode(v *Vocabulary) []byte {
	a := an.a
	b := make([]byte, 0, 16+len(a.terms)*10+len(a.shing)*4+len(a.sents.words)*4)
	if v != nil {
		b = append(b, vocabularyFormat)
		if v.ids == nil {
			// Numbered on the first Encode: a vocabulary that only
			// decodes never needs the map.
			v.ids = make(map[string]uint32, len(v.terms))
			for i, t := range v.terms {
				if _, dup := v.ids[t]; !dup {
					v.ids[t] = uint32(i)
				}
			}
		}
	} else {
		b = append(b, analysisFormat)
	}
	uv := func(v uint64) { b = binary.AppendUvarint(b, v) }
	str := func(s string) {
		uv(uint64(len(s)))
		b = append(b, s...)
	}
	uv(uint64(len(a.terms)))
	for i, k := range a.terms {
		if v != nil {
			id, ok := v.ids[k]
			if !ok {
				id = uint32(len(v.terms))
				v.terms = append(v.terms, k)
				v.ids[k] = id
			}
			uv(uint64(id))
		} else {
			str(k)
		}
		// Weights are sums of small multiples of a quarter: such a
		// weight is written as a count of eighths, shifted, with a zero
		// low bit; any other as its bits after a one.
		tf := a.tf[i]
		named := uint64(0)
		if a.named[i] {
			named = 1
		}
		if q := tf * 8; q >= 0 && q < 1<<40 && q == math.Trunc(q) {
			uv(uint64(q)<<2 | named<<1)
		} else {
			uv(named<<1 | 1)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(tf))
		}
	}
	uv(uint64(len(a.shing)))
	for _, h := range a.shing {
		b = binary.LittleEndian.AppendUint32(b, h)
	}
	uv(uint64(len(a.sents.words)))
	for _, w := range a.sents.words {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	uv(uint64(len(a.sents.size)))
	b = append(b, a.sents.size...)
	str(a.protagonist)
	if a.fullName {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	uv(uint64(len(a.leadPeople)))
	for _, p := range a.leadPeople {
		str(p)
	}
	return b
}

var errCorrupt = errors.New("thread: analysis: corrupt encoding")

// UnmarshalBinary decodes what MarshalBinary wrote. It checks every
// length against the input, so a damaged encoding is an error, never a
// panic or a huge allocation.
func (an *Analysis) UnmarshalBinary(data []byte) error {
	// The terms are cut from one copy of the encoding: one allocation
	// instead of one a term. The Threader copies the few terms it keeps.
	return an.decode(string(data))
}

// UnmarshalShared is UnmarshalBinary without the copy of data: the
// Analysis's terms share data's storage, which must not change while the
// Analysis is in use. A caller that decodes many analyses from one buffer
// it never writes to saves copying them all.
func (an *Analysis) UnmarshalShared(data []byte) error {
	if len(data) == 0 {
		return errCorrupt
	}
	return an.decode(unsafe.String(&data[0], len(data)))
}

func (an *Analysis) decode(whole string) error { return an.decodeWith(whole, nil) }

// decodeWith decodes an analysis, with v's terms when it was encoded with
// a vocabulary.
func (an *Analysis) decodeWith(whole string, v *Vocabulary) error {
	b := unsafe.Slice(unsafe.StringData(whole), len(whole))
	at := func() int { return len(whole) - len(b) }
	bad := false
	uv := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad, b = true, nil
			return 0
		}
		b = b[n:]
		return v
	}
	// count reads a length of items of at least size bytes each.
	count := func(size int) int {
		n := uv()
		if n > uint64(len(b)/size) {
			bad, b = true, nil
			return 0
		}
		return int(n)
	}
	str := func() string {
		n := count(1)
		s := whole[at() : at()+n]
		b = b[n:]
		return s
	}
	want := byte(analysisFormat)
	if v != nil {
		want = vocabularyFormat
	}
	if len(b) == 0 || b[0] != want {
		return errCorrupt
	}
	b = b[1:]
	a := &analysis{}
	n := count(2)
	a.terms, a.tf, a.named = make([]string, n), make([]float64, n), make([]bool, n)
	if v != nil {
		a.vids, a.voc = make([]uint32, n), v
	}
	for i := 0; i < n && !bad; i++ {
		if v != nil {
			id := uv()
			if id >= uint64(len(v.terms)) {
				return errCorrupt
			}
			a.terms[i] = v.terms[id]
			a.vids[i] = uint32(id)
		} else {
			a.terms[i] = str()
		}
		v := uv()
		a.named[i] = v&2 != 0
		if v&1 == 0 {
			a.tf[i] = float64(v>>2) / 8
			continue
		}
		if len(b) < 8 {
			return errCorrupt
		}
		a.tf[i] = math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
	}
	a.shing = make([]uint32, count(4))
	for i := range a.shing {
		a.shing[i] = binary.LittleEndian.Uint32(b)
		b = b[4:]
	}
	if nw := count(4); nw > 0 {
		a.sents.words = make([]uint32, nw)
		for i := range a.sents.words {
			a.sents.words[i] = binary.LittleEndian.Uint32(b)
			b = b[4:]
		}
	}
	if ns := count(1); ns > 0 {
		a.sents.size = append([]uint8(nil), b[:ns]...)
		b = b[ns:]
	}
	a.protagonist = str()
	if len(b) < 1 || b[0] > 1 {
		return errCorrupt
	}
	a.fullName = b[0] == 1
	b = b[1:]
	if np := count(1); np > 0 {
		a.leadPeople = make([]string, np)
		for i := range a.leadPeople {
			a.leadPeople[i] = str()
		}
	}
	if bad || len(b) != 0 {
		return errCorrupt
	}
	an.a = a
	return nil
}
