package wasm

// StateKeeper is implemented by a Host that keeps session state across a reload of the page made
// by the dev server (`wasmlit serve` after a save, SPEC F3), as Streamlit keeps a session across
// script edits. The session sends the host a snapshot of its state after each run, and takes the
// snapshot saved before the reload before its first run. Widget values are not in the snapshot:
// the page replays them as events.
//
// A snapshot is a JSON object with one member per slot the app set (State.Set, App.SetState).
// A slot whose value cannot be JSON-encoded, or does not come back equal from JSON (a func, a
// channel, a struct with unexported fields), is left out, with one warning naming it. A saved
// value comes back into its slot on the slot's first Get or Lookup; one that no longer decodes
// into the slot's type (the app changed the type) is dropped, and the slot starts at its initial
// value.
//
// Only the dev server's pages keep state, so a module `wasmlit build` makes (with the build tag
// wasmlit_nodevstate) does not link this: its sessions never ask their host.
type StateKeeper interface {
	// KeptState is called once, before the session's first run. It returns the snapshot saved
	// before the reload (nil when the page starts fresh) and whether the host keeps state at
	// all: when keep is false, SaveState and Warn are never called.
	KeptState() (snapshot []byte, keep bool)
	// SaveState receives a new snapshot after a run that ends idle, when the state changed. It
	// is called from the session's run goroutine and must not block.
	SaveState(snapshot []byte)
	// Warn shows a message to the developer (the browser console).
	Warn(msg string)
}
