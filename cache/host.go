package cache

import (
	"context"
	"reflect"
)

// Host is what a cached call needs from the running app. The runtime
// implements it (its session type); a cached function takes it as its first
// parameter (after the receiver for methods), so that the cache can show a
// spinner and replay elements in the right place. A nil Host value (a nil
// pointer, a nil interface) or NoHost means a plain Go program: no spinner,
// no recording, no replay, context.Background.
//
// A Host whose elements include widgets also implements WidgetHost (B14).
type Host interface {
	// Context is cancelled when the run that called is stopped. A caller
	// waiting for another caller's computation stops waiting then.
	Context() context.Context
	// BeginMiss is called on a miss, in the computing caller only, before
	// the function runs: show the spinner (painted before BeginMiss returns)
	// and start recording the elements the function emits. The Recorder's
	// End is called when the function returns or panics.
	BeginMiss(spinner SpinnerSpec) Recorder
	// Replay re-emits, in place, elements recorded on a miss; it is called
	// on a hit and in callers that waited for a computation. The cache owns
	// elements: Replay must not retain or modify them. An error means the
	// elements cannot be drawn (a recording of another format) and that
	// nothing was drawn: on a hit the cache then drops the entry, warns and
	// runs the function as on a miss.
	Replay(elements []byte) error
}

// Recorder is returned by Host.BeginMiss.
type Recorder interface {
	// End stops recording, removes the spinner and returns the recorded
	// elements (opaque bytes, nil when none), which the cache now owns and
	// persists with a data function's value.
	End() (elements []byte)
}

// SpinnerSpec says how the spinner of a miss looks.
type SpinnerSpec struct {
	Show     bool   // false: record elements but show no spinner
	Text     string // "Running `loadData(...)`." unless SpinnerText was given
	ShowTime bool   // show the elapsed time
}

// NoHost is the Host of a plain Go program: context.Background, no spinner,
// no replay, no widgets (it is not a WidgetHost, so AllowWidgets changes
// nothing for it). Its zero value is ready to use.
type NoHost struct{}

// Context returns context.Background().
func (NoHost) Context() context.Context { return context.Background() }

// BeginMiss returns a Recorder that records nothing.
func (NoHost) BeginMiss(SpinnerSpec) Recorder { return nopRecorder{} }

// Replay does nothing.
func (NoHost) Replay([]byte) error { return nil }

type nopRecorder struct{}

func (nopRecorder) End() []byte { return nil }

// liveHost returns h, or nil for a nil or no-op host.
func liveHost(h Host) Host {
	if h == nil {
		return nil
	}
	if _, ok := h.(NoHost); ok {
		return nil
	}
	switch v := reflect.ValueOf(h); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		if v.IsNil() {
			return nil
		}
	}
	return h
}

func hostContext(h Host) context.Context {
	if h == nil {
		return context.Background()
	}
	if ctx := h.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
