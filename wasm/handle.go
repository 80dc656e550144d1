package wasm

import "context"

// Session is the handle an app draws with: one per mounted app, plus one per container (sidebar,
// column, expander, tab, form, placeholder) that draws into that container. Name the parameter st
// so app code reads like Streamlit. A Session is only valid during the run that handed it out.
type Session struct {
	s      *session
	parent *node
	form   string // key of the form st draws into, "" outside forms
}

// Context returns a context that is cancelled when the current run is stopped by a newer
// interaction or ends with Stop. Pass it to long work (fetches, computations) so a stopped run
// stops it too.
func (st *Session) Context() context.Context { return st.s.runCtx }

// Rerun stops the current run and starts a new one, as Streamlit's st.rerun does. Button clicks
// the stopped run has seen are used up: the new run sees them as not clicked.
func (st *Session) Rerun() {
	st.s.mu.Lock()
	st.s.requestRunLocked()
	st.s.mu.Unlock()
	panic(errRerun{})
}

// child returns a handle that draws into n.
// A child of a form's handle is in the form too.
func (st *Session) child(n *node) *Session { return &Session{s: st.s, parent: n, form: st.form} }

// leaf emits an element with props built by build, in st's container.
func (st *Session) leaf(kind string, build func(p *props)) *node {
	s := st.s
	s.checkpoint()
	s.arena.begin()
	build(&s.arena)
	return s.emit(st.parent, kind, "", s.arena.end(), nil)
}
