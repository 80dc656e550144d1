package wasm

import "fmt"

// State is a typed session-state slot: a value that survives reruns, per session, like
// Streamlit's st.session_state[name]. Declare slots once, at package level:
//
//	var count = wasm.NewState("count", 0)
//
//	func app(st *wasm.Session) {
//		if st.Button("Add") {
//			count.Set(st, count.Get(st)+1)
//		}
//	}
type State[T any] struct {
	name    string
	initial T
}

// NewState declares a slot named name that holds initial until set.
func NewState[T any](name string, initial T) State[T] { return State[T]{name: name, initial: initial} }

// Get returns the slot's value in st's session.
func (k State[T]) Get(st *Session) T {
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	v, ok := st.s.state[k.name]
	if !ok {
		return k.initial
	}
	t, ok := v.(T)
	if !ok {
		panic(fmt.Errorf("wasmlit: session state %q holds a %T, not a %T: two State slots share the name", k.name, v, k.initial))
	}
	return t
}

// Set stores v in the slot for st's session.
func (k State[T]) Set(st *Session, v T) {
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	st.s.state[k.name] = v
}

// Update replaces the slot's value with f(value).
func (k State[T]) Update(st *Session, f func(T) T) {
	v := k.Get(st)
	k.Set(st, f(v))
}

// Delete resets the slot to its initial value.
func (k State[T]) Delete(st *Session) {
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	delete(st.s.state, k.name)
}
