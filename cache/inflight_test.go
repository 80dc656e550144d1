package cache

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// Compute once and clears through the wrappers (B16, B17, B29), in synctest bubbles: see
// flight_test.go for the flight's own tests.

// result is what one Call in a goroutine got.
type result[R any] struct {
	v     R
	err   error
	panic any
}

// callAsync runs call in a new goroutine and delivers what it got on the returned channel.
func callAsync[R any](call func() (R, error)) <-chan result[R] {
	ch := make(chan result[R], 1)
	go func() {
		var r result[R]
		defer func() {
			r.panic = recover()
			ch <- r
		}()
		r.v, r.err = call()
	}()
	return ch
}

// N concurrent callers of one key: the function runs once while the others wait, and every
// caller gets its own copy of the result.
func TestComputeOnce_B16(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		env := newEnv(t, nil)
		var runs atomic.Int32
		release := make(chan struct{})
		f := Data1(func(_ NoSession, n int) ([]int, error) {
			runs.Add(1)
			<-release
			return []int{n}, nil
		}, env.opt())
		const N = 16
		var outs []<-chan result[[]int]
		for range N {
			outs = append(outs, callAsync(func() ([]int, error) { return f.Call(NoSession{}, 7) }))
		}
		synctest.Wait()
		if n := runs.Load(); n != 1 {
			t.Fatalf("%d runs while the first is in flight, want 1", n)
		}
		for i, ch := range outs {
			if len(ch) > 0 {
				t.Fatalf("caller %d returned while the computation was in flight", i)
			}
		}
		close(release)
		var first []int
		for i, ch := range outs {
			r := <-ch
			if r.err != nil || r.panic != nil || len(r.v) != 1 || r.v[0] != 7 {
				t.Fatalf("caller %d got %+v", i, r)
			}
			if first == nil {
				first = r.v
			} else if &r.v[0] == &first[0] {
				t.Fatal("two callers share one copy")
			}
		}
		if n := runs.Load(); n != 1 {
			t.Fatalf("fn ran %d times, want 1", n)
		}
	})
}

// A panic or an error of the one computation reaches every caller that waited for it; nobody
// runs the function again for it, nothing is cached, and the next call runs it again.
func TestComputeOnceFailureToAll_B16_B17(t *testing.T) {
	boom := errors.New("model file missing")
	for _, kind := range []string{"data", "resource"} {
		for _, fail := range []string{"panic", "error"} {
			t.Run(kind+" "+fail, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					env := newEnv(t, nil)
					var runs atomic.Int32
					release := make(chan struct{})
					fn := func(NoSession) (int, error) {
						if runs.Add(1) == 1 {
							<-release
							if fail == "panic" {
								panic(boom)
							}
							return 0, boom
						}
						return 1, nil
					}
					var call func() (int, error)
					if kind == "data" {
						f := Data0(fn, env.opt())
						call = func() (int, error) { return f.Call(NoSession{}) }
					} else {
						f := Resource0(fn, env.opt())
						call = func() (int, error) { return f.Call(NoSession{}) }
					}
					const N = 8
					var outs []<-chan result[int]
					for range N {
						outs = append(outs, callAsync(call))
					}
					synctest.Wait() // every caller is in the flight
					close(release)
					for i, ch := range outs {
						r := <-ch
						got := r.err
						if fail == "panic" {
							pe, ok := r.panic.(*PanicError)
							if !ok {
								t.Fatalf("caller %d got %+v, want a *PanicError", i, r)
							}
							got = pe.Unwrap()
						}
						if got != boom {
							t.Fatalf("caller %d got %+v, want the %s", i, r, fail)
						}
					}
					if n := runs.Load(); n != 1 {
						t.Fatalf("the function ran %d times for one %s, want 1", n, fail)
					}
					if v := must[int](t)(call()); v != 1 || runs.Load() != 2 {
						t.Fatalf("after the %s: v = %d, runs = %d; want a new run", fail, v, runs.Load())
					}
				})
			})
		}
	}
}

