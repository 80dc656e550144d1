package wasm

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// The data editor (Streamlit's st.data_editor): a frame drawn as an editable grid, whose widget
// value is the set of the user's edits in terms of the frame the app gave. The page sends the
// whole edit set at each change (PROTOCOL.md, Events), so a lost or repeated event cannot leave
// Go and the page disagreeing.
const kindDataEditor = "stDataEditor"

func init() {
	funcNames[kindDataEditor] = "DataEditor"
}

// Edits is what the user changed in a DataEditor, in terms of the frame the app gave: Streamlit's
// edited_rows, added_rows and deleted_rows. The zero value is no edit.
type Edits struct {
	Cells   []CellEdit // changed cells of the frame's rows, by row and then column order
	Added   *Frame     // rows the user added, with the frame's columns; nil when there are none
	Deleted []int      // rows of the frame the user deleted, ascending
}

// CellEdit is one changed cell.
type CellEdit struct {
	Row    int    // the row in the frame given to DataEditor
	Column string // the column's name
	Value  any    // float64 (NaN: emptied), string or bool: the column's kind
}

// editorValue is a data editor's stored value: the edits, and the shape of the frame last drawn
// to check events against. A cell's value is typed like its column.
type editorValue struct {
	cols    []editorCol
	rows    int
	dynamic bool
	cells   map[editKey]any
	added   [][]any // one value per column
	deleted []int   // ascending, no repeats
}

type editorCol struct {
	name string
	kind byte
}

type editKey struct{ row, col int }

// DynamicRows lets the user add and delete rows in a DataEditor (Streamlit's num_rows="dynamic").
func DynamicRows() WidgetOption { return func(o *widgetOptions) { o.dynamicRows = true } }

// DataEditor draws f as an editable table (Streamlit's st.data_editor) and returns the frame as
// the user edited it, with the edits themselves. Numbers, text and true/false cells are edited as
// such: a number cell takes only numbers (emptied, it holds NaN). With DynamicRows the user can
// also add rows (at the end) and delete rows. The label names the table for screen readers and,
// unless collapsed, above it.
//
// A frame with other contents is a new editor, whose edits start empty (as in Streamlit); with a
// Key, edits that still fit the new frame are kept. Session state under the key holds the Edits;
// setting it there shows those edits. The returned frame is new: f is not changed. A frame whose
// columns differ in length stops the run with a WidgetError.
func (st *Session) DataEditor(label string, f *Frame, opts ...WidgetOption) (*Frame, Edits) {
	if f == nil {
		f = &Frame{}
	}
	if err := f.check(); err != nil {
		panic(&WidgetError{Func: "DataEditor", Label: label, Problem: err.Error(),
			Fix: "Give a frame whose columns all have the same length (wasm.NewFrame checks it)."})
	}
	o := widgetOpts(opts)
	blob := f.appendBlob(nil)
	h := fnv.New64a()
	h.Write(blob)
	o.identity(h.Sum64())
	cols := make([]editorCol, len(f.Columns))
	for i, c := range f.Columns {
		cols[i] = editorCol{c.Name, c.kind}
	}
	shape := editorValue{cols: cols, rows: f.Rows(), dynamic: o.dynamicRows}
	o.state(func(v any) (any, bool) {
		ev, ok := v.(editorValue)
		return ev.public(), ok
	}, func(v any) (any, error) {
		e, ok := v.(Edits)
		if !ok {
			return nil, typeError[Edits](v)
		}
		return shape.fromEdits(e)
	})
	var val editorValue
	id := st.use(kindDataEditor, label, o, func() any { return shape }, func(w *widget) {
		w.decode = decodeEdits
		v, _ := w.value.(editorValue)
		v = v.fit(shape)
		w.value = v
		val = v
	})
	s := st.s
	s.arena.begin()
	s.arena.str("id", id).str("label", label).str("help", o.help).boolean("disabled", o.disabled)
	if o.labelVis != "" {
		s.arena.str("labelVisibility", string(o.labelVis))
	}
	s.arena.boolean("dynamic", o.dynamicRows).int("height", o.height).raw("edits", val.appendJSON(nil))
	s.emit(st.parent, kindDataEditor, id, s.arena.end(), blob)
	return val.apply(f), val.public()
}

// fit keeps the edits that still fit shape (the frame now drawn) and takes its shape.
func (v editorValue) fit(shape editorValue) editorValue {
	out := shape
	out.cells = map[editKey]any{}
	same := slices.Equal(v.cols, shape.cols)
	for k, x := range v.cells {
		if same && k.row < shape.rows {
			out.cells[k] = x
		}
	}
	if same && shape.dynamic {
		out.added = v.added
		for _, r := range v.deleted {
			if r < shape.rows {
				out.deleted = append(out.deleted, r)
			}
		}
	}
	return out
}

