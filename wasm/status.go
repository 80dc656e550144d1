package wasm

import (
	"bytes"
	"fmt"
)

// StatusState is the state a status container shows beside its label.
type StatusState string

// The states of a status container, as Streamlit names them.
const (
	StatusRunning  StatusState = "running"  // a spinner: the work is under way
	StatusComplete StatusState = "complete" // a check mark
	StatusError    StatusState = "error"    // an error mark
)

// StatusOption changes a status container when it is drawn or updated.
type StatusOption func(*statusOptions)

type statusOptions struct {
	state    StatusState
	expanded bool
}

// StatusExpanded opens the container (true) or collapses it (false). A status starts collapsed.
func StatusExpanded(expanded bool) StatusOption {
	return func(o *statusOptions) { o.expanded = expanded }
}

// WithStatusState sets the state shown; a status starts running.
func WithStatusState(state StatusState) StatusOption {
	return func(o *statusOptions) { o.state = state }
}

// Status is a container that shows the state of a long task (Streamlit's st.status): a label
// with a spinner, a check mark or an error mark, above content the user can expand. Draw into
// it through its Session; Update changes its label, state and expansion during the run.
type Status struct {
	*Session
	label string
	opts  statusOptions
}

// Status draws a status container with label, running and collapsed unless options say
// otherwise, and returns it. Its element is an expander (test id stExpander) that also carries
// a state. An unknown state stops the run with a WidgetError.
func (st *Session) Status(label string, opts ...StatusOption) *Status {
	s := &Status{label: label, opts: statusOptions{state: StatusRunning}}
	s.apply(opts)
	s.Session = st.container("stExpander", s.build)
	return s
}

func (s *Status) apply(opts []StatusOption) {
	for _, f := range opts {
		f(&s.opts)
	}
	switch s.opts.state {
	case StatusRunning, StatusComplete, StatusError:
	default:
		panic(&WidgetError{Func: "Status", Label: s.label, Problem: fmt.Sprintf("%q is not a status state", string(s.opts.state)),
			Fix: "Use wasm.StatusRunning, wasm.StatusComplete or wasm.StatusError."})
	}
}

func (s *Status) build(p *props) {
	p.str("label", s.label).boolean("expanded", s.opts.expanded).str("state", string(s.opts.state))
}

// Update sets the container's label and changes what opts give (state, expansion), as
// Streamlit's status.update does. Like Progress.Set, the page shows the change within a tenth
// of a second while the run goes on.
func (s *Status) Update(label string, opts ...StatusOption) {
	s.label = label
	s.apply(opts)
	ss := s.s
	ss.checkpoint()
	ss.arena.begin()
	s.build(&ss.arena)
	s.parent.newProps = bytes.Clone(ss.arena.end())
}
