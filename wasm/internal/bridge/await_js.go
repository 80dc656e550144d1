//go:build js && wasm

package bridge

import (
	"context"
	"syscall/js"
)

// JSError is a JavaScript exception or promise rejection seen from Go.
type JSError struct {
	Name    string // the error's name, e.g. "TypeError", "AbortError"; empty for a non-Error value
	Message string // its message, or the value as a string
}

func (e *JSError) Error() string {
	if e.Name == "" {
		return e.Message
	}
	return e.Name + ": " + e.Message
}

// jsError converts a rejection reason to a *JSError.
func jsError(v js.Value) *JSError {
	if v.Type() == js.TypeObject && v.InstanceOf(js.Global().Get("Error")) {
		return &JSError{Name: v.Get("name").String(), Message: v.Get("message").String()}
	}
	if v.Type() == js.TypeString {
		return &JSError{Message: v.String()}
	}
	return &JSError{Message: "promise rejected with " + js.Global().Get("String").Invoke(v).String()}
}

type settled struct {
	v   js.Value
	err error
}

// Await blocks the calling goroutine until promise p settles or ctx is done, and returns the
// fulfilled value or the rejection as a *JSError. When ctx ends first it returns ctx.Err(); the
// promise keeps running and its result is dropped. A non-promise value is returned as is.
//
// Never call Await from inside a js.FuncOf callback: the promise cannot settle while the
// callback holds the event loop, so the page deadlocks.
func Await(ctx context.Context, p js.Value) (js.Value, error) {
	if p.Type() != js.TypeObject || p.Get("then").Type() != js.TypeFunction {
		return p, nil
	}
	ch := make(chan settled, 1)
	var onOK, onErr js.Func
	release := func() { onOK.Release(); onErr.Release() }
	onOK = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{v: arg0(args)}
		release()
		return nil
	})
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- settled{err: jsError(arg0(args))}
		release()
		return nil
	})
	p.Call("then", onOK, onErr)
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// Yield blocks the calling goroutine until the browser has had a chance to paint (a frame, then
// a task; the host falls back to a timer in background tabs). Call it before long CPU-bound
// work so a spinner shows. Never call it from inside a js.FuncOf callback.
func Yield() {
	_, _ = Await(context.Background(), host().Call("yield"))
}