// clearCase is one way to clear a function whose computation of n = 7 is in flight.
type clearCase struct {
	name  string
	clear func(env *testEnv, name string, clear func(), clearArgs func(int) error) error
}

var clearCases = []clearCase{
	{"Clear", func(_ *testEnv, _ string, clear func(), _ func(int) error) error { clear(); return nil }},
	{"ClearArgs", func(_ *testEnv, _ string, _ func(), clearArgs func(int) error) error { return clearArgs(7) }},
	{"ClearAllData", func(env *testEnv, _ string, _ func(), _ func(int) error) error { env.e.ClearAllData(); return nil }},
	{"ClearAllResources", func(env *testEnv, _ string, _ func(), _ func(int) error) error {
		env.e.ClearAllResources()
		return nil
	}},
	{"ClearFunction", func(env *testEnv, name string, _ func(), _ func(int) error) error {
		if n := env.e.ClearFunction(name); n != 1 {
			return fmt.Errorf("ClearFunction cleared %d functions, want 1", n)
		}
		return nil
	}},
	{"page menu", func(env *testEnv, _ string, _ func(), _ func(int) error) error {
		env.e.ClearAllData() // what wasm's clearCacheHook does
		env.e.ClearAllResources()
		return nil
	}},
}

// inFlightAcrossClear drives one function through a clear: two callers wait for run 1, the
// clear comes, a caller after it must run the function again (run 2) instead of waiting for
// run 1; run 1 then ends and its callers get 1; the next call must get 2, stored by run 2, and
// not 1, which was computed from before the clear.
func inFlightAcrossClear(t *testing.T, env *testEnv, cc clearCase, call func() (int, error),
	name string, clear func(), clearArgs func(int) error, runs *atomic.Int32, release chan struct{}) {
	t.Helper()
	before := []<-chan result[int]{callAsync(call), callAsync(call)}
	synctest.Wait()
	if err := cc.clear(env, name, clear, clearArgs); err != nil {
		t.Fatal(err)
	}
	after := callAsync(call)
	synctest.Wait()
	if len(after) == 0 {
		t.Fatalf("a caller after %s waits for the computation from before it", cc.name)
	}
	if r := <-after; r.v != 2 || r.err != nil {
		t.Fatalf("a caller after %s got %+v, want 2 (a new run)", cc.name, r)
	}
	close(release)
	for _, ch := range before {
		if r := <-ch; r.v != 1 || r.err != nil {
			t.Fatalf("a caller from before %s got %+v, want 1", cc.name, r)
		}
	}
	env.e.Flush()
	if v := must[int](t)(call()); v != 2 || runs.Load() != 2 {
		t.Fatalf("after %s: v = %d, runs = %d; want 2 from the run after the clear, not 1 from before it",
			cc.name, v, runs.Load())
	}
}

// A clear wins over a data computation in flight: its result reaches the callers that waited
// for it but is not stored, in memory or in the persistent store.
func TestClearWinsOverDataInFlight_B29(t *testing.T) {
	for _, cc := range clearCases {
		if cc.name == "ClearAllResources" {
			continue
		}
		for _, persistent := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s persistent=%v", cc.name, persistent), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					var store driver.Store
					if persistent {
						store = &memoryStore{}
					}
					env := newEnv(t, store)
					var runs atomic.Int32
					release := make(chan struct{})
					fn := func(_ NoSession, n int) (int, error) {
						r := runs.Add(1)
						if r == 1 {
							<-release
						}
						return int(r), nil
					}
					// One call site for every engine: the same cached function in another page.
					wrap := func(e *Engine) *DataFunc1[NoSession, int, int] { return Data1(fn, WithEngine(e)) }
					f := wrap(env.e)
					call := func() (int, error) { return f.Call(NoSession{}, 7) }
					inFlightAcrossClear(t, env, cc, call, f.Stats().Name, f.Clear, f.ClearArgs, &runs, release)
					if persistent {
						// What the background writer left in the persistent store: another
						// engine over it (a reload, another tab) reads 2 as well.
						other := NewEngine(Config{Store: store, Logger: env.warns})
						g := wrap(other)
						if v := must[int](t)(g.Call(NoSession{}, 7)); v != 2 || runs.Load() != 2 {
							t.Fatalf("persistent store: v = %d, runs = %d; want 2 stored after the clear", v, runs.Load())
						}
					}
				})
			})
		}
	}
}

