package cache

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// faultyStore wraps a memoryStore and fails on demand.
type faultyStore struct {
	memoryStore
	mu        sync.Mutex
	failSet   error // returned by Set while set
	quotaLeft int   // Sets failing with ErrQuota before success
	evicted   int64
}

func (s *faultyStore) Set(ctx context.Context, k string, v []byte) error {
	s.mu.Lock()
	err := s.failSet
	if s.quotaLeft > 0 {
		s.quotaLeft--
		err = fmt.Errorf("idb: %w", ErrQuota)
	}
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return s.memoryStore.Set(ctx, k, v)
}

func (s *faultyStore) Evict(ctx context.Context, n int64) (int64, error) {
	freed, err := s.memoryStore.Evict(ctx, n)
	s.mu.Lock()
	s.evicted += freed
	s.mu.Unlock()
	return freed, err
}

func TestCorruptRecord_C6(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"bit flip", func(b []byte) []byte { b[len(b)/2] ^= 1; return b }},
		{"foreign version", func(b []byte) []byte { b[4] = 99; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)-3] }},
		{"garbage", func([]byte) []byte { return []byte("not a record") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := &memoryStore{}
			env := newEnv(t, ps)
			runs := 0
			f := Data0(func(NoSession) (string, error) { runs++; return "value", nil }, env.opt())
			_ = must[string](t)(f.Call(NoSession{}))
			env.e.Flush()
			// Damage the persisted record and drop the memory tier (a reload).
			ctx := context.Background()
			key := f.core.keyPfx
			for k := range ps.l.items {
				key = k
			}
			b, _, _ := ps.Get(ctx, key)
			_ = ps.Set(ctx, key, tc.damage(append([]byte(nil), b...)))
			_ = env.e.mem.Clear(ctx, "")
			if v := must[string](t)(f.Call(NoSession{})); v != "value" || runs != 2 {
				t.Fatalf("v=%q runs=%d, want a recomputation", v, runs)
			}
			if w := env.warns.all(); len(w) != 1 || !strings.Contains(w[0], "unreadable cache record") {
				t.Fatalf("warnings = %q", w)
			}
			env.e.Flush()
			// The record was overwritten: a reload hits.
			_ = env.e.mem.Clear(ctx, "")
			_ = must[string](t)(f.Call(NoSession{}))
			if runs != 2 {
				t.Fatalf("runs = %d: the damaged record was not overwritten", runs)
			}
		})
	}
}

func TestPersistentFailureDegrades_C6(t *testing.T) {
	ps := &faultyStore{failSet: errors.New("idb: unavailable")}
	env := newEnv(t, ps)
	var told []error
	env.e.Configure(Config{Store: ps, Now: env.clock.Now, Logger: env.warns,
		OnPersistentFailure: func(err error) { told = append(told, err) }})
	f := Data1(func(_ NoSession, n int) (int, error) { return n, nil }, env.opt())
	for n := range 3 {
		_ = must[int](t)(f.Call(NoSession{}, n))
		env.e.Flush()
	}
	if w := env.warns.all(); len(w) != 1 || !strings.Contains(w[0], "memory only") {
		t.Fatalf("warnings = %q, want one", w)
	}
	if len(told) != 1 || !strings.Contains(told[0].Error(), "idb: unavailable") {
		t.Fatalf("OnPersistentFailure calls = %v, want one with the cause", told)
	}
	if v := must[int](t)(f.Call(NoSession{}, 1)); v != 1 { // served by memory
		t.Fatal(v)
	}
	if f.Stats().Hits != 1 {
		t.Fatalf("stats %+v", f.Stats())
	}
}

