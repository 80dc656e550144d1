package wire

import "encoding/binary"

// Writer appends ops to a patch buffer. The zero value is an empty buffer ready to use.
// A Writer is not safe for concurrent use. Reset keeps the allocated memory for the next run.
type Writer struct {
	buf []byte
}

// Bytes returns the ops written so far. The slice is owned by the Writer and valid until the
// next write or Reset.
func (w *Writer) Bytes() []byte { return w.buf }

// Len reports the number of bytes written.
func (w *Writer) Len() int { return len(w.buf) }

// Reset empties the buffer, keeping its memory.
func (w *Writer) Reset() { w.buf = w.buf[:0] }

func (w *Writer) u32(v uint32) { w.buf = binary.LittleEndian.AppendUint32(w.buf, v) }

func (w *Writer) str(s string) {
	w.u32(uint32(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *Writer) bytes(b []byte) {
	w.u32(uint32(len(b)))
	w.buf = append(w.buf, b...)
}

// Create writes an op that makes node id of the given kind with the given JSON props.
func (w *Writer) Create(id uint32, kind string, props []byte) {
	w.buf = append(w.buf, OpCreate)
	w.u32(id)
	w.str(kind)
	w.bytes(props)
}

// Update writes an op that replaces node id's props.
func (w *Writer) Update(id uint32, props []byte) {
	w.buf = append(w.buf, OpUpdate)
	w.u32(id)
	w.bytes(props)
}

// Insert writes an op that places node id in parent before node before (0: at the end).
func (w *Writer) Insert(parent, id, before uint32) {
	w.buf = append(w.buf, OpInsert)
	w.u32(parent)
	w.u32(id)
	w.u32(before)
}

// Remove writes an op that removes node id and its subtree.
func (w *Writer) Remove(id uint32) {
	w.buf = append(w.buf, OpRemove)
	w.u32(id)
}

// Blob writes an op that hands node id a binary payload.
func (w *Writer) Blob(id uint32, data []byte) {
	w.buf = append(w.buf, OpBlob)
	w.u32(id)
	w.bytes(data)
}

// Stale writes an op that marks node id as left over from the last run (true) or current (false).
func (w *Writer) Stale(id uint32, stale bool) {
	w.buf = append(w.buf, OpStale)
	w.u32(id)
	var f byte
	if stale {
		f = 1
	}
	w.buf = append(w.buf, f)
}
