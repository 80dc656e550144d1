package cache

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/cache/funcid"
)

// fakeClock is a manual clock: tests advance it, never sleep.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// warnLog collects warnings.
type warnLog struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnLog) Warn(msg string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, fmt.Sprint(append([]any{msg}, args...)...))
}

func (w *warnLog) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.msgs...)
}

type testEnv struct {
	e     *Engine
	clock *fakeClock
	warns *warnLog
}

func newEnv(t testing.TB, store driver.Store) *testEnv {
	t.Helper()
	env := &testEnv{clock: newFakeClock(), warns: &warnLog{}}
	env.e = NewEngine(Config{Store: store, Now: env.clock.Now, Logger: env.warns})
	t.Cleanup(env.e.Flush)
	return env
}

func (env *testEnv) opt() Option { return WithEngine(env.e) }

// withIdentity makes identify return id's Name/Params for fn (as a source
// table would), keeping everything else from funcid.Of.
var identMu sync.Mutex
var identOverrides = map[uintptr]func(funcid.Identity) funcid.Identity{}

func init() {
	identify = func(fn any) funcid.Identity {
		id := funcid.Of(fn)
		identMu.Lock()
		f := identOverrides[reflect.ValueOf(fn).Pointer()]
		identMu.Unlock()
		if f != nil {
			id = f(id)
		}
		return id
	}
}

func withParams(fn any, display string, params ...string) {
	identMu.Lock()
	defer identMu.Unlock()
	identOverrides[reflect.ValueOf(fn).Pointer()] = func(id funcid.Identity) funcid.Identity {
		id.Params, id.Display, id.FromSource = params, display, true
		return id
	}
}

// fakeHost is a Host that records spinners and emitted elements.
type fakeHost struct {
	ctx      context.Context
	mu       sync.Mutex
	spinners []driver.SpinnerSpec
	emitted  []string // elements emitted live or replayed, in order
	rec      *fakeRecorder
}

type fakeRecorder struct {
	h   *fakeHost
	buf []string
}

func newHost() *fakeHost { return &fakeHost{ctx: context.Background()} }

func (h *fakeHost) Context() context.Context { return h.ctx }

func (h *fakeHost) BeginMiss(spec driver.MissSpec) driver.Recorder {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.spinners = append(h.spinners, spec.Spinner)
	h.rec = &fakeRecorder{h: h}
	return h.rec
}

// Emit is what an element call inside a cached function does.
func (h *fakeHost) Emit(el string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.emitted = append(h.emitted, el)
	if h.rec != nil {
		h.rec.buf = append(h.rec.buf, el)
	}
}

func (r *fakeRecorder) End() []byte {
	r.h.mu.Lock()
	defer r.h.mu.Unlock()
	r.h.rec = nil
	if len(r.buf) == 0 {
		return nil
	}
	return []byte(strings.Join(r.buf, "\n"))
}

func (h *fakeHost) Replay(b []byte) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.emitted = append(h.emitted, strings.Split(string(b), "\n")...)
	return nil
}

func (h *fakeHost) elements() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.emitted...)
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func reflectValue(v any) reflect.Value { return reflect.ValueOf(&v).Elem().Elem() }

func (r *fakeRecorder) Widgets() []driver.DrawnWidget { return nil }