// apply returns f with the edits made: cells changed, deleted rows dropped, added rows at the end.
func (v editorValue) apply(f *Frame) *Frame {
	keep := make([]int, 0, f.Rows())
	for r := 0; r < f.Rows(); r++ {
		if _, gone := slices.BinarySearch(v.deleted, r); !gone {
			keep = append(keep, r)
		}
	}
	out := &Frame{Columns: make([]Column, len(f.Columns))}
	for c, col := range f.Columns {
		n := Column{Name: col.Name, kind: col.kind}
		for _, r := range keep {
			x, edited := v.cells[editKey{r, c}]
			if !edited {
				x = col.Value(r)
			}
			n = n.with(x)
		}
		for _, row := range v.added {
			n = n.with(row[c])
		}
		out.Columns[c] = n
	}
	return out
}

// with returns c with x appended; x is of c's kind.
func (c Column) with(x any) Column {
	switch c.kind {
	case wire.ColFloat64:
		c.floats = append(c.floats, x.(float64))
	case wire.ColString:
		c.strings = append(c.strings, x.(string))
	default:
		c.bools = append(c.bools, x.(bool))
	}
	return c
}

// public returns the edits as DataEditor returns them.
func (v editorValue) public() Edits {
	var e Edits
	for k, x := range v.cells {
		e.Cells = append(e.Cells, CellEdit{Row: k.row, Column: v.cols[k.col].name, Value: x})
	}
	slices.SortFunc(e.Cells, func(a, b CellEdit) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return v.colIndex(a.Column) - v.colIndex(b.Column)
	})
	if len(v.added) > 0 {
		e.Added = &Frame{Columns: make([]Column, len(v.cols))}
		for c, col := range v.cols {
			n := Column{Name: col.name, kind: col.kind}
			for _, row := range v.added {
				n = n.with(row[c])
			}
			e.Added.Columns[c] = n
		}
	}
	e.Deleted = slices.Clone(v.deleted)
	return e
}

// fromEdits turns Edits set in session state into a stored value of shape, checking each part.
func (shape editorValue) fromEdits(e Edits) (any, error) {
	v := shape
	v.cells = map[editKey]any{}
	for _, c := range e.Cells {
		col := v.colIndex(c.Column)
		if col < 0 {
			return nil, fmt.Errorf("the frame has no column %q", c.Column)
		}
		if c.Row < 0 || c.Row >= v.rows {
			return nil, fmt.Errorf("row %d is outside the frame's %d rows", c.Row, v.rows)
		}
		if !kindHolds(v.cols[col].kind, c.Value) {
			return nil, fmt.Errorf("column %q does not hold a %T", c.Column, c.Value)
		}
		v.cells[editKey{c.Row, col}] = c.Value
	}
	if (e.Added != nil && e.Added.Rows() > 0 || len(e.Deleted) > 0) && !v.dynamic {
		return nil, errors.New("rows can be added or deleted only in an editor with DynamicRows")
	}
	if e.Added != nil {
		for r := 0; r < e.Added.Rows(); r++ {
			row := v.emptyRow()
			for _, c := range e.Added.Columns {
				col := v.colIndex(c.Name)
				if col < 0 || c.kind != v.cols[col].kind {
					return nil, fmt.Errorf("added column %q is not a column of the frame of that kind", c.Name)
				}
				row[col] = c.Value(r)
			}
			v.added = append(v.added, row)
		}
	}
	for _, r := range e.Deleted {
		if r < 0 || r >= v.rows {
			return nil, fmt.Errorf("deleted row %d is outside the frame's %d rows", r, v.rows)
		}
		if _, dup := slices.BinarySearch(v.deleted, r); !dup {
			v.deleted = append(v.deleted, r)
			slices.Sort(v.deleted)
		}
	}
	return v, nil
}

func kindHolds(kind byte, x any) bool {
	switch x.(type) {
	case float64:
		return kind == wire.ColFloat64
	case string:
		return kind == wire.ColString
	case bool:
		return kind == wire.ColBool
	}
	return false
}

func (v editorValue) colIndex(name string) int {
	return slices.IndexFunc(v.cols, func(c editorCol) bool { return c.name == name })
}

// emptyRow is an added row before the user fills it: NaN, "" and false.
func (v editorValue) emptyRow() []any {
	row := make([]any, len(v.cols))
	for i, c := range v.cols {
		row[i] = zeroCell(c.kind)
	}
	return row
}

