package wasmtest

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// Element is one element as the page would show it, rebuilt from the patch ops the app sent.
type Element struct {
	ID       uint32
	Kind     string         // data-testid, e.g. "stButton"
	Props    map[string]any // the element's props, decoded from JSON
	Blob     []byte         // binary payload (dataframe columns, image bytes), if any
	Stale    bool           // left over from the previous run while a run is in progress
	Children []*Element
	parent   *Element
}

// Str returns the string prop name ("" if absent or not a string).
func (e *Element) Str(name string) string {
	s, _ := e.Props[name].(string)
	return s
}

// Num returns the number prop name (NaN if absent or not a number).
func (e *Element) Num(name string) float64 {
	f, ok := e.Props[name].(float64)
	if !ok {
		return math.NaN()
	}
	return f
}

// Label returns the element's label or, for text elements, its text.
func (e *Element) Label() string {
	if l := e.Str("label"); l != "" {
		return l
	}
	return e.Str("text")
}

// Walk calls f for e and every element below it, in document order.
func (e *Element) Walk(f func(*Element)) {
	f(e)
	for _, c := range e.Children {
		c.Walk(f)
	}
}

// String renders the subtree as an indented outline, for test failure messages.
func (e *Element) String() string {
	var b strings.Builder
	var walk func(*Element, int)
	walk = func(e *Element, depth int) {
		fmt.Fprintf(&b, "%s%s %q\n", strings.Repeat("  ", depth), e.Kind, e.Label())
		for _, c := range e.Children {
			walk(c, depth+1)
		}
	}
	walk(e, 0)
	return b.String()
}

// mirror applies patch buffers to a tree of Elements, checking each op as host.js would.
type mirror struct {
	nodes map[uint32]*Element
	roots [2]*Element
}

func newMirror() *mirror {
	m := &mirror{nodes: make(map[uint32]*Element)}
	m.roots[0] = &Element{ID: wire.RootMain, Kind: "main"}
	m.roots[1] = &Element{ID: wire.RootSidebar, Kind: "stSidebar"}
	m.nodes[wire.RootMain] = m.roots[0]
	m.nodes[wire.RootSidebar] = m.roots[1]
	return m
}

func (m *mirror) apply(buf []byte) error {
	ops, err := wire.Decode(buf)
	if err != nil {
		return err
	}
	for _, op := range ops {
		if err := m.applyOp(op); err != nil {
			return err
		}
	}
	return nil
}

func (m *mirror) applyOp(op wire.Op) error {
	n := m.nodes[op.ID]
	if op.Code != wire.OpCreate && n == nil {
		return fmt.Errorf("op %d names node %d, which does not exist", op.Code, op.ID)
	}
	switch op.Code {
	case wire.OpCreate:
		if n != nil {
			return fmt.Errorf("create: node %d exists already", op.ID)
		}
		e := &Element{ID: op.ID, Kind: op.Kind}
		if err := json.Unmarshal([]byte(op.Props), &e.Props); err != nil {
			return fmt.Errorf("create %d %s: props are not a JSON object: %v", op.ID, op.Kind, err)
		}
		m.nodes[op.ID] = e
	case wire.OpUpdate:
		n.Props = nil
		if err := json.Unmarshal([]byte(op.Props), &n.Props); err != nil {
			return fmt.Errorf("update %d: props %q are not a JSON object: %v", op.ID, op.Props, err)
		}
	case wire.OpInsert:
		p := m.nodes[op.Parent]
		if p == nil {
			return fmt.Errorf("insert: parent %d does not exist", op.Parent)
		}
		if n.parent != nil {
			n.parent.Children = without(n.parent.Children, n)
		}
		at := len(p.Children)
		if op.Before != 0 {
			at = -1
			for i, c := range p.Children {
				if c.ID == op.Before {
					at = i
				}
			}
			if at < 0 {
				return fmt.Errorf("insert %d: node %d is not a child of %d", op.ID, op.Before, op.Parent)
			}
		}
		p.Children = append(p.Children[:at], append([]*Element{n}, p.Children[at:]...)...)
		n.parent = p
	case wire.OpRemove:
		if n.parent != nil {
			n.parent.Children = without(n.parent.Children, n)
		}
		n.Walk(func(d *Element) { delete(m.nodes, d.ID) })
	case wire.OpBlob:
		n.Blob = append([]byte(nil), op.Data...)
	case wire.OpStale:
		n.Stale = op.Flag
	}
	return nil
}

func without(es []*Element, e *Element) []*Element {
	out := es[:0]
	for _, c := range es {
		if c != e {
			out = append(out, c)
		}
	}
	return out
}
