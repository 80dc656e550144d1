// Package driver defines what a runtime and a store implement for package
// cache, the way database/sql/driver sits beside database/sql: an app author
// never needs it, and its names stay out of cache's documentation.
//
// A runtime (wasmlit's session) implements Runtime so that a cached call can show
// a spinner, record the elements a function draws and draw them again on a
// hit. A persistent store (IndexedDB, a directory of files) implements Store,
// and may implement Evictor and KeyLister; a cross-process lock implements
// Locker.
package driver

import (
	"sync"
)

// Runtime is the runtime side of a cached call. The cache finds it from the
// value an app passes as a cached function's first parameter with Lookup.
type Runtime interface {
	// BeginMiss is called on a miss, in the computing caller only, before
	// the function runs: show the spinner (painted before BeginMiss returns)
	// and start recording the elements the function draws. The Recorder's
	// End is called when the function returns or panics.
	//
	// A host that draws widgets polices them: a widget drawn (or replayed)
	// while spec.AllowWidgets is false, in this function or in one it calls,
	// stops the function with a *cache.CachedWidgetError (a panic, which the
	// cache hands on to the caller as a *cache.PanicError whose Value is that
	// error). Recordings nest: every enclosing recording sees the widgets an
	// inner one sees.
	BeginMiss(spec MissSpec) Recorder
	// Replay draws again, in place, elements recorded on a miss; it is
	// called on a hit and in callers that waited for a computation. The cache
	// owns elements: Replay must not retain or modify them. An error means
	// the elements cannot be drawn (a recording of another format) and that
	// nothing was drawn: on a hit the cache then drops the entry, warns and
	// runs the function as on a miss.
	Replay(elements []byte) error
}

// WidgetRuntime is a Runtime whose elements include widgets. The cache uses
// WidgetValues for the key of a function cached with cache.AllowWidgets; a
// Runtime that is not a WidgetRuntime cannot draw widgets, so AllowWidgets changes
// nothing for it.
type WidgetRuntime interface {
	Runtime
	// WidgetValues returns the current value of each widget in ids, encoded
	// as DrawnWidget.Value is, or nil for a widget that has no state in the
	// session (not drawn since the page loaded). It is called on the
	// goroutine of the cached call; the caller owns the result.
	WidgetValues(ids []string) [][]byte
}

// SessionRuntime is a Runtime that tells its session apart from the other sessions of the
// page, for functions cached per session (cache.ScopeSession).
type SessionRuntime interface {
	Runtime
	// SessionID is unique among the sessions of the engine (the page) and stable for the
	// session's life.
	SessionID() string
}

// Detacher is a Runtime that can run a cached function away from the session's runs: the
// background refresh of cache.BackgroundRefresh, which must not draw into a run that has moved on.
type Detacher interface {
	Runtime
	// Detach calls run on a new goroutine with a session of the runtime's own, of the type the
	// app passes to cached functions, whose elements are shown nowhere (the cache records them
	// for later hits as on any miss). When run returns true (it stored a fresh value), the
	// runtime reruns the session it detached from, if that is still open, to show the value.
	Detach(run func(session any) (stored bool))
}

// MissSpec describes a miss to a Runtime. Its zero value means: no spinner,
// widgets refused, no function name.
type MissSpec struct {
	Spinner      SpinnerSpec
	Func         string // display name of the cached function, for error messages
	AllowWidgets bool   // the function was cached with cache.AllowWidgets
}

// SpinnerSpec says how the spinner of a miss looks.
type SpinnerSpec struct {
	Show     bool   // false: record elements but show no spinner
	Text     string // "Running `loadData(...)`." unless cache.SpinnerText was given
	ShowTime bool   // show the elapsed time
}

// Recorder is returned by Runtime.BeginMiss.
type Recorder interface {
	// End stops recording, removes the spinner and returns the recorded
	// elements (opaque bytes, nil when none), which the cache now owns and
	// persists with a data function's value.
	End() (elements []byte)
	// Widgets returns the widgets the function drew (or replayed, in nested
	// cached calls) while recording, in drawing order, one entry per widget
	// id; nil for a host without widgets. It is called once, after End. The
	// cache owns the result.
	Widgets() []DrawnWidget
}

// DrawnWidget is one widget drawn by a cached function during a miss.
type DrawnWidget struct {
	ID    string // the widget's identity in the session
	Value []byte // its value when drawn, encoded by the host: equal values have equal bytes
	Fresh bool   // its state was created by this drawing, so Value is the widget's default
}

var (
	findersMu sync.RWMutex
	finders   []func(session any) Runtime
)

// Register installs find, which returns the Runtime behind the session an
// app passes to a cached function (for wasmlit, a *wasm.Session), or nil when
// the session is not one of its own. A runtime registers in its init, so that
// its session type needs no exported hook methods.
func Register(find func(session any) Runtime) {
	findersMu.Lock()
	defer findersMu.Unlock()
	finders = append(finders, find)
}

// Lookup returns the Runtime behind session: session itself when it
// implements Runtime (a test's fake session does), else what a registered
// finder returns, else nil, which means a plain Go program: no spinner, no
// recording, no replay.
func Lookup(session any) Runtime {
	if h, ok := session.(Runtime); ok {
		return h
	}
	findersMu.RLock()
	defer findersMu.RUnlock()
	for _, find := range finders {
		if h := find(session); h != nil {
			return h
		}
	}
	return nil
}
