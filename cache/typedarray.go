package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"unsafe"

	"github.com/fxamacker/cbor/v2"
)

// Numeric slices as RFC 8746 typed arrays.
//
// fxamacker/cbor encodes a []float64 as a CBOR array of floats (9 bytes and
// one decoder step per element: 62 MB/s in wasm). A named slice type with its
// own marshaler is encoded as one tag + byte string holding the elements'
// little-endian memory (1,148 MB/s in wasm). Put these types in the structs
// that cached functions return; they convert to and from the plain slice
// types for free ([]float64(col), cache.Float64s(xs)). A result whose type is
// itself a plain numeric slice ([]float64, []int32, ...) is encoded as a
// typed array automatically. Decoding also accepts a plain CBOR array.

// Float64s is a []float64 stored as an RFC 8746 typed array (tag 86).
type Float64s []float64

// Float32s is a []float32 stored as an RFC 8746 typed array (tag 85).
type Float32s []float32

// Int64s is a []int64 stored as an RFC 8746 typed array (tag 79).
type Int64s []int64

// Int32s is a []int32 stored as an RFC 8746 typed array (tag 78).
type Int32s []int32

// Int16s is a []int16 stored as an RFC 8746 typed array (tag 77).
type Int16s []int16

// Uint64s is a []uint64 stored as an RFC 8746 typed array (tag 71).
type Uint64s []uint64

// Uint32s is a []uint32 stored as an RFC 8746 typed array (tag 70).
type Uint32s []uint32

// Uint16s is a []uint16 stored as an RFC 8746 typed array (tag 69).
type Uint16s []uint16

// Ints is a []int stored as an RFC 8746 typed array of int64 (tag 79).
type Ints []int

// RFC 8746 tags (little-endian variants).
const (
	tagUint16LE  = 69
	tagUint32LE  = 70
	tagUint64LE  = 71
	tagSint16LE  = 77
	tagSint32LE  = 78
	tagSint64LE  = 79
	tagFloat32LE = 85
	tagFloat64LE = 86
)

var littleEndian = func() bool { x := uint16(1); return *(*byte)(unsafe.Pointer(&x)) == 1 }()

func memBytes[E any](s []E) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(s[0])))
}

// marshalTyped writes tag, byte-string header, then the elements.
func marshalTyped[E any](tag uint64, s []E) ([]byte, error) {
	if s == nil {
		return []byte{0xf6}, nil // null
	}
	var size int
	var zero E
	size = int(unsafe.Sizeof(zero))
	n := len(s) * size
	out := make([]byte, 0, 9+9+n)
	out = appendHead(out, 6, tag)
	out = appendHead(out, 2, uint64(n))
	if littleEndian {
		return append(out, memBytes(s)...), nil
	}
	out = out[:len(out)+n]
	putLE(out[len(out)-n:], memBytes(s), size)
	return out, nil
}

// writeTyped writes what marshalTyped returns straight into buf: the elements are copied once,
// from the slice into buf, instead of into a new slice and then into buf (a record's value).
func writeTyped[E any](buf *bytes.Buffer, tag uint64, s []E) {
	if s == nil {
		buf.WriteByte(0xf6) // null
		return
	}
	var zero E
	size := int(unsafe.Sizeof(zero))
	n := len(s) * size
	var head [18]byte
	buf.Write(appendHead(appendHead(head[:0], 6, tag), 2, uint64(n)))
	if littleEndian {
		buf.Write(memBytes(s))
		return
	}
	buf.Grow(n)
	b := buf.AvailableBuffer()[:n]
	putLE(b, memBytes(s), size)
	buf.Write(b)
}

// typedArray is implemented by the typed array types: writeCBOR writes the value's CBOR (as
// MarshalCBOR returns it) into buf without an intermediate copy.
type typedArray interface {
	writeCBOR(buf *bytes.Buffer)
}

func (s Float64s) writeCBOR(buf *bytes.Buffer) { writeTyped(buf, tagFloat64LE, s) }
func (s Float32s) writeCBOR(buf *bytes.Buffer) { writeTyped(buf, tagFloat32LE, s) }
func (s Int64s) writeCBOR(buf *bytes.Buffer)   { writeTyped(buf, tagSint64LE, s) }
func (s Int32s) writeCBOR(buf *bytes.Buffer)   { writeTyped(buf, tagSint32LE, s) }
func (s Int16s) writeCBOR(buf *bytes.Buffer)   { writeTyped(buf, tagSint16LE, s) }
func (s Uint64s) writeCBOR(buf *bytes.Buffer)  { writeTyped(buf, tagUint64LE, s) }
func (s Uint32s) writeCBOR(buf *bytes.Buffer)  { writeTyped(buf, tagUint32LE, s) }
func (s Uint16s) writeCBOR(buf *bytes.Buffer)  { writeTyped(buf, tagUint16LE, s) }

func (s Ints) writeCBOR(buf *bytes.Buffer) {
	if unsafe.Sizeof(int(0)) == 8 {
		writeTyped(buf, tagSint64LE, s)
		return
	}
	b, _ := s.MarshalCBOR()
	buf.Write(b)
}

// putLE copies src to dst reversing each size-byte element (big-endian hosts).
func putLE(dst, src []byte, size int) {
	for i := 0; i+size <= len(src); i += size {
		for j := range size {
			dst[i+j] = src[i+size-1-j]
		}
	}
}

