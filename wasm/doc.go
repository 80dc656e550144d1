// Package wasm is wasmlit's runtime and the API apps draw with.
//
// An app is a function that draws the page from top to bottom:
//
//	func main() { wasm.Run(app) }
//
//	func app(st *wasm.Session) {
//		st.Title("Uber pickups")
//		if st.Button("Rerun") {
//			st.Text("clicked")
//		}
//	}
//
// Run calls the app once when the page loads and again after every widget interaction. Elements
// appear in call order. Widgets return their current value; the value survives reruns. An
// interaction while a run is in progress stops that run at its next call into the runtime and
// starts a new one, so the last interaction wins and no value is lost.
//
// The app function may call any method of its *Session and of the handles it returns (sidebar,
// columns, containers, placeholders). It must not keep a *Session beyond the run that received it,
// nor call it from other goroutines. A panic in the app (or in a widget callback) is shown as an
// exception element, with its message and Go stack, where it happened; the elements drawn before it
// stay and the app keeps responding to the next interaction. The runtime stops a run by panicking
// with a private value; an app that recovers panics must re-panic values that are not its own.
//
// The runtime is plain Go: natively, package wasmtest runs apps with a recording renderer and no
// browser. In the browser, Run drives the page through host.js (see docs/PROTOCOL.md).
package wasm