func zeroCell(kind byte) any {
	switch kind {
	case wire.ColFloat64:
		return math.NaN()
	case wire.ColString:
		return ""
	}
	return false
}

// editEvent is a data editor's change event value: the whole edit set, keyed by the frame's
// row numbers (as decimal strings) and column names.
type editEvent struct {
	Edited  map[string]map[string]json.RawMessage `json:"edited"`
	Added   []map[string]json.RawMessage          `json:"added"`
	Deleted []int                                 `json:"deleted"`
}

// decodeEdits takes the edit set the page sends and checks it against the frame last drawn.
func decodeEdits(w *widget, e wire.Event) error {
	v, _ := w.value.(editorValue)
	if isEmptyEvent(e.Value) {
		return errors.New("the edits are an object, not null")
	}
	var ev editEvent
	if err := json.Unmarshal(e.Value, &ev); err != nil {
		return err
	}
	next := v
	next.cells, next.added, next.deleted = map[editKey]any{}, nil, nil
	for rs, m := range ev.Edited {
		row, err := strconv.Atoi(rs)
		if err != nil || row < 0 || row >= v.rows {
			return fmt.Errorf("edited row %q is not a row of the frame's %d", rs, v.rows)
		}
		for name, raw := range m {
			col := v.colIndex(name)
			if col < 0 {
				return fmt.Errorf("the frame has no column %q", name)
			}
			x, err := parseCell(v.cols[col], raw)
			if err != nil {
				return err
			}
			next.cells[editKey{row, col}] = x
		}
	}
	if (len(ev.Added) > 0 || len(ev.Deleted) > 0) && !v.dynamic {
		return errors.New("rows were added or deleted in an editor without DynamicRows")
	}
	for _, m := range ev.Added {
		row := v.emptyRow()
		for name, raw := range m {
			col := v.colIndex(name)
			if col < 0 {
				return fmt.Errorf("the frame has no column %q", name)
			}
			x, err := parseCell(v.cols[col], raw)
			if err != nil {
				return err
			}
			row[col] = x
		}
		next.added = append(next.added, row)
	}
	for _, r := range ev.Deleted {
		if r < 0 || r >= v.rows {
			return fmt.Errorf("deleted row %d is not a row of the frame's %d", r, v.rows)
		}
		next.deleted = append(next.deleted, r)
	}
	slices.Sort(next.deleted)
	next.deleted = slices.Compact(next.deleted)
	w.value = next
	return nil
}

// parseCell decodes one cell of column c: a number or null (empty) for numbers, a string for
// text, true or false for booleans.
func parseCell(c editorCol, raw json.RawMessage) (any, error) {
	switch c.kind {
	case wire.ColFloat64:
		var f *float64
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("column %q takes numbers, not %s", c.name, raw)
		}
		if f == nil {
			return math.NaN(), nil
		}
		return *f, nil
	case wire.ColString:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil || isEmptyEvent(raw) {
			return nil, fmt.Errorf("column %q takes text, not %s", c.name, raw)
		}
		return s, nil
	default:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil || isEmptyEvent(raw) {
			return nil, fmt.Errorf("column %q takes true or false, not %s", c.name, raw)
		}
		return b, nil
	}
}

// appendJSON writes the edits as the page sends them, for the page to show.
func (v editorValue) appendJSON(b []byte) []byte {
	b = append(b, `{"edited":{`...)
	rows := map[int][]int{}
	var order []int
	for k := range v.cells {
		if _, ok := rows[k.row]; !ok {
			order = append(order, k.row)
		}
		rows[k.row] = append(rows[k.row], k.col)
	}
	slices.Sort(order)
	for i, r := range order {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, strconv.Itoa(r))
		b = append(b, ":{"...)
		cs := rows[r]
		slices.Sort(cs)
		for j, c := range cs {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v.cols[c].name)
			b = append(b, ':')
			b = appendCell(b, v.cells[editKey{r, c}])
		}
		b = append(b, '}')
	}
	b = append(b, `},"added":[`...)
	for i, row := range v.added {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		for c, x := range row {
			if c > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v.cols[c].name)
			b = append(b, ':')
			b = appendCell(b, x)
		}
		b = append(b, '}')
	}
	b = append(b, `],"deleted":[`...)
	for i, r := range v.deleted {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(r), 10)
	}
	return append(b, "]}"...)
}

func appendCell(b []byte, x any) []byte {
	switch x := x.(type) {
	case float64:
		return appendJSONNumber(b, x)
	case string:
		return appendJSONString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	}
	return append(b, "null"...)
}