func TestQuotaEvictsAndRetries_C6(t *testing.T) {
	ps := &faultyStore{}
	env := newEnv(t, ps)
	_ = ps.memoryStore.Set(context.Background(), "d:old#x", make([]byte, 1000))
	ps.quotaLeft = 1
	f := Data0(func(NoSession) (int, error) { return 1, nil }, env.opt())
	_ = must[int](t)(f.Call(NoSession{}))
	env.e.Flush()
	if ps.evicted == 0 || len(env.warns.all()) != 0 {
		t.Fatalf("evicted %d, warnings %q", ps.evicted, env.warns.all())
	}
	if n, _ := ps.Len(); n != 1 {
		t.Fatalf("persistent store holds %d records, want the new one", n)
	}
}

// The persistent write happens after the caller has its value.
func TestPersistentWriteIsAsync_B4(t *testing.T) {
	block := make(chan struct{})
	ps := &blockingStore{block: block}
	env := newEnv(t, ps)
	f := Data0(func(NoSession) (int, error) { return 1, nil }, env.opt())
	_ = must[int](t)(f.Call(NoSession{})) // would deadlock if the write were synchronous
	close(block)
	env.e.Flush()
	if _, ok, _ := ps.memoryStore.Get(context.Background(), f.core.keyPfx); ok {
		t.Fatal("unexpected key")
	}
	if n, _ := ps.Len(); n != 1 {
		t.Fatalf("persisted %d records", n)
	}
}

type blockingStore struct {
	memoryStore
	block chan struct{}
}

func (s *blockingStore) Set(ctx context.Context, k string, v []byte) error {
	<-s.block
	return s.memoryStore.Set(ctx, k, v)
}

// hookLocker is a cross-process driver.Locker stand-in: onLock runs while the lock
// is being acquired (another tab holding it and computing).
type hookLocker struct {
	mu     sync.Mutex
	locks  int
	onLock func()
}

func (l *hookLocker) Lock(ctx context.Context, key string) (func(), error) {
	l.mu.Lock()
	l.locks++
	hook := l.onLock
	l.onLock = nil
	l.mu.Unlock()
	if hook != nil {
		hook()
	}
	return func() {}, nil
}

// Two "tabs": separate engines over one persistent store with a driver.Locker. Tab 2
// misses and waits for the lock while tab 1 computes and persists; holding
// the lock, tab 2 reads the persistent store again and does not compute.
func TestLockerRereadsPersistent_C5_B16(t *testing.T) {
	ps := &memoryStore{}
	lk := &hookLocker{}
	clock := newFakeClock()
	tab := func() (*Engine, *DataFunc0[NoSession, int], *int) {
		e := NewEngine(Config{Store: ps, Locker: lk, Now: clock.Now, Logger: &warnLog{}})
		runs := new(int)
		return e, Data0(func(NoSession) (int, error) { *runs++; return 5, nil }, WithEngine(e)), runs
	}
	e1, f1, r1 := tab()
	_, f2, r2 := tab()
	lk.onLock = func() {
		_ = must[int](t)(f1.Call(NoSession{}))
		e1.Flush()
	}
	if v := must[int](t)(f2.Call(NoSession{})); v != 5 || *r1 != 1 || *r2 != 0 {
		t.Fatalf("v=%d runs=%d+%d, want tab 1 only", v, *r1, *r2)
	}
	if lk.locks != 2 {
		t.Fatalf("locks = %d, want 2", lk.locks)
	}
}

func TestResourceSameInstance_B5(t *testing.T) {
	env := newEnv(t, nil)
	type conn struct{ ch chan int }
	runs := 0
	f := Resource1(func(_ NoSession, dsn string) (*conn, error) { runs++; return &conn{ch: make(chan int)}, nil },
		TTL(time.Minute), MaxEntries(1), env.opt())
	a := must[*conn](t)(f.Call(NoSession{}, "db"))
	b := must[*conn](t)(f.Call(NoSession{}, "db"))
	if a != b || runs != 1 {
		t.Fatalf("not the same instance (runs %d)", runs)
	}
	env.clock.Advance(2 * time.Minute)
	if c := must[*conn](t)(f.Call(NoSession{}, "db")); c == a || runs != 2 {
		t.Fatal("TTL ignored")
	}
	_ = must[*conn](t)(f.Call(NoSession{}, "other")) // evicts "db"
	_ = must[*conn](t)(f.Call(NoSession{}, "db"))
	if runs != 4 {
		t.Fatalf("runs = %d, want 4 (MaxEntries ignored)", runs)
	}
	env.e.ClearAllResources()
	_ = must[*conn](t)(f.Call(NoSession{}, "db"))
	if runs != 5 {
		t.Fatalf("runs = %d after ClearAllResources", runs)
	}
}

