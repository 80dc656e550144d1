package wasm

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// Column is one named column of a Frame: numbers, strings or booleans. Make one with Floats,
// Ints, Strings or Bools.
type Column struct {
	Name    string
	floats  []float64
	strings []string
	bools   []bool
	kind    byte
}

// Floats makes a numeric column. NaN shows as an empty cell.
func Floats(name string, values []float64) Column {
	return Column{Name: name, floats: values, kind: wire.ColFloat64}
}

// Ints makes a numeric column from integers.
func Ints[T ~int | ~int32 | ~int64 | ~uint32](name string, values []T) Column {
	f := make([]float64, len(values))
	for i, v := range values {
		f[i] = float64(v)
	}
	return Floats(name, f)
}

// Strings makes a text column.
func Strings(name string, values []string) Column {
	return Column{Name: name, strings: values, kind: wire.ColString}
}

// Bools makes a true/false column.
func Bools(name string, values []bool) Column {
	return Column{Name: name, bools: values, kind: wire.ColBool}
}

// Len reports the number of rows in the column.
func (c Column) Len() int {
	switch c.kind {
	case wire.ColFloat64:
		return len(c.floats)
	case wire.ColString:
		return len(c.strings)
	default:
		return len(c.bools)
	}
}

// cell formats row i for a static table.
func (c Column) cell(i int) string {
	switch c.kind {
	case wire.ColFloat64:
		if math.IsNaN(c.floats[i]) {
			return ""
		}
		return strconv.FormatFloat(c.floats[i], 'g', -1, 64)
	case wire.ColString:
		return c.strings[i]
	default:
		return strconv.FormatBool(c.bools[i])
	}
}

// Frame is a table of named columns of equal length, what DataFrame and Table draw.
type Frame struct {
	Columns []Column
}

// NewFrame makes a frame of columns; all must have the same length.
func NewFrame(columns ...Column) (*Frame, error) {
	f := &Frame{Columns: columns}
	return f, f.check()
}

// Rows reports the number of rows.
func (f *Frame) Rows() int {
	if len(f.Columns) == 0 {
		return 0
	}
	return f.Columns[0].Len()
}

func (f *Frame) check() error {
	for _, c := range f.Columns {
		if c.Len() != f.Rows() {
			return fmt.Errorf("wasmlit: column %q has %d rows but column %q has %d; all columns of a frame need the same length",
				c.Name, c.Len(), f.Columns[0].Name, f.Rows())
		}
	}
	return nil
}

// appendBlob encodes f in the dataframe blob format of docs/PROTOCOL.md.
func (f *Frame) appendBlob(b []byte) []byte {
	le := binary.LittleEndian
	rows := f.Rows()
	b = le.AppendUint32(b, uint32(rows))
	b = le.AppendUint32(b, uint32(len(f.Columns)))
	for _, c := range f.Columns {
		b = append(b, c.kind)
		b = le.AppendUint32(b, uint32(len(c.Name)))
		b = append(b, c.Name...)
		for len(b)%wire.ColumnAlign != 0 {
			b = append(b, 0)
		}
		switch c.kind {
		case wire.ColFloat64:
			b = appendFloat64s(b, c.floats)
		case wire.ColString:
			off := uint32(0)
			b = le.AppendUint32(b, 0)
			for _, s := range c.strings {
				off += uint32(len(s))
				b = le.AppendUint32(b, off)
			}
			for _, s := range c.strings {
				b = append(b, s...)
			}
		case wire.ColBool:
			for _, v := range c.bools {
				if v {
					b = append(b, 1)
				} else {
					b = append(b, 0)
				}
			}
		}
	}
	return b
}

// appendFloat64s appends vs as little-endian float64s in one grow.
func appendFloat64s(b []byte, vs []float64) []byte {
	start := len(b)
	b = append(b, make([]byte, 8*len(vs))...)
	out := b[start:]
	for i, v := range vs {
		binary.LittleEndian.PutUint64(out[8*i:], math.Float64bits(v))
	}
	return b
}

// DataFrame draws f as an interactive table: rows are virtualised, so a million rows scroll
// smoothly, and clicking a header sorts by that column. A nil frame draws an empty table.
func (st *Session) DataFrame(f *Frame) {
	if f == nil {
		f = &Frame{}
	}
	if err := f.check(); err != nil {
		st.Exception(err)
		return
	}
	s := st.s
	s.checkpoint()
	s.arena.begin()
	s.arena.int("height", 0).boolean("sortable", true).int("rows", f.Rows())
	p := s.arena.end()
	n := s.emit(st.parent, "stDataFrame", "", p, nil)
	n.newBlob = f.appendBlob(n.newBlob[:0])
}

// Table draws f as a static table, every cell shown. Use DataFrame for more than a few hundred rows.
func (st *Session) Table(f *Frame) {
	if f == nil {
		f = &Frame{}
	}
	if err := f.check(); err != nil {
		st.Exception(err)
		return
	}
	st.leaf("stTable", func(p *props) {
		names := make([]string, len(f.Columns))
		for i, c := range f.Columns {
			names[i] = c.Name
		}
		p.strs("columns", names)
		p.key("rows")
		p.buf = append(p.buf, '[')
		for r := 0; r < f.Rows(); r++ {
			if r > 0 {
				p.buf = append(p.buf, ',')
			}
			p.buf = append(p.buf, '[')
			for i, c := range f.Columns {
				if i > 0 {
					p.buf = append(p.buf, ',')
				}
				p.buf = appendJSONString(p.buf, c.cell(r))
			}
			p.buf = append(p.buf, ']')
		}
		p.buf = append(p.buf, ']')
	})
}
