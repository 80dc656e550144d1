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
//
// A widget drawn with a key has its value in session state under that key (A12), so a slot of the
// same name reads and sets the widget, typed as the widget function returns it (a Slider[int]'s
// slot is a State[int], a Multiselect[string]'s a State[[]string]). State.Key gives the option that
// ties a widget to a slot:
//
//	var level = wasm.NewState("level", 0)
//
//	wasm.Slider(st, "Level", 0, 100, 0, level.Key())
//	st.Textf("level is %d", level.Get(st)) // anywhere in the run, callbacks included
//
// A slot set before its widget is drawn in the run (or from a callback) gives the widget that
// value; setting it after the widget is drawn in the same run is an error element. The zero State
// has the name "" and is of no use; a State is a name and an initial value, safe to copy and to
// share between sessions.
//
// Under `wasmlit serve`, the slots' values survive the reload that follows a save (SPEC F3; see
// StateKeeper for which values JSON can carry).
type State[T any] struct {
	name    string
	initial T
}

// NewState declares a slot named name that holds initial until set.
func NewState[T any](name string, initial T) State[T] { return State[T]{name: name, initial: initial} }

// Name returns the slot's name: the key of the widget it is tied to, if any.
func (k State[T]) Name() string { return k.name }

// Key is the widget option Key(name): the widget's value is then this slot's value.
func (k State[T]) Key() WidgetOption { return Key(k.name) }

// Get returns the slot's value in st's session, or its initial value when it holds none (an
// option widget with nothing chosen holds none).
func (k State[T]) Get(st *Session) T {
	v, _ := k.Lookup(st)
	return v
}

// Lookup returns the slot's value and true, or the initial value and false when it holds none:
// never set, or the key of an option widget with nothing chosen.
func (k State[T]) Lookup(st *Session) (T, bool) {
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	v, ok := st.s.stateLocked(k.name)
	if !ok {
		if t, ok := keptLocked[T](st.s, k.name); ok { // saved before the dev server's reload (F3)
			return t, true
		}
		return k.initial, false
	}
	t, ok := v.(T)
	if !ok {
		panic(&StateError{Key: k.name,
			Problem: fmt.Sprintf("holds a %T, not a %T", v, k.initial),
			Fix:     "Two State slots, or a slot and a widget key, share the name: read it with the widget's type, or rename one."})
	}
	return t, true
}

// Set stores v in the slot for st's session. If the slot is a widget's key, the widget shows v
// from its next drawing; it must not have been drawn yet in this run.
func (k State[T]) Set(st *Session, v T) {
	s := st.s
	s.checkNotDrawn(k.name)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forgetKeptLocked(k.name)
	s.state[k.name] = v
}

// Update replaces the slot's value with f(value).
func (k State[T]) Update(st *Session, f func(T) T) {
	v := k.Get(st)
	k.Set(st, f(v))
}

// Delete resets the slot to its initial value; a widget keyed by its name starts again at its
// default, as if it were new.
func (k State[T]) Delete(st *Session) {
	s := st.s
	s.checkNotDrawn(k.name)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forgetKeptLocked(k.name)
	delete(s.state, k.name)
	delete(s.widgets, keyID(k.name))
}

// keyID is the identity of the widget with key name.
func keyID(name string) string { return "key:" + validUTF8(name) }

// stateLocked returns the session-state value under name: one the app set and no widget took yet,
// else the value of the widget keyed name. The caller holds s.mu.
func (s *session) stateLocked(name string) (any, bool) {
	if v, ok := s.state[name]; ok {
		return v, true
	}
	if w := s.widgets[keyID(name)]; w != nil && w.toPublic != nil {
		return w.toPublic(w.value)
	}
	return nil, false
}

// checkNotDrawn refuses a change to the session state of a widget already drawn in this run
// (Streamlit's "cannot be modified after the widget is instantiated"). It runs in the run
// goroutine, which owns s.seen.
func (s *session) checkNotDrawn(name string) {
	if s.seen[keyID(name)] {
		panic(errModifiedAfterWidget(name))
	}
}

// setState stores v under name between runs, for tests and hosts (App.SetState): no run is
// drawing, so no widget is drawn yet.
func (s *session) setState(name string, v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forgetKeptLocked(name)
	s.state[name] = v
}
