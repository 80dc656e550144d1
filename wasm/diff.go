package wasm

import (
	"bytes"

	"github.com/zeebo/xxh3"
)

// The diff turns what a run emitted into patch ops against what the host shows.
// A final flush (the run finished) removes what the run did not emit; a partial flush (the run is
// still going and the page should show progress) keeps those elements, marked stale, where they
// were among the ones the run has emitted again (A1): a slow run never moves an old element.

// syncChildren writes the ops that make container c's children on the host match this run.
func (s *session) syncChildren(c *node, final bool) {
	desired := s.desired(c, final)
	seq := s.flushSeq
	for _, n := range desired {
		n.mark = seq
	}
	for _, n := range desired {
		if s.emittedIn(c, n) {
			s.syncNode(n, final)
		} else if !n.stale {
			s.w.Stale(n.id, true)
			n.stale = true
		}
	}
	for _, o := range c.children {
		if o.mark != seq {
			s.w.Remove(o.id)
			if c.byKey[o.key] == o { // not a new node of the same key (a placeholder drawn into again)
				delete(c.byKey, o.key)
			}
		}
	}
	if final && len(c.byKey) != len(desired) {
		for k, n := range c.byKey {
			if n.mark != seq {
				delete(c.byKey, k)
			}
		}
	}
	s.place(c, desired)
	c.children = append(c.children[:0], desired...)
	for i, n := range c.children {
		n.pos = i
	}
}

// emittedIn reports whether n, a child of c, was emitted by this run.
func (s *session) emittedIn(c, n *node) bool {
	return c.runGen == s.gen && n.runGen == s.gen
}

// desired lists c's children as they should stand after this flush: the ones this run emitted, in
// its order, and, in a partial flush, the ones shown before that the run has not emitted (yet),
// each kept where it stood among them: after the node it followed on the page, if the run emitted
// that one again, else before the first node emitted again that it preceded.
func (s *session) desired(c *node, final bool) []*node {
	var emitted []*node
	if c.runGen == s.gen {
		emitted = c.next
	}
	if final || c.replace {
		return emitted
	}
	out := make([]*node, 0, len(emitted)+len(c.children))
	j := 0 // c.children before j are in out, or emitted again
	old := func(upto int) {
		for ; j < upto; j++ {
			if o := c.children[j]; !s.emittedIn(c, o) {
				out = append(out, o)
			}
		}
	}
	for _, n := range emitted {
		if n.placed && n.pos >= j && n.pos < len(c.children) && c.children[n.pos] == n {
			old(n.pos)
			j = n.pos + 1
		}
		out = append(out, n)
	}
	old(len(c.children))
	return out
}

// syncNode creates or updates one node emitted in this run, then its children.
func (s *session) syncNode(n *node, final bool) {
	switch {
	case !n.created:
		s.w.Create(n.id, n.kind, n.newProps)
		n.props = bytes.Clone(n.newProps)
		n.created = true
	case !bytes.Equal(n.props, n.newProps):
		s.w.Update(n.id, n.newProps)
		n.props = bytes.Clone(n.newProps)
	}
	if n.newBlob != nil {
		if h := xxh3.Hash(n.newBlob) | 1; h != n.blobHash {
			s.w.Blob(n.id, n.newBlob)
			n.blobHash = h
		}
	}
	if n.stale {
		s.w.Stale(n.id, false)
		n.stale = false
	}
	if n.byKey != nil || len(n.children) > 0 {
		s.syncChildren(n, final)
	}
}

// place writes the inserts that put desired in order inside c. When the nodes already placed keep
// their relative order (the usual case) only new nodes are inserted; otherwise every node is.
func (s *session) place(c *node, desired []*node) {
	inOrder := true
	i := 0
	for _, o := range c.children {
		if o.mark != s.flushSeq {
			continue
		}
		for i < len(desired) && !desired[i].placed {
			i++
		}
		if i >= len(desired) || desired[i] != o {
			inOrder = false
			break
		}
		i++
	}
	var before uint32
	for j := len(desired) - 1; j >= 0; j-- {
		n := desired[j]
		if !n.placed || !inOrder {
			s.w.Insert(c.id, n.id, before)
			n.placed = true
		}
		before = n.id
	}
}
