package cache

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The background refresh (B21). Each test runs in a synctest bubble: synctest.Wait returns when
// the refresh's goroutine is done or blocked, so nothing sleeps.

// refreshFixture is a data function whose runs return 1, 2, 3… and wait on gate when it is set.
type refreshFixture struct {
	mu   sync.Mutex
	runs int
	gate chan struct{} // when not nil, a run waits for it to close
	fail error         // when not nil, a run returns it
}

func (f *refreshFixture) run() (int, error) {
	f.mu.Lock()
	f.runs++
	n, gate, fail := f.runs, f.gate, f.fail
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	return n, fail
}

func (f *refreshFixture) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.runs
}

func TestBackgroundRefreshServesStaleThenRefreshesOnce_B21(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		env := newEnv(t, nil)
		fx := &refreshFixture{}
		f := Data0(func(NoSession) (int, error) { return fx.run() },
			TTL(time.Minute), BackgroundRefresh(time.Hour), env.opt())
		call := func() int { t.Helper(); return must[int](t)(f.Call(NoSession{})) }

		if v := call(); v != 1 {
			t.Fatalf("first call = %d, want 1", v)
		}
		env.clock.Advance(2 * time.Minute) // past the TTL, within the hour of staleness
		gate := make(chan struct{})
		fx.mu.Lock()
		fx.gate = gate
		fx.mu.Unlock()
		// Served at once while the refresh waits on the gate: a blocking call would hang here.
		if v := call(); v != 1 {
			t.Fatalf("call past the TTL = %d, want the stale 1 at once", v)
		}
		synctest.Wait() // the refresh is running, held by the gate
		if v := call(); v != 1 {
			t.Fatalf("call during the refresh = %d, want the stale 1", v)
		}
		if got := fx.count(); got != 2 {
			t.Fatalf("runs = %d during the refresh, want 2 (one refresh, however many calls)", got)
		}
		close(gate)
		synctest.Wait() // the refresh has stored 2
		if v := call(); v != 2 {
			t.Fatalf("call after the refresh = %d, want the refreshed 2", v)
		}
		s := f.Stats()
		if fx.count() != 2 || s.Refreshes != 1 || s.Misses != 2 || s.Hits != 3 {
			t.Fatalf("runs = %d, stats = %+v; want 2 runs, 1 refresh, 2 misses, 3 hits", fx.count(), s)
		}
	})
}

func TestBackgroundRefreshWindowEnds_B21(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		env := newEnv(t, nil)
		fx := &refreshFixture{}
		f := Data0(func(NoSession) (int, error) { return fx.run() },
			TTL(time.Minute), BackgroundRefresh(10*time.Minute), env.opt())
		_ = must[int](t)(f.Call(NoSession{}))
		env.clock.Advance(time.Minute + 10*time.Minute + time.Second) // past TTL + maxStale
		if v := must[int](t)(f.Call(NoSession{})); v != 2 {
			t.Fatalf("call past the window = %d, want 2 computed while the caller waits", v)
		}
		synctest.Wait()
		if s := f.Stats(); fx.count() != 2 || s.Refreshes != 0 {
			t.Fatalf("runs = %d, refreshes = %d; want an ordinary miss, no refresh", fx.count(), s.Refreshes)
		}
	})
}

func TestBackgroundRefreshFailureKeepsStale_B21(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		env := newEnv(t, nil)
		fx := &refreshFixture{}
		f := Data0(func(NoSession) (int, error) { return fx.run() },
			TTL(time.Minute), BackgroundRefresh(time.Hour), env.opt())
		_ = must[int](t)(f.Call(NoSession{}))
		env.clock.Advance(2 * time.Minute)
		fx.mu.Lock()
		fx.fail = errors.New("the API is down")
		fx.mu.Unlock()
		if v := must[int](t)(f.Call(NoSession{})); v != 1 {
			t.Fatalf("stale call = %d, want 1", v)
		}
		synctest.Wait()
		if w := strings.Join(env.warns.all(), "\n"); !strings.Contains(w, "background refresh failed") {
			t.Fatalf("warnings %q, want one for the failed refresh", w)
		}
		// The stale value stays, and the next call tries again.
		fx.mu.Lock()
		fx.fail = nil
		fx.mu.Unlock()
		if v := must[int](t)(f.Call(NoSession{})); v != 1 {
			t.Fatalf("call after the failed refresh = %d, want the stale 1", v)
		}
		synctest.Wait()
		if v := must[int](t)(f.Call(NoSession{})); v != 3 {
			t.Fatalf("call after the second refresh = %d, want 3", v)
		}
	})
}

