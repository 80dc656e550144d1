package cache

import (
	"context"
	"strings"
	"testing"
)

// TestMaxBytesPerFunction_B23: a data function's records stay within MaxBytes, least recently
// used first, in the store as in the statistics; a record larger than the bound is not kept.
func TestMaxBytesPerFunction_B23(t *testing.T) {
	store := newMemoryStore(-1)
	env := newEnv(t, store)
	runs := 0
	blob := Data1(func(_ Session, n int) (string, error) {
		runs++
		return strings.Repeat("x", n), nil
	}, env.opt(), MaxBytes(2500))
	call := func(n int) {
		t.Helper()
		if v, err := blob.Call(NoSession{}, n); err != nil || len(v) != n {
			t.Fatalf("Call(%d): %d bytes, %v", n, len(v), err)
		}
	}
	call(1000)
	call(1001)
	call(1000) // a hit: 1000 is now the most recently used
	call(1002) // over 2500 bytes: 1001, the least recently used, goes
	env.e.Flush()
	st := blob.Stats()
	if st.Entries != 2 || st.Bytes > 2500 {
		t.Fatalf("stats: %d entries, %d bytes; want 2 within 2500", st.Entries, st.Bytes)
	}
	if keys, _ := store.Keys(context.Background(), blob.core.keyPfx); len(keys) != 2 {
		t.Errorf("the store holds %d records of the function, want 2", len(keys))
	}
	before := runs
	call(1000)
	call(1002)
	if runs != before {
		t.Errorf("the two most recent entries were evicted: %d runs", runs-before)
	}
	call(1001)
	if runs != before+1 {
		t.Errorf("the evicted entry was a hit")
	}
	call(5000) // larger than the bound alone: returned, not kept
	env.e.Flush()
	if st := blob.Stats(); st.Bytes > 2500 {
		t.Errorf("%d bytes held after a record larger than the bound", st.Bytes)
	}
}

// TestMaxBytesRefusedForResources_B23: a resource has no size, so MaxBytes on a resource
// function is refused when the wrapper is made.
func TestMaxBytesRefusedForResources_B23(t *testing.T) {
	env := newEnv(t, nil)
	defer func() {
		if r, _ := recover().(string); !strings.Contains(r, "use cache.MaxEntries") {
			t.Errorf("panic %q, want the MaxBytes refusal", r)
		}
	}()
	Resource0(func(Session) (*conn, error) { return &conn{}, nil }, env.opt(), MaxBytes(10))
}

// TestRecordOverTheMemoryBoundWarns_B23: a record larger than the memory tier's bound is kept only
// in the persistent store, so every hit reads it back from there: the app's author is told once,
// with the two ways out, instead of finding hits that take seconds.
func TestRecordOverTheMemoryBoundWarns_B23(t *testing.T) {
	store := newMemoryStore(-1)
	env := &testEnv{clock: newFakeClock(), warns: &warnLog{}}
	env.e = NewEngine(Config{Store: store, Now: env.clock.Now, Logger: env.warns, MemoryBytes: 1 << 20})
	t.Cleanup(env.e.Flush)
	runs := 0
	blob := Data1(func(_ Session, n int) (string, error) {
		runs++
		return strings.Repeat("x", n), nil
	}, env.opt())
	for _, n := range []int{2 << 20, 3 << 20, 2 << 20} {
		if s, err := blob.Call(NoSession{}, n); err != nil || len(s) != n {
			t.Fatalf("Call(%d) = %d bytes, %v", n, len(s), err)
		}
		env.e.Flush() // the record is in the persistent store before the next call
	}
	if runs != 2 {
		t.Errorf("runs = %d, want 2: the third call is a hit from the persistent store", runs)
	}
	var said []string
	for _, w := range env.warns.all() {
		if strings.Contains(w, "larger than the memory tier's bound") {
			said = append(said, w)
		}
	}
	if len(said) != 1 || !strings.Contains(said[0], "SetMemoryBytes") || !strings.Contains(said[0], "cache.Resource") {
		t.Errorf("warnings about the bound = %q, want one naming SetMemoryBytes and cache.Resource", said)
	}
	if n, _ := env.e.mem.Len(); n != 0 {
		t.Errorf("the memory tier holds %d entries, want none over its bound", n)
	}
}