func TestStats_B24(t *testing.T) {
	env := newEnv(t, nil)
	f := Data1(func(_ NoSession, n int) (int, error) { return n, nil }, env.opt())
	r := Resource0(func(NoSession) (int, error) { return 1, nil }, env.opt())
	withParams(f.fn, "square")
	for _, n := range []int{1, 1, 2} {
		_ = must[int](t)(f.Call(NoSession{}, n))
	}
	_ = must[int](t)(r.Call(NoSession{}))
	st := env.e.Stats()
	if len(st) != 2 {
		t.Fatalf("stats = %+v", st)
	}
	if s := st[0]; s.Display != "square" || s.Kind != "data" || s.Entries != 2 || s.Hits != 1 || s.Misses != 2 || s.Bytes <= 0 {
		t.Fatalf("data stats = %+v", s)
	}
	if s := st[1]; s.Kind != "resource" || s.Entries != 1 || s.Misses != 1 {
		t.Fatalf("resource stats = %+v", s)
	}
	// The inspector's "clear one function": only that function's entries go.
	if n := env.e.ClearFunction(st[0].Name); n != 1 {
		t.Fatalf("ClearFunction cleared %d functions, want 1", n)
	}
	st = env.e.Stats()
	if st[0].Entries != 0 || st[1].Entries != 1 {
		t.Fatalf("after ClearFunction: %+v", st)
	}
	_ = must[int](t)(f.Call(NoSession{}, 1))
	if f.Stats().Misses != 3 {
		t.Fatalf("a cleared function must compute again: %+v", f.Stats())
	}
}

// gatedDeleteStore is a persistent store whose deletes wait for open: an eviction's delete
// still queued, as when IndexedDB is slow under load.
type gatedDeleteStore struct {
	memoryStore
	open chan struct{}
}

func (s *gatedDeleteStore) Delete(ctx context.Context, k string) error {
	<-s.open
	return s.memoryStore.Delete(ctx, k)
}

// An entry evicted by MaxEntries is gone at once, even while the persistent store has not
// deleted it yet: the next call for it recomputes instead of reading it back (B7). The
// Playwright test limits.spec saw the old record served as a hit on a loaded machine.
func TestEvictedEntryMissesBeforeItsDeleteLands_B7(t *testing.T) {
	ps := &gatedDeleteStore{open: make(chan struct{})}
	env := newEnv(t, ps)
	defer close(ps.open) // before env's Flush (cleanups run after deferred calls)
	runs := map[int]int{}
	f := Data1(func(_ NoSession, n int) (int, error) {
		runs[n]++
		return n * 10, nil
	}, MaxEntries(1), env.opt())
	call := func(n int) {
		t.Helper()
		if v := must[int](t)(f.Call(NoSession{}, n)); v != n*10 {
			t.Fatalf("f(%d) = %d", n, v)
		}
	}
	call(1)
	env.e.Flush() // f(1)'s record is in the persistent store
	call(2)       // evicts f(1): its persistent delete waits
	call(1)
	if runs[1] != 2 || runs[2] != 1 {
		t.Fatalf("runs = %v, want f(1) twice (evicted by f(2), so recomputed) and f(2) once", runs)
	}
	if s := f.Stats(); s.Entries != 1 || s.Hits != 0 || s.Misses != 3 {
		t.Fatalf("Stats = %+v, want 1 entry, 0 hits, 3 misses", s)
	}
}
