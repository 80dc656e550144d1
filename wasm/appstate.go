package wasm

// SetState stores v in the app's session state under name, as State.Set would before any widget
// is drawn; the next run sees it. For tests (wasmtest's SetState) and hosts that seed state from
// outside a run. v must be
// of the type the slot, or the widget keyed name, holds. Safe to call from any goroutine.
func (a *App) SetState(name string, v any) { a.s.setState(name, v) }

// StateValue returns the value in the app's session state under name (a widget's value under
// its key), and whether there is one. Safe to call from any goroutine; it reads what the last
// run or event left.
func (a *App) StateValue(name string) (any, bool) {
	a.s.mu.Lock()
	defer a.s.mu.Unlock()
	return a.s.stateLocked(name)
}
