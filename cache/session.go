package cache

import (
	"context"
	"reflect"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// Session is what a cached function takes as its first parameter (after the
// receiver for methods): the running app's session, *wasm.Session, through
// which a miss shows a spinner and records the elements the function draws,
// and a hit draws them again in place (B8, B13). A plain Go program passes
// NoSession{} or a nil Session: no spinner, no recording, no replay.
type Session interface {
	// Context is cancelled when the run that called is stopped. A caller
	// waiting for another caller's computation stops waiting then.
	Context() context.Context
}

// NoSession is the Session of a plain Go program: context.Background, no
// spinner, no replay, no widgets. Its zero value is ready to use.
type NoSession struct{}

// Context returns context.Background().
func (NoSession) Context() context.Context { return context.Background() }

// runtimeOf returns the context of a call made with st, and the runtime behind
// st (package driver), nil for a nil session, NoSession or a plain program.
func runtimeOf(st Session) (context.Context, driver.Runtime) {
	if isNilSession(st) {
		return context.Background(), nil
	}
	ctx := st.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	return ctx, driver.Lookup(st)
}

func isNilSession(st Session) bool {
	if st == nil {
		return true
	}
	if _, ok := st.(NoSession); ok {
		return true
	}
	switch v := reflect.ValueOf(st); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return v.IsNil()
	}
	return false
}
