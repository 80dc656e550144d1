// Package htmlrender draws a session's elements as static HTML, in the DOM that host.js builds
// for them (host/components), for the page the build prerenders (SPEC C7). Every element's root
// carries data-wl-id, its node id, so that the live session adopts it in place (host/adopt.js).
// Kinds it cannot draw statically (charts, images, ...) become empty placeholders of their kind
// that the live run fills.
package htmlrender

import (
	"encoding/json"
	"fmt"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// Node is one element of the tree.
type Node struct {
	ID    uint32
	Kind  string
	Props map[string]any
	Blob  []byte
	Kids  []*Node
	up    *Node
}

// Tree is the element tree of one session, built from its patch buffers. The zero value is not
// usable; see NewTree. A Tree is not safe for concurrent use.
type Tree struct {
	nodes map[uint32]*Node
}

// NewTree returns a tree holding only the session's two root blocks.
func NewTree() *Tree {
	t := &Tree{nodes: make(map[uint32]*Node)}
	t.nodes[wire.RootMain] = &Node{ID: wire.RootMain, Kind: "stMain"}
	t.nodes[wire.RootSidebar] = &Node{ID: wire.RootSidebar, Kind: "stSidebar"}
	return t
}

// Root returns the main block (main true) or the sidebar block.
func (t *Tree) Root(main bool) *Node {
	if main {
		return t.nodes[wire.RootMain]
	}
	return t.nodes[wire.RootSidebar]
}

// Apply applies one patch buffer, as host/session.js does. The tree copies what it keeps.
func (t *Tree) Apply(buf []byte) error {
	ops, err := wire.Decode(buf)
	if err != nil {
		return err
	}
	for _, op := range ops {
		if err := t.apply(op); err != nil {
			return fmt.Errorf("htmlrender: op %d on node %d: %w", op.Code, op.ID, err)
		}
	}
	return nil
}

func (t *Tree) apply(op wire.Op) error {
	switch op.Code {
	case wire.OpCreate:
		if old := t.nodes[op.ID]; old != nil {
			t.remove(old)
		}
		n := &Node{ID: op.ID, Kind: op.Kind}
		if err := parseProps(op.Props, &n.Props); err != nil {
			return err
		}
		t.nodes[op.ID] = n
	case wire.OpUpdate:
		n := t.nodes[op.ID]
		if n == nil {
			return fmt.Errorf("no node")
		}
		n.Props = nil
		return parseProps(op.Props, &n.Props)
	case wire.OpInsert:
		p, n := t.nodes[op.Parent], t.nodes[op.ID]
		if p == nil || n == nil {
			return fmt.Errorf("no node (parent %d)", op.Parent)
		}
		t.detach(n)
		at := len(p.Kids)
		for i, k := range p.Kids {
			if k.ID == op.Before {
				at = i
				break
			}
		}
		p.Kids = append(p.Kids[:at], append([]*Node{n}, p.Kids[at:]...)...)
		n.up = p
	case wire.OpRemove:
		if n := t.nodes[op.ID]; n != nil {
			t.remove(n)
		}
	case wire.OpBlob:
		n := t.nodes[op.ID]
		if n == nil {
			return fmt.Errorf("no node")
		}
		n.Blob = append([]byte(nil), op.Data...)
	case wire.OpStale:
		// Stale marks are a run in progress; the prerender draws a finished run.
	default:
		return fmt.Errorf("unknown opcode")
	}
	return nil
}

func parseProps(s string, into *map[string]any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), into)
}

func (t *Tree) detach(n *Node) {
	if n.up == nil {
		return
	}
	kids := n.up.Kids
	for i, k := range kids {
		if k == n {
			n.up.Kids = append(kids[:i:i], kids[i+1:]...)
			break
		}
	}
	n.up = nil
}

func (t *Tree) remove(n *Node) {
	t.detach(n)
	var drop func(*Node)
	drop = func(n *Node) {
		delete(t.nodes, n.ID)
		for _, k := range n.Kids {
			drop(k)
		}
	}
	drop(n)
}
