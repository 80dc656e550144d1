package wasm

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// A recording is what a cached function drew on a miss, stored with its value (B13):
//
//	version u8, count u32, then per element:
//	parent i32 (index of an earlier element, or one of the parent* constants),
//	flags u8 (1: the element is a placeholder whose children replace each other),
//	kind str, widget str (the widget's identity; empty for other elements),
//	props str, blob str (length 0xFFFFFFFF: no blob)
//
// where str is a u32 length and the bytes, little endian. A recording of another version fails
// to decode; the cache then treats its entry as a miss.
//
// Version 2 added the widget identity, so that a replayed widget is live (B14).
const recordingVersion = 2

// Parents that are not an element of the recording.
const (
	parentCall    = -1 // the container the cached function was called with
	parentMain    = -2 // the page's main block
	parentSidebar = -3 // the sidebar
)

const noBlob = 0xFFFFFFFF

// maxRecording bounds the element count a recording may claim, so a corrupt one cannot make
// the decoder allocate without limit.
const maxRecording = 1 << 20

type recorded struct {
	parent  int
	kind    string
	widget  string // the widget's identity, "" for other elements
	props   []byte
	blob    []byte
	replace bool
}

func encodeRecording(recs []recorded) []byte {
	le := binary.LittleEndian
	b := []byte{recordingVersion}
	b = le.AppendUint32(b, uint32(len(recs)))
	for _, r := range recs {
		b = le.AppendUint32(b, uint32(int32(r.parent)))
		var flags byte
		if r.replace {
			flags = 1
		}
		b = append(b, flags)
		b = le.AppendUint32(b, uint32(len(r.kind)))
		b = append(b, r.kind...)
		b = le.AppendUint32(b, uint32(len(r.widget)))
		b = append(b, r.widget...)
		b = le.AppendUint32(b, uint32(len(r.props)))
		b = append(b, r.props...)
		if r.blob == nil {
			b = le.AppendUint32(b, noBlob)
		} else {
			b = le.AppendUint32(b, uint32(len(r.blob)))
			b = append(b, r.blob...)
		}
	}
	return b
}

var errBadRecording = errors.New("wasmlit: a cached function's recorded elements are damaged")

// decodeRecording parses a recording. The slices alias b.
func decodeRecording(b []byte) ([]recorded, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if b[0] != recordingVersion {
		return nil, fmt.Errorf("wasmlit: recorded elements have format %d, this build reads %d", b[0], recordingVersion)
	}
	le := binary.LittleEndian
	off := 1
	u32 := func() (uint32, bool) {
		if len(b)-off < 4 {
			return 0, false
		}
		v := le.Uint32(b[off:])
		off += 4
		return v, true
	}
	bytesOf := func(allowNone bool) ([]byte, bool) {
		n, ok := u32()
		if !ok {
			return nil, false
		}
		if n == noBlob && allowNone {
			return nil, true
		}
		if uint64(len(b)-off) < uint64(n) {
			return nil, false
		}
		v := b[off : off+int(n) : off+int(n)]
		off += int(n)
		return v, true
	}
	count, ok := u32()
	if !ok || count > maxRecording {
		return nil, errBadRecording
	}
	recs := make([]recorded, 0, min(int(count), 1024))
	for i := 0; i < int(count); i++ {
		p, ok := u32()
		if !ok || off >= len(b) {
			return nil, errBadRecording
		}
		r := recorded{parent: int(int32(p)), replace: b[off] == 1}
		off++
		kind, ok1 := bytesOf(false)
		wid, ok4 := bytesOf(false)
		props, ok2 := bytesOf(false)
		blob, ok3 := bytesOf(true)
		if !ok1 || !ok2 || !ok3 || !ok4 || r.parent >= i || r.parent < parentSidebar || len(kind) == 0 {
			return nil, errBadRecording
		}
		r.kind, r.widget, r.props, r.blob = string(kind), string(wid), props, blob
		recs = append(recs, r)
	}
	if off != len(b) {
		return nil, errBadRecording
	}
	return recs, nil
}
