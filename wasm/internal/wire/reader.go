package wire

import (
	"encoding/binary"
	"fmt"
)

// Op is one decoded patch op. Fields that an opcode does not carry are zero.
type Op struct {
	Code   byte
	ID     uint32
	Parent uint32
	Before uint32
	Kind   string
	Props  string
	Data   []byte
	Flag   bool
}

// Decode parses a patch buffer into ops. It is the Go twin of the host's decoder, used by the
// recording renderer and by tests. Data slices alias buf.
func Decode(buf []byte) ([]Op, error) {
	var ops []Op
	r := reader{buf: buf}
	for r.off < len(buf) {
		code := r.byte()
		op := Op{Code: code}
		switch code {
		case OpCreate:
			op.ID, op.Kind, op.Props = r.u32(), r.str(), r.str()
		case OpUpdate:
			op.ID, op.Props = r.u32(), r.str()
		case OpInsert:
			op.Parent, op.ID, op.Before = r.u32(), r.u32(), r.u32()
		case OpRemove:
			op.ID = r.u32()
		case OpBlob:
			op.ID = r.u32()
			op.Data = r.bytes()
		case OpStale:
			op.ID = r.u32()
			op.Flag = r.byte() != 0
		default:
			return ops, fmt.Errorf("wire: unknown opcode %d at offset %d", code, r.off-1)
		}
		if r.err != nil {
			return ops, r.err
		}
		ops = append(ops, op)
	}
	return ops, nil
}

type reader struct {
	buf []byte
	off int
	err error
}

func (r *reader) need(n int) bool {
	if r.err != nil {
		return false
	}
	if n < 0 || len(r.buf)-r.off < n {
		r.err = fmt.Errorf("wire: buffer ends inside an op at offset %d", r.off)
		r.off = len(r.buf)
		return false
	}
	return true
}

func (r *reader) byte() byte {
	if !r.need(1) {
		return 0
	}
	r.off++
	return r.buf[r.off-1]
}

func (r *reader) u32() uint32 {
	if !r.need(SizeU32) {
		return 0
	}
	v := binary.LittleEndian.Uint32(r.buf[r.off:])
	r.off += SizeU32
	return v
}

func (r *reader) bytes() []byte {
	n := int(r.u32())
	if !r.need(n) {
		return nil
	}
	b := r.buf[r.off : r.off+n]
	r.off += n
	return b
}

func (r *reader) str() string { return string(r.bytes()) }
