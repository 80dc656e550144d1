//go:build js && wasm

package jsawait

import (
	"context"
	"syscall/js"
)

// Error is a JavaScript exception or promise rejection seen from Go.
type Error struct {
	Name    string // the error's name, e.g. "TypeError", "AbortError"; empty for a non-Error value
	Message string // its message, or the value as a string
}

func (e *Error) Error() string {
	if e.Name == "" {
		return e.Message
	}
	return e.Name + ": " + e.Message
}

// ErrorOf converts a rejection reason (an Error object, a string, any value) to an *Error.
func ErrorOf(v js.Value) *Error {
	if v.Type() == js.TypeObject && v.InstanceOf(js.Global().Get("Error")) {
		return &Error{Name: v.Get("name").String(), Message: v.Get("message").String()}
	}
	if v.Type() == js.TypeString {
		return &Error{Message: v.String()}
	}
	return &Error{Message: "promise rejected with " + js.Global().Get("String").Invoke(v).String()}
}

type settled struct {
	v   js.Value
	err error
}

// Await blocks the calling goroutine until promise p settles or ctx is done, and returns the
// fulfilled value or the rejection as an *Error. When ctx ends first it returns ctx.Err(); the
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
		ch <- settled{err: ErrorOf(arg0(args))}
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
