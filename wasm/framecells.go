package wasm

import (
	"math"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// ColumnKind is the type of a Column's values.
type ColumnKind byte

// The column kinds.
const (
	FloatColumn  = ColumnKind(wire.ColFloat64) // float64; NaN is an empty cell
	StringColumn = ColumnKind(wire.ColString)
	BoolColumn   = ColumnKind(wire.ColBool)
)

// Kind reports the type of c's values.
func (c Column) Kind() ColumnKind { return ColumnKind(c.kind) }

// Float returns row i of a FloatColumn (NaN for any other kind).
func (c Column) Float(i int) float64 {
	if c.kind != wire.ColFloat64 {
		return math.NaN()
	}
	return c.floats[i]
}

// Str returns row i of a StringColumn ("" for any other kind).
func (c Column) Str(i int) string {
	if c.kind != wire.ColString {
		return ""
	}
	return c.strings[i]
}

// Bool returns row i of a BoolColumn (false for any other kind).
func (c Column) Bool(i int) bool {
	return c.kind == wire.ColBool && c.bools[i]
}

// Value returns row i as a float64, string or bool, by the column's kind.
func (c Column) Value(i int) any {
	switch c.kind {
	case wire.ColFloat64:
		return c.floats[i]
	case wire.ColString:
		return c.strings[i]
	default:
		return c.bools[i]
	}
}

// Column returns the column named name and true, or a zero Column and false.
func (f *Frame) Column(name string) (Column, bool) {
	for _, c := range f.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}