func appendHead(b []byte, major byte, n uint64) []byte {
	m := major << 5
	switch {
	case n < 24:
		return append(b, m|byte(n))
	case n <= math.MaxUint8:
		return append(b, m|24, byte(n))
	case n <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(b, m|25), uint16(n))
	case n <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(b, m|26), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, m|27), n)
}

// readHead parses a CBOR head with the expected major type.
func readHead(b []byte, major byte) (n uint64, rest []byte, ok bool) {
	if len(b) == 0 || b[0]>>5 != major {
		return 0, nil, false
	}
	ai := b[0] & 31
	b = b[1:]
	switch {
	case ai < 24:
		return uint64(ai), b, true
	case ai == 24 && len(b) >= 1:
		return uint64(b[0]), b[1:], true
	case ai == 25 && len(b) >= 2:
		return uint64(binary.BigEndian.Uint16(b)), b[2:], true
	case ai == 26 && len(b) >= 4:
		return uint64(binary.BigEndian.Uint32(b)), b[4:], true
	case ai == 27 && len(b) >= 8:
		return binary.BigEndian.Uint64(b), b[8:], true
	}
	return 0, nil, false
}

var errTypedArray = errors.New("cache: malformed typed array")

// unmarshalTyped decodes a typed array with the given tag, or a null, or a
// plain CBOR array (decoded by fxamacker into the plain slice type).
func unmarshalTyped[E any](tag uint64, data []byte, dst *[]E) error {
	if len(data) == 1 && data[0] == 0xf6 {
		*dst = nil
		return nil
	}
	if len(data) > 0 && data[0]>>5 == 4 { // a plain array
		var plain []E
		if err := valueDecMode.Unmarshal(data, &plain); err != nil {
			return err
		}
		*dst = plain
		return nil
	}
	t, rest, ok := readHead(data, 6)
	if !ok || t != tag {
		return errTypedArray
	}
	n, rest, ok := readHead(rest, 2)
	var zero E
	size := uint64(unsafe.Sizeof(zero))
	if !ok || n != uint64(len(rest)) || n%size != 0 {
		return errTypedArray
	}
	s := make([]E, n/size)
	if littleEndian {
		copy(memBytes(s), rest)
	} else {
		putLE(memBytes(s), rest, int(size))
	}
	*dst = s
	return nil
}

// MarshalCBOR implements cbor.Marshaler.
func (s Float64s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagFloat64LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Float64s) UnmarshalCBOR(b []byte) error {
	return unmarshalTyped(tagFloat64LE, b, (*[]float64)(s))
}

// MarshalCBOR implements cbor.Marshaler.
func (s Float32s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagFloat32LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Float32s) UnmarshalCBOR(b []byte) error {
	return unmarshalTyped(tagFloat32LE, b, (*[]float32)(s))
}

// MarshalCBOR implements cbor.Marshaler.
func (s Int64s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagSint64LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Int64s) UnmarshalCBOR(b []byte) error { return unmarshalTyped(tagSint64LE, b, (*[]int64)(s)) }

// MarshalCBOR implements cbor.Marshaler.
func (s Int32s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagSint32LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Int32s) UnmarshalCBOR(b []byte) error { return unmarshalTyped(tagSint32LE, b, (*[]int32)(s)) }

// MarshalCBOR implements cbor.Marshaler.
func (s Int16s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagSint16LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Int16s) UnmarshalCBOR(b []byte) error { return unmarshalTyped(tagSint16LE, b, (*[]int16)(s)) }

// MarshalCBOR implements cbor.Marshaler.
func (s Uint64s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagUint64LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Uint64s) UnmarshalCBOR(b []byte) error {
	return unmarshalTyped(tagUint64LE, b, (*[]uint64)(s))
}

// MarshalCBOR implements cbor.Marshaler.
func (s Uint32s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagUint32LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Uint32s) UnmarshalCBOR(b []byte) error {
	return unmarshalTyped(tagUint32LE, b, (*[]uint32)(s))
}

// MarshalCBOR implements cbor.Marshaler.
func (s Uint16s) MarshalCBOR() ([]byte, error) { return marshalTyped(tagUint16LE, s) }

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Uint16s) UnmarshalCBOR(b []byte) error {
	return unmarshalTyped(tagUint16LE, b, (*[]uint16)(s))
}

// MarshalCBOR implements cbor.Marshaler. int is stored as int64.
func (s Ints) MarshalCBOR() ([]byte, error) {
	if unsafe.Sizeof(int(0)) == 8 {
		return marshalTyped(tagSint64LE, s)
	}
	w := make([]int64, len(s))
	for i, x := range s {
		w[i] = int64(x)
	}
	return marshalTyped(tagSint64LE, w)
}

// UnmarshalCBOR implements cbor.Unmarshaler.
func (s *Ints) UnmarshalCBOR(b []byte) error {
	if unsafe.Sizeof(int(0)) == 8 {
		return unmarshalTyped(tagSint64LE, b, (*[]int)(s))
	}
	var w []int64
	if err := unmarshalTyped(tagSint64LE, b, &w); err != nil {
		return err
	}
	*s = make(Ints, len(w))
	for i, x := range w {
		(*s)[i] = int(x)
	}
	return nil
}

var (
	_ cbor.Marshaler   = Float64s(nil)
	_ cbor.Unmarshaler = (*Float64s)(nil)
)
