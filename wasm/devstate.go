//go:build !wasmlit_nodevstate

package wasm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// devState is a session's part of keeping state across the dev server's reload.
type devState struct {
	keeper StateKeeper
	kept   map[string]json.RawMessage // saved values not yet read back into a slot; guarded by s.mu
	warned map[string]bool            // slots already warned about; owned by the run goroutine
	last   []byte                     // the last snapshot sent; owned by the run goroutine
}

// keeperOf returns h's StateKeeper, looking through the wrappers the runtime puts around hosts.
func keeperOf(h Host) (StateKeeper, bool) {
	if f, ok := h.(*firstRunHost); ok {
		h = f.Host
	}
	k, ok := h.(StateKeeper)
	return k, ok
}

// restoreKept asks the host, before the first run, whether it keeps state and for the state kept
// from before the reload. A snapshot that is not a JSON object is ignored.
func (s *session) restoreKept() {
	k, ok := keeperOf(s.host)
	if !ok {
		return
	}
	snapshot, keep := k.KeptState()
	if !keep {
		return
	}
	d := &devState{keeper: k, warned: map[string]bool{}}
	if len(snapshot) > 0 {
		if err := json.Unmarshal(snapshot, &d.kept); err != nil {
			d.kept = nil
		}
	}
	s.mu.Lock()
	s.dev = d
	s.mu.Unlock()
}

// keptLocked returns the value saved under name before the dev server's reload, decoded into T,
// and moves it into session state. A value that does not decode into T is dropped. The caller
// holds s.mu.
func keptLocked[T any](s *session, name string) (T, bool) {
	var t T
	if s.dev == nil {
		return t, false
	}
	raw, ok := s.dev.kept[name]
	if !ok {
		return t, false
	}
	delete(s.dev.kept, name)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields() // a field renamed since the save: the old value is not this T
	if err := dec.Decode(&t); err != nil {
		return t, false
	}
	s.state[name] = t
	return t, true
}

// forgetKeptLocked drops the value saved under name before the reload: the app set or deleted
// the slot since. The caller holds s.mu.
func (s *session) forgetKeptLocked(name string) {
	if s.dev != nil {
		delete(s.dev.kept, name)
	}
}

// saveKept sends the host a snapshot of the session state, when it keeps state and the state
// changed since the last one. It runs in the run goroutine at the end of a run, so no app code
// is changing the values it encodes.
func (s *session) saveKept() {
	s.mu.Lock()
	d := s.dev
	if d == nil {
		s.mu.Unlock()
		return
	}
	members := make(map[string]json.RawMessage, len(s.state)+len(d.kept))
	for name, raw := range d.kept { // saved values no slot has read yet stay for the next reload
		members[name] = raw
	}
	values := make(map[string]any, len(s.state))
	for name, v := range s.state {
		values[name] = v
	}
	s.mu.Unlock()

	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names) // warnings in a stable order
	for _, name := range names {
		raw, err := encodeKept(values[name])
		if err != nil {
			if !d.warned[name] {
				d.warned[name] = true
				d.keeper.Warn(fmt.Sprintf("wasmlit: session state %q is not kept across the dev server's reload: %v; "+
					"after a save it starts again at its initial value (keep values of JSON types in session state to keep them)", name, err))
			}
			continue
		}
		members[name] = raw
	}
	snapshot, err := json.Marshal(members)
	if err != nil || bytes.Equal(snapshot, d.last) {
		return
	}
	d.last = snapshot
	d.keeper.SaveState(snapshot)
}

// encodeKept encodes v as JSON, and checks that it decodes back into a value of its type equal to
// v, so that what the reload gives back is what the app had.
func encodeKept(v any) (json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("its %T value cannot be encoded as JSON (%v)", v, err)
	}
	if v == nil {
		return raw, nil
	}
	back := reflect.New(reflect.TypeOf(v))
	if err := json.Unmarshal(raw, back.Interface()); err != nil || !equalAfterJSON(back.Elem(), reflect.ValueOf(v)) {
		return nil, fmt.Errorf("its %T value does not come back equal from JSON (unexported fields, or numbers in an interface?)", v)
	}
	return raw, nil
}

// equalAfterJSON reports whether a equals b: by their Equal method when their type has one (a
// time.Time loses its monotonic reading in JSON), else deeply.
func equalAfterJSON(a, b reflect.Value) bool {
	if m := a.MethodByName("Equal"); m.IsValid() {
		t := m.Type()
		if t.NumIn() == 1 && t.In(0) == b.Type() && t.NumOut() == 1 && t.Out(0).Kind() == reflect.Bool {
			return m.Call([]reflect.Value{b})[0].Bool()
		}
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}
