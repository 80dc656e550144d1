//go:build js && wasm

package fetch

import (
	"context"
	"syscall/js"

	"github.com/wasmlit/wasmlit/internal/jsawait"
)

// host returns globalThis.wasmlitHost, or an error saying how to get it.
func host() (js.Value, error) {
	h := js.Global().Get("wasmlitHost")
	if h.Type() != js.TypeObject || h.Get("fetchStart").Type() != js.TypeFunction {
		return js.Undefined(), errNoHost
	}
	return h, nil
}

// fetchStart calls wasmlitHost.fetchStart and waits for the response headers; when ctx ends
// first it aborts the request.
func fetchStart(ctx context.Context, url, initJSON string, body []byte) (js.Value, error) {
	h, err := host()
	if err != nil {
		return js.Undefined(), err
	}
	var jsBody any = js.Null()
	if body != nil {
		u8 := js.Global().Get("Uint8Array").New(len(body))
		js.CopyBytesToJS(u8, body)
		jsBody = u8
	}
	p := h.Call("fetchStart", url, initJSON, jsBody)
	v, err := jsawait.Await(ctx, p)
	if err != nil && ctx.Err() != nil && p.Get("abort").Type() == js.TypeFunction {
		p.Call("abort")
	}
	return v, err
}

// readChunk reads the next body chunk of a fetch handle into a new slice; nil at the end.
func readChunk(ctx context.Context, handle js.Value) ([]byte, error) {
	v, err := jsawait.Await(ctx, handle.Call("read"))
	if err != nil || v.Type() != js.TypeObject {
		return nil, err
	}
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b, nil
}
