//go:build wasmlit_nodevstate

package wasm

// Built with the tag wasmlit_nodevstate (`wasmlit build` sets it; `wasmlit serve`, whose pages
// reload after a save, does not), a module keeps no session state across a reload: only a page
// of the dev server asks for it (host/devstate.js), and the JSON round trip that checks each
// value, with the reflection it calls, is then not linked into the module. A StateKeeper host
// is never asked.

// devState is empty: a session's dev field stays nil.
type devState struct{}

func (s *session) restoreKept() {
	s.mu.Lock()
	s.dev = nil // nothing is kept
	s.mu.Unlock()
}

func keptLocked[T any](*session, string) (T, bool) {
	var t T
	return t, false
}

func (s *session) forgetKeptLocked(string) {}

func (s *session) saveKept() {}
