// Package bridge is the only Go code in wasmlit that touches syscall/js. It connects the runtime
// to host/host.js through the two globals described in docs/PROTOCOL.md: the runtime calls the
// host's wasmlitHost (mount, apply, status, yield, fetchStart, takeFile, log), and the host hands
// widget events to the wasmlitGo object that OnEvents defines.
//
// The package builds only for GOOS=js GOARCH=wasm; on other platforms it is empty, and the
// runtime uses a recording renderer instead.
//
// Calls into JavaScript cost about 3 µs each, so the hot path is batched: Apply moves one run's
// patch buffer with one copy and one call. Functions that wait on a promise (Yield, Await) block
// only the calling goroutine; they must never be called from inside a js.FuncOf callback, where
// waiting deadlocks the page.
package bridge