// detachingHost is a runtime that runs refreshes in sessions of its own, as wasmlit's does.
type detachingHost struct {
	*fakeHost
	mu       sync.Mutex
	detached []*detachingHost
	reruns   int // refreshes that reported a stored value
}

func newDetachingHost() *detachingHost { return &detachingHost{fakeHost: newHost()} }

func (h *detachingHost) Detach(run func(session any) bool) {
	d := newDetachingHost()
	h.mu.Lock()
	h.detached = append(h.detached, d)
	h.mu.Unlock()
	go func() {
		if run(d) {
			h.mu.Lock()
			h.reruns++
			h.mu.Unlock()
		}
	}()
}

// With a runtime, the refresh runs in a detached session: it draws there, not into the caller's
// run, which has moved on; later hits replay what it drew; then the runtime reruns the caller's
// session.
func TestBackgroundRefreshRunsDetached_B21(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		env := newEnv(t, nil)
		var mu sync.Mutex
		n := 0
		f := Data0(func(h *detachingHost) (int, error) {
			mu.Lock()
			n++
			v := n
			mu.Unlock()
			h.Emit("drawn by run " + itoa(v))
			return v, nil
		}, TTL(time.Minute), BackgroundRefresh(time.Hour), env.opt())
		st := newDetachingHost()
		_ = must[int](t)(f.Call(st))
		env.clock.Advance(2 * time.Minute)
		if v := must[int](t)(f.Call(st)); v != 1 {
			t.Fatalf("stale call = %d, want 1", v)
		}
		synctest.Wait()
		st.mu.Lock()
		detached, reruns := st.detached, st.reruns
		st.mu.Unlock()
		if len(detached) != 1 || reruns != 1 {
			t.Fatalf("%d detached sessions, %d reruns; want 1 and 1", len(detached), reruns)
		}
		if got := strings.Join(detached[0].elements(), "|"); got != "drawn by run 2" {
			t.Fatalf("the detached session drew %q, want the refresh's element", got)
		}
		if got := strings.Join(st.elements(), "|"); got != "drawn by run 1|drawn by run 1" {
			t.Fatalf("the caller's session drew %q, want run 1's element live and replayed, nothing of the refresh", got)
		}
		if v := must[int](t)(f.Call(st)); v != 2 {
			t.Fatalf("call after the refresh = %d, want 2", v)
		}
		if got := st.elements(); got[len(got)-1] != "drawn by run 2" {
			t.Fatalf("the hit replayed %q, want the refresh's element", got[len(got)-1])
		}
	})
}

// A runtime that cannot detach (it would have to draw into the caller's run from another
// goroutine) gets no stale value: past the TTL the call computes while it waits, as without
// BackgroundRefresh.
func TestBackgroundRefreshNeedsDetachingRuntime_B21(t *testing.T) {
	env := newEnv(t, nil)
	n := 0
	f := Data0(func(*fakeHost) (int, error) { n++; return n, nil },
		TTL(time.Minute), BackgroundRefresh(time.Hour), env.opt())
	st := newHost()
	_ = must[int](t)(f.Call(st))
	env.clock.Advance(2 * time.Minute)
	if v := must[int](t)(f.Call(st)); v != 2 {
		t.Fatalf("call past the TTL = %d, want 2 computed now", v)
	}
}

func TestBackgroundRefreshRefusesWhatCannotWork_B21(t *testing.T) {
	env := newEnv(t, nil)
	cases := map[string]func(){
		"without TTL": func() {
			Data0(func(NoSession) (int, error) { return 0, nil }, BackgroundRefresh(time.Hour), env.opt())
		},
		"with AllowWidgets": func() {
			Data0(func(NoSession) (int, error) { return 0, nil }, TTL(time.Minute), BackgroundRefresh(time.Hour), AllowWidgets(), env.opt())
		},
		"on a resource": func() {
			Resource0(func(NoSession) (int, error) { return 0, nil }, TTL(time.Minute), BackgroundRefresh(time.Hour), env.opt())
		},
	}
	for name, make := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, _ := r.(string); !strings.Contains(msg, "cache.BackgroundRefresh") {
					t.Fatalf("panic %v, want one naming cache.BackgroundRefresh", r)
				}
			}()
			make()
		})
	}
}
