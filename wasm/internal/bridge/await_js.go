//go:build js && wasm

package bridge

import (
	"context"
	"syscall/js"

	"github.com/wasmlit/wasmlit/internal/jsawait"
)

// JSError is a JavaScript exception or promise rejection seen from Go.
type JSError = jsawait.Error

// Await blocks the calling goroutine until promise p settles or ctx is done (see jsawait.Await).
// Never call it from inside a js.FuncOf callback.
func Await(ctx context.Context, p js.Value) (js.Value, error) { return jsawait.Await(ctx, p) }

// Yield blocks the calling goroutine until the browser has had a chance to paint (a frame, then
// a task; the host falls back to a timer in background tabs). Call it before long CPU-bound
// work so a spinner shows. Never call it from inside a js.FuncOf callback.
func Yield() {
	_, _ = Await(context.Background(), host().Call("yield"))
}