// A clear wins over a resource computation in flight: the resource reaches the callers that
// waited for it but is not kept.
func TestClearWinsOverResourceInFlight_B29(t *testing.T) {
	for _, cc := range clearCases {
		if cc.name == "ClearAllData" {
			continue
		}
		t.Run(cc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				env := newEnv(t, nil)
				var runs atomic.Int32
				release := make(chan struct{})
				f := Resource1(func(_ NoSession, n int) (int, error) {
					r := runs.Add(1)
					if r == 1 {
						<-release
					}
					return int(r), nil
				}, env.opt())
				call := func() (int, error) { return f.Call(NoSession{}, 7) }
				inFlightAcrossClear(t, env, cc, call, f.Stats().Name, f.Clear, f.ClearArgs, &runs, release)
			})
		})
	}
}

// ClearArgs with an argument that cannot be hashed returns the hashing error (there is no entry
// it could name) instead of doing nothing; with hashable arguments it returns nil.
func TestClearArgsUnhashableReturnsError_B29(t *testing.T) {
	env := newEnv(t, nil)
	d := Data1(func(_ NoSession, v any) (int, error) { return 1, nil }, env.opt())
	r := Resource1(func(_ NoSession, v any) (int, error) { return 1, nil }, env.opt())
	unhashable := func() {}
	for name, clearArgs := range map[string]func(any) error{"data": d.ClearArgs, "resource": r.ClearArgs} {
		var ue *UnhashableParamError
		if err := clearArgs(unhashable); !errors.As(err, &ue) || ue.Index != 1 {
			t.Errorf("%s: ClearArgs(func) = %v, want an *UnhashableParamError for argument 1", name, err)
		}
		if err := clearArgs(3); err != nil {
			t.Errorf("%s: ClearArgs(3) = %v, want nil", name, err)
		}
	}
}

// slowStore is a persistent store whose reads, once armed, read the value and then wait for
// release before returning it, as an IndexedDB read that is still copying when a clear comes.
type slowStore struct {
	memoryStore
	armed   atomic.Bool
	reading chan struct{} // closed when an armed read has its value
	release chan struct{}
}

func (s *slowStore) Get(ctx context.Context, key string) ([]byte, bool, error) {
	b, ok, err := s.memoryStore.Get(ctx, key)
	if s.armed.CompareAndSwap(true, false) {
		close(s.reading)
		<-s.release
	}
	return b, ok, err
}

// A clear wins over a read of the persistent store in flight: the caller that was reading gets
// what it read, but the memory tier does not keep it, so the next call computes again.
func TestClearWinsOverReadInFlight_B29(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &slowStore{reading: make(chan struct{}), release: make(chan struct{})}
		var runs atomic.Int32
		fn := func(_ NoSession, n int) (int, error) { return int(runs.Add(1)), nil }
		// One engine stores 1; another over the same store (a reload, another tab) reads it.
		// One call site for both engines: the same cached function in two pages.
		wrap := func(e *Engine) *DataFunc1[NoSession, int, int] { return Data1(fn, WithEngine(e)) }
		writer := newEnv(t, store)
		_ = must[int](t)(wrap(writer.e).Call(NoSession{}, 7))
		writer.e.Flush()
		env := newEnv(t, store)
		f := wrap(env.e)
		store.armed.Store(true)
		reader := callAsync(func() (int, error) { return f.Call(NoSession{}, 7) })
		<-store.reading
		f.Clear()
		close(store.release)
		if r := <-reader; r.v != 1 || r.err != nil {
			t.Fatalf("the caller reading across the clear got %+v, want 1 (what it read)", r)
		}
		if v := must[int](t)(f.Call(NoSession{}, 7)); v != 2 || runs.Load() != 2 {
			t.Fatalf("after the clear: v = %d, runs = %d; want 2 from a new run, not 1 from before it", v, runs.Load())
		}
	})
}
