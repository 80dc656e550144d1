// Package wire defines the two byte formats between the Go runtime and host.js: the patch buffer
// that carries one run's DOM changes to the host, and the event batch that carries widget events
// back. docs/PROTOCOL.md describes both; host/wire.gen.js is generated from the constants here.
package wire

//go:generate go run gen.go

// Opcodes of the patch buffer. Each op is one byte followed by its fields (see docs/PROTOCOL.md).
const (
	OpCreate byte = 1 // id u32, kind str, props str
	OpUpdate byte = 2 // id u32, props str
	OpInsert byte = 3 // parent u32, id u32, before u32 (0 = at the end)
	OpRemove byte = 4 // id u32
	OpBlob   byte = 5 // id u32, len u32, bytes
	OpStale  byte = 6 // id u32, flag u8
)

// Sizes of the fixed-width fields.
const (
	SizeOp  = 1 // an opcode
	SizeU32 = 4 // ids, lengths
	SizeU8  = 1 // flags
)

// Node ids the host creates for every session; Go never creates them.
const (
	RootMain    uint32 = 1 // the main block
	RootSidebar uint32 = 2 // the sidebar block
	FirstNodeID uint32 = 3 // the first id Go hands out
)

// Dataframe blob column types.
const (
	ColFloat64 byte = 1
	ColString  byte = 2
	ColBool    byte = 3
)

// ColumnAlign is the alignment, from the blob start, of every dataframe column's data, so the host
// can view float64 columns as a Float64Array without copying.
const ColumnAlign = 8
