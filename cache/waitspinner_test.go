package cache

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// spinnerHost is a fake session that counts the spinners showing.
type spinnerHost struct {
	*fakeHost
	mu      sync.Mutex
	showing int
}

func newSpinnerHost() *spinnerHost {
	return &spinnerHost{fakeHost: newHost()}
}

type spinnerRec struct {
	driver.Recorder
	h *spinnerHost
}

func (r spinnerRec) End() []byte {
	r.h.mu.Lock()
	r.h.showing--
	r.h.mu.Unlock()
	return r.Recorder.End()
}

func (h *spinnerHost) BeginMiss(spec driver.MissSpec) driver.Recorder {
	rec := h.fakeHost.BeginMiss(spec)
	h.mu.Lock()
	h.showing++
	h.mu.Unlock()
	return spinnerRec{rec, h}
}

func (h *spinnerHost) spinnersShowing() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.showing
}

// TestWaitingSessionShowsSpinner_C11: a second session that calls a key another session is
// computing shows the function's spinner while it waits, and takes it away with the result.
func TestWaitingSessionShowsSpinner_C11(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		env := newEnv(t, nil)
		release := make(chan struct{})
		var runs atomic.Int32
		slow := Data1(func(_ Session, n int) (int, error) {
			runs.Add(1)
			<-release
			return n * 2, nil
		}, env.opt(), SpinnerText("Loading the table"))

		first, second := newSpinnerHost(), newSpinnerHost()
		a := callAsync(func() (int, error) { return slow.Call(first, 21) })
		synctest.Wait() // the first session computes
		b := callAsync(func() (int, error) { return slow.Call(second, 21) })
		synctest.Wait() // the second waits for it
		if n := second.spinnersShowing(); n != 1 {
			t.Fatalf("the waiting session shows %d spinners, want 1", n)
		}
		if s := second.spinners[0]; !s.Show || s.Text != "Loading the table" {
			t.Errorf("the waiting session's spinner is %+v, want the function's", s)
		}
		close(release)
		if ra, rb := <-a, <-b; ra.v != 42 || rb.v != 42 {
			t.Fatalf("results %+v, %+v; want 42 twice", ra, rb)
		}
		if n := second.spinnersShowing(); n != 0 {
			t.Errorf("the waiting session still shows %d spinners after the result", n)
		}
		if n := runs.Load(); n != 1 {
			t.Errorf("the function ran %d times, want once", n)
		}
	})
}

// gateLocker is a driver.Locker held by another tab until the test opens it.
type gateLocker struct{ open chan struct{} }

func (l *gateLocker) Lock(ctx context.Context, key string) (func(), error) {
	select {
	case <-l.open:
		return func() {}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// sharedLoader makes the same cached function (one call site, so one identity) on engine e, as
// two tabs of one app do.
func sharedLoader(e *Engine, runs *atomic.Int32) *DataFunc1[Session, int, int] {
	return Data1(func(_ Session, n int) (int, error) {
		runs.Add(1)
		return n + 1, nil
	}, WithEngine(e))
}

// TestWaitingTabShowsSpinner_C11: a tab that waits for another tab's computation of a key
// (through the cross-tab lock) shows the spinner meanwhile, then gets the stored value without
// running the function.
func TestWaitingTabShowsSpinner_C11(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := newMemoryStore(-1) // IndexedDB, shared by the tabs
		tabA := NewEngine(Config{Store: store, Logger: &warnLog{}})
		lock := &gateLocker{open: make(chan struct{})}
		tabB := NewEngine(Config{Store: store, Locker: lock, Logger: &warnLog{}})
		var runsA, runsB atomic.Int32
		loadA, loadB := sharedLoader(tabA, &runsA), sharedLoader(tabB, &runsB)

		host := newSpinnerHost()
		got := callAsync(func() (int, error) { return loadB.Call(host, 1) })
		synctest.Wait() // tab B waits for the key's lock, which tab A holds
		if n := host.spinnersShowing(); n != 1 {
			t.Fatalf("the waiting tab shows %d spinners, want 1", n)
		}
		if v, err := loadA.Call(NoSession{}, 1); v != 2 || err != nil { // tab A computes and stores
			t.Fatalf("tab A: %d, %v", v, err)
		}
		tabA.Flush()
		close(lock.open)
		if r := <-got; r.v != 2 || r.err != nil {
			t.Fatalf("tab B got %+v, want 2", r)
		}
		if a, b := runsA.Load(), runsB.Load(); a != 1 || b != 0 {
			t.Errorf("runs: tab A %d, tab B %d; want 1 and 0", a, b)
		}
		if n := host.spinnersShowing(); n != 0 {
			t.Errorf("tab B still shows %d spinners", n)
		}
		if st := loadB.Stats(); st.Misses != 0 || st.Hits != 1 {
			t.Errorf("tab B stats: %d misses, %d hits; want 0 and 1", st.Misses, st.Hits)
		}
		tabB.Flush()
	})
}
