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
//	elements  uvarint length + bytes: the elements recorded on the miss
//	value     the CBOR-encoded result, up to the checksum
//	checksum  16 bytes: xxh3-128 of everything before it
//
// A record that fails any check is a miss and a warning, never a crash.

const (
	recordMagic   = "wlc\x00"
	recordVersion = 1
	recordMinSize = 4 + 1 + 8 + 1 + 16 + 1 + 16
)

type record struct {
	Name     string
	FuncHash [16]byte
	Created  int64 // unix nanoseconds
	Elements []byte
	Value    []byte
}

func (r *record) encode() []byte {
	b := r.appendHead(make([]byte, 0, r.headSize()+len(r.Value)+16))
	b = append(b, r.Value...)
	sum := xxh3.Hash128(b).Bytes()
	return append(b, sum[:]...)
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
	b = binary.AppendUvarint(b, uint64(len(r.Elements)))
	return append(b, r.Elements...)
}

// encodeWith encodes the record with its value written by enc straight into the record's
// buffer, grown once to hold about valueHint bytes of value: a large value is written once
// instead of being encoded, copied out of the encoder and copied into the record (measured: the
// first-run overhead of the seed's 10M-row table was mostly those copies and the allocations
// behind them). It returns the record and its value, which aliases the record.
func (r *record) encodeWith(valueHint int, enc func(*bytes.Buffer) error) (rec, value []byte, err error) {
	buf := bytes.NewBuffer(make([]byte, 0, r.headSize()+valueHint+16))
	buf.Write(r.appendHead(nil))
	start := buf.Len()
	if err := enc(buf); err != nil {
		return nil, nil, err
	}
	b := buf.Bytes()
	sum := xxh3.Hash128(b).Bytes()
	b = append(b, sum[:]...)
	return b, b[start : len(b)-16], nil
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCorruptRecord}, args...)...)
}

// decodeRecord parses b. With verify, the checksum is checked (records read
// from a persistent store); records from the memory tier were encoded by this
// process and skip it. Elements and Value alias b.
func decodeRecord(b []byte, verify bool) (record, error) {
	var r record
	if len(b) < recordMinSize {
		return r, corrupt("%d bytes is too short", len(b))
	}
	if !bytes.Equal(b[:4], []byte(recordMagic)) {
		return r, corrupt("bad magic %q", b[:4])
	}
	if b[4] != recordVersion {
		return r, corrupt("format version %d, want %d", b[4], recordVersion)
	}
	body, sum := b[:len(b)-16], b[len(b)-16:]
	if verify {
		want := xxh3.Hash128(body).Bytes()
		if !bytes.Equal(sum, want[:]) {
			return r, corrupt("checksum mismatch")
		}
	}
	p := body[5:]
	r.Created = int64(binary.LittleEndian.Uint64(p))
	p = p[8:]
	var ok bool
	var name []byte
	if name, p, ok = readBytes(p); !ok {
		return r, corrupt("bad name length")
	}
	r.Name = string(name)
	if len(p) < 16 {
		return r, corrupt("truncated function hash")
	}
	copy(r.FuncHash[:], p)
	p = p[16:]
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
