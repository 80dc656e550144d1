package cache

import (
	"context"
	"sync"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// countLocker is a driver.Locker that counts the locks held.
type countLocker struct {
	mu   sync.Mutex
	held int
}

func (l *countLocker) Lock(ctx context.Context, key string) (func(), error) {
	l.mu.Lock()
	l.held++
	l.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			l.held--
			l.mu.Unlock()
		})
	}, nil
}

func (l *countLocker) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.held
}

// stopHost is a Host whose run is stopped: its context is cancelled and, when paintStops is
// set, BeginMiss panics as the runtime does when a newer interaction arrives while it paints.
type stopHost struct {
	ctx        context.Context
	paintStops bool
}

type errStopped struct{}

func (errStopped) Error() string { return "stopped" }

func (h stopHost) Context() context.Context { return h.ctx }
func (h stopHost) BeginMiss(driver.MissSpec) driver.Recorder {
	if h.paintStops {
		panic(errStopped{})
	}
	return nopRecorder{}
}
func (stopHost) Replay([]byte) error { return nil }

// ctxStore is a persistent store whose reads fail once the caller's context is done, as
// IndexedDB reads through jsawait do.
type ctxStore struct{ memoryStore }

func (s *ctxStore) Get(ctx context.Context, k string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	return s.memoryStore.Get(ctx, k)
}

func callRecovering(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

// A computing caller that panics, or is stopped while its spinner paints, holds the key's
// cross-process lock no longer: otherwise every tab, this one included, waits on it forever.
func TestStoppedMissReleasesLock_B16_B17_C5(t *testing.T) {
	lk := &countLocker{}
	e := NewEngine(Config{Store: &memoryStore{}, Locker: lk, Logger: &warnLog{}})
	t.Cleanup(e.Flush)
	runs := 0
	boom := Data0(func(NoSession) (int, error) { runs++; panic("boom") }, WithEngine(e))
	if r := callRecovering(func() { _, _ = boom.Call(NoSession{}) }); r == nil {
		t.Fatal("the panic did not reach the caller")
	}
	if n := lk.count(); n != 0 {
		t.Fatalf("%d locks held after a panicking miss, want 0", n)
	}

	stopped := Data0(func(stopHost) (int, error) { runs++; return 1, nil }, WithEngine(e))
	if r := callRecovering(func() { _, _ = stopped.Call(stopHost{ctx: context.Background(), paintStops: true}) }); r == nil {
		t.Fatal("the stop did not reach the caller")
	}
	if n := lk.count(); n != 0 {
		t.Fatalf("%d locks held after a miss stopped while painting, want 0", n)
	}
	// B24: misses count runs of the function; the stopped miss never ran it.
	if s := stopped.Stats(); s.Misses != 0 || runs != 1 {
		t.Fatalf("misses = %d, runs = %d; want 0 misses for a miss stopped before the function ran", s.Misses, runs)
	}
	if v := must[int](t)(stopped.Call(stopHost{ctx: context.Background()})); v != 1 || stopped.Stats().Misses != 1 {
		t.Fatalf("v = %d, misses = %d", v, stopped.Stats().Misses)
	}
}

// A read abandoned because the run was stopped is a miss, not a failing store: the cache keeps
// its persistent tier and shows no storage warning (C6 is for real storage failures).
func TestStoppedReadKeepsPersistentStore_C6(t *testing.T) {
	ps := &ctxStore{}
	degraded := 0
	e := NewEngine(Config{Store: ps, Logger: &warnLog{}, OnPersistentFailure: func(error) { degraded++ }})
	t.Cleanup(e.Flush)
	f := Data1(func(_ stopHost, n int) (int, error) { return n * n, nil }, WithEngine(e))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _ = f.Call(stopHost{ctx: ctx}, 2)
	if degraded != 0 {
		t.Fatal("a stopped run's abandoned read degraded the cache to memory only")
	}
	_ = must[int](t)(f.Call(stopHost{ctx: context.Background()}, 3))
	e.Flush()
	if n, _ := ps.Len(); n == 0 {
		t.Fatal("nothing persisted after a stopped run: the persistent tier was dropped")
	}
}

type nopRecorder struct{}

func (nopRecorder) End() []byte                   { return nil }
func (nopRecorder) Widgets() []driver.DrawnWidget { return nil }
