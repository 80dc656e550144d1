package wasm

// Stop ends the current run at once, from anywhere in it (a nested function, a container, a
// cached function), like Streamlit's st.stop. It is not an error: no exception is shown. What the
// run drew so far stays on the page and the app stays interactive: the next interaction runs the
// app again from the top. Elements of earlier runs that this run had not drawn yet are taken away,
// and widgets it had not drawn yet keep their values (Streamlit's rule for st.stop).
//
// Stop inside a cached function caches nothing: the function's value is not stored, and the next
// call computes it again; a caller in another session waiting for the same key computes it itself.
//
// Stop works by panicking with a value the runtime recovers, like Rerun: call it from the run's
// goroutine only (not from a goroutine the app started), and do not recover its panic. Deferred
// calls run as the run unwinds.
func (st *Session) Stop() {
	s := st.s
	// Cancel the run's context first: a cached function in flight then sees its caller stopped,
	// so callers waiting for the same key try again rather than inherit the stop (cache.flight).
	s.mu.Lock()
	cancel := s.cancelRun
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	panic(errStop{})
}

// errStop is the panic value of Session.Stop. It is an error so that it keeps its identity when a
// cached function's panic wraps it.
type errStop struct{}

func (errStop) Error() string { return "wasmlit: run ended by st.Stop" }
