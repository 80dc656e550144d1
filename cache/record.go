package cache

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/zeebo/xxh3"
)

// Records are what the stores hold for a data function entry, in bytes:
//
//	magic     4 bytes  "wlc\x00"
//	version   1 byte   recordVersion
//	created   8 bytes  unix nanoseconds, little-endian (TTL across reloads)
//	name      uvarint length + bytes: the function's identity name
//	funcHash  16 bytes: the function's identity hash
//	type      16 bytes: the fingerprint of the value's Go type (typeFingerprint)
//	elements  uvarint length + bytes: the elements recorded on the miss
//	value     the CBOR-encoded result, up to the checksum
//	checksum  16 bytes: xxh3-128 of everything before it
//
// A record that fails any check is a miss, never a crash: a damaged record, or one of another
// format version, is a miss and a warning; a record of another type (the function's result
// type changed, see typeFingerprint) is a plain miss.
//
// The checksum guards what comes back from a persistent store. A miss's record is "sealed"
// (checksum written) by the background persistent writer, not on the caller's path: the memory
// tier never verifies, and hashing 320 MB took a fifth of a first run's overhead.

const (
	recordMagic   = "wlc\x00"
	recordVersion = 2 // 2: the type fingerprint
	recordSumSize = 16
	recordMinSize = 4 + 1 + 8 + 1 + 16 + 16 + 1 + recordSumSize
)

type record struct {
	Name     string
	FuncHash [16]byte
	Type     [16]byte // typeFingerprint of the value's type
	Created  int64    // unix nanoseconds
	Elements []byte
	Value    []byte
}

// encode returns the sealed record.
func (r *record) encode() []byte {
	b := r.appendHead(make([]byte, 0, r.headSize()+len(r.Value)+recordSumSize))
	b = append(b, r.Value...)
	b = append(b, make([]byte, recordSumSize)...)
	sealRecord(b)
	return b
}

// headSize bounds the size of everything before the value.
func (r *record) headSize() int {
	return recordMinSize + 2*binary.MaxVarintLen64 + len(r.Name) + len(r.Elements)
}

// appendHead appends everything before the value.
func (r *record) appendHead(b []byte) []byte {
	b = append(b, recordMagic...)
	b = append(b, recordVersion)
	b = binary.LittleEndian.AppendUint64(b, uint64(r.Created))
	b = binary.AppendUvarint(b, uint64(len(r.Name)))
	b = append(b, r.Name...)
	b = append(b, r.FuncHash[:]...)
	b = append(b, r.Type[:]...)
	b = binary.AppendUvarint(b, uint64(len(r.Elements)))
	return append(b, r.Elements...)
}

// encodeWith encodes the record with its value written by enc straight into the record's
// buffer, allocated once to hold about valueHint bytes of value: a large value is written once
// instead of being encoded, copied out of the encoder and copied into the record. The record is
// not sealed: its checksum is zero until sealRecord (the persistent writer's job). It returns
// the record and its value, which aliases the record.
func (r *record) encodeWith(valueHint int, enc func(*bytes.Buffer) error) (rec, value []byte, err error) {
	size := r.headSize() + valueHint + recordSumSize
	if err := fitsMemory(int64(size)); err != nil {
		return nil, nil, err
	}
	buf := bytes.NewBuffer(r.appendHead(make([]byte, 0, size)))
	start := buf.Len()
	if err := enc(buf); err != nil {
		return nil, nil, err
	}
	var zero [recordSumSize]byte
	buf.Write(zero[:])
	b := buf.Bytes()
	return b, b[start : len(b)-recordSumSize], nil
}

// sealRecord writes the checksum of the record b into its last 16 bytes. Readers of the
// memory tier may read the rest of b at the same time: they never read the checksum.
func sealRecord(b []byte) {
	body := b[:len(b)-recordSumSize]
	sum := xxh3.Hash128(body).Bytes()
	copy(b[len(body):], sum[:])
}

// recordSumOK reports whether the record b's checksum matches its contents.
func recordSumOK(b []byte) bool {
	if len(b) < recordSumSize {
		return false
	}
	body, sum := b[:len(b)-recordSumSize], b[len(b)-recordSumSize:]
	want := xxh3.Hash128(body).Bytes()
	return bytes.Equal(sum, want[:])
}

// sumStream computes a record's checksum while the record arrives in parts (an IndexedDB read),
// so that the bytes are hashed once, as they are copied in, while the next part is still being
// read. Add each part in order with its offset; ok then reports whether the checksum matches.
type sumStream struct {
	h    *xxh3.Hasher
	size int // the whole record's size
}

func newSumStream(size int) *sumStream { return &sumStream{h: xxh3.New(), size: size} }

// add hashes b, the bytes of the record at offset off (the checksum's bytes are skipped).
func (s *sumStream) add(off int, b []byte) {
	end := min(off+len(b), s.size-recordSumSize)
	if end > off {
		_, _ = s.h.Write(b[:end-off])
	}
}

// ok reports whether rec, the whole record, holds the checksum of what was added.
func (s *sumStream) ok(rec []byte) bool {
	if len(rec) != s.size || len(rec) < recordSumSize {
		return false
	}
	want := s.h.Sum128().Bytes()
	return bytes.Equal(rec[len(rec)-recordSumSize:], want[:])
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorruptRecord}, args...)...)
}

// decodeRecord parses b. With verify, the checksum is checked (records read
// from a persistent store); records from the memory tier were encoded by this
// process and skip it. Elements and Value alias b.
func decodeRecord(b []byte, verify bool) (record, error) {
	var r record
	if len(b) < 5 {
		return r, corrupt("%d bytes is too short", len(b))
	}
	if !bytes.Equal(b[:4], []byte(recordMagic)) {
		return r, corrupt("bad magic %q", b[:4])
	}
	if b[4] != recordVersion {
		return r, corrupt("format version %d, want %d", b[4], recordVersion)
	}
	if len(b) < recordMinSize {
		return r, corrupt("%d bytes is too short", len(b))
	}
	if verify && !recordSumOK(b) {
		return r, corrupt("checksum mismatch")
	}
	p := b[5 : len(b)-recordSumSize]
	r.Created = int64(binary.LittleEndian.Uint64(p))
	p = p[8:]
	var ok bool
	var name []byte
	if name, p, ok = readBytes(p); !ok {
		return r, corrupt("bad name length")
	}
	r.Name = string(name)
	if len(p) < 32 {
		return r, corrupt("truncated function hash or type")
	}
	copy(r.FuncHash[:], p)
	copy(r.Type[:], p[16:])
	p = p[32:]
	if r.Elements, p, ok = readBytes(p); !ok {
		return r, corrupt("bad elements length")
	}
	r.Value = p
	return r, nil
}

func readBytes(p []byte) (field, rest []byte, ok bool) {
	n, k := binary.Uvarint(p)
	if k <= 0 || n > uint64(len(p)-k) {
		return nil, nil, false
	}
	p = p[k:]
	return p[:n:n], p[n:], true
}
