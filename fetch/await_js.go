//go:build js && wasm

package fetch

import (
	"context"
	"syscall/js"
)

// This file holds the little syscall/js this package needs. It cannot use
// wasmlit/wasm/internal/bridge (Go's internal rule keeps that package to wasm/...), so it keeps
// its own promise helper, the twin of bridge.Await.

// jsError is a JavaScript rejection reason seen from Go.
type jsError struct{ name, message string }

func (e *jsError) Error() string { return e.name + ": " + e.message }

func toJSError(v js.Value) *jsError {
	if v.Type() == js.TypeObject && v.InstanceOf(js.Global().Get("Error")) {
		return &jsError{name: v.Get("name").String(), message: v.Get("message").String()}
	}
	return &jsError{name: "Error", message: js.Global().Get("String").Invoke(v).String()}
}

type settled struct {
	v   js.Value
	err *jsError
}

// await blocks the calling goroutine until promise p settles or ctx ends (then it returns
// ctx.Err() and drops the promise's result). Never call it inside a js.FuncOf callback.
func await(ctx context.Context, p js.Value) (js.Value, error) {
	ch := make(chan settled, 1)
	var onOK, onErr js.Func
	onOK = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{v: args[0]}
		onOK.Release()
		onErr.Release()
		return nil
	})
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{err: toJSError(args[0])}
		onOK.Release()
		onErr.Release()
		return nil
	})
	p.Call("then", onOK, onErr)
	select {
	case r := <-ch:
		if r.err != nil {
			return js.Undefined(), r.err
		}
		return r.v, nil
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

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
	v, err := await(ctx, p)
	if err != nil && ctx.Err() != nil && p.Get("abort").Type() == js.TypeFunction {
		p.Call("abort")
	}
	return v, err
}

// readChunk reads the next body chunk of a fetch handle into a new slice; nil at the end.
func readChunk(ctx context.Context, handle js.Value) ([]byte, error) {
	v, err := await(ctx, handle.Call("read"))
	if err != nil || v.Type() != js.TypeObject {
		return nil, err
	}
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b, nil
}
