//go:build js && wasm

package bridge

import "syscall/js"

// KeptState returns the session state host/devstate.js saved for session sid before the dev
// server's reload ("" when there is none), and whether the page keeps state at all: false when it
// is not served by `wasmlit serve`, or its host is older than this call (docs/PROTOCOL.md).
func KeptState(sid int) (snapshot string, keep bool) {
	h := host()
	if h.Get("keptState").Type() != js.TypeFunction {
		return "", false
	}
	v := h.Call("keptState", sid)
	if v.Type() != js.TypeString {
		return "", false
	}
	return v.String(), true
}

// SaveState gives the host session sid's state after a run, a JSON object, to keep across the
// dev server's next reload.
func SaveState(sid int, snapshot string) {
	host().Call("saveState", sid, snapshot)
}
