package cache

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// memKeys returns the keys of m from least to most recently used.
func memKeys(m *memoryStore) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var keys []string
	m.l.each(func(k string, _ []byte, _ int64) { keys = append(keys, k) })
	return keys
}

// checkBytes fails when m holds more than its bound, or when its byte count is not the sum of
// the sizes of the values it holds.
func checkBytes(t *testing.T, m *memoryStore) {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	var sum int64
	for _, e := range m.l.items {
		sum += int64(len(e.Value.(*lruEntry[[]byte]).val))
	}
	if sum != m.l.bytes {
		t.Fatalf("store counts %d bytes, holds %d", m.l.bytes, sum)
	}
	if m.MaxBytes > 0 && m.l.bytes > m.MaxBytes {
		t.Fatalf("store holds %d bytes, over its bound of %d", m.l.bytes, m.MaxBytes)
	}
}

// Many entries of random sizes, read and written at random: the store never holds more than its
// bound, and what it holds is always the most recently used entries that fit.
func TestMemoryStoreNeverAboveBound_B23(t *testing.T) {
	ctx := context.Background()
	const bound = 10_000
	m := newMemoryStore(bound)
	rng := rand.New(rand.NewPCG(1, 2))
	var order []string // model: keys from least to most recently used
	size := map[string]int{}
	touch := func(k string) {
		for i, o := range order {
			if o == k {
				order = append(order[:i], order[i+1:]...)
				break
			}
		}
		order = append(order, k)
	}
	for i := 0; i < 20_000; i++ {
		k := fmt.Sprintf("k%d", rng.IntN(200))
		if rng.IntN(3) == 0 {
			_, ok, _ := m.Get(ctx, k)
			if _, want := size[k]; ok != want {
				t.Fatalf("step %d: Get(%s) = %t, model says %t", i, k, ok, want)
			}
			if ok {
				touch(k)
			}
			continue
		}
		n := rng.IntN(3000)
		if rng.IntN(50) == 0 {
			n = bound + 1 + rng.IntN(bound) // larger than the bound: not kept, evicts nothing
		}
		if err := m.Set(ctx, k, make([]byte, n)); err != nil {
			t.Fatal(err)
		}
		// The model: drop k, add it if it fits, then evict the least recently used over the bound.
		for j, o := range order {
			if o == k {
				order = append(order[:j], order[j+1:]...)
				break
			}
		}
		delete(size, k)
		if n <= bound {
			size[k] = n
			order = append(order, k)
			total := 0
			for _, o := range order {
				total += size[o]
			}
			for total > bound {
				total -= size[order[0]]
				delete(size, order[0])
				order = order[1:]
			}
		}
		checkBytes(t, m)
		if got := memKeys(m); fmt.Sprint(got) != fmt.Sprint(order) {
			t.Fatalf("step %d: store holds %v, want %v", i, got, order)
		}
	}
}

func TestMemoryStoreEvictionOrder_B23(t *testing.T) {
	ctx := context.Background()
	m := newMemoryStore(300)
	for _, k := range []string{"a", "b", "c"} {
		_ = m.Set(ctx, k, make([]byte, 100))
	}
	_, _, _ = m.Get(ctx, "a") // a is now the most recently used
	_ = m.Set(ctx, "d", make([]byte, 100))
	if got := fmt.Sprint(memKeys(m)); got != "[c a d]" {
		t.Fatalf("after one eviction: %s, want [c a d] (b, least recently used, evicted)", got)
	}
	_ = m.Set(ctx, "e", make([]byte, 250)) // needs three evictions' worth of room
	if got := fmt.Sprint(memKeys(m)); got != "[e]" {
		t.Fatalf("after a big value: %s, want [e]", got)
	}
	_ = m.Set(ctx, "e", make([]byte, 50)) // a smaller value under the same key frees bytes
	if n, b := m.Len(); n != 1 || b != 50 {
		t.Fatalf("Len = %d entries, %d bytes; want 1, 50", n, b)
	}
	checkBytes(t, m)
}

// A value larger than the bound is not kept, and it does not push out the entries that fit.
func TestMemoryStoreValueOverBound_B23(t *testing.T) {
	ctx := context.Background()
	m := newMemoryStore(1000)
	_ = m.Set(ctx, "small", make([]byte, 10))
	_ = m.Set(ctx, "big", make([]byte, 100))
	_ = m.Set(ctx, "big", make([]byte, 1001)) // replaces the fitting value under big: removed
	if _, ok, _ := m.Get(ctx, "big"); ok {
		t.Fatal("a value over the bound is held")
	}
	if _, ok, _ := m.Get(ctx, "small"); !ok {
		t.Fatal("a value over the bound evicted an entry that fits")
	}
	if n, b := m.Len(); n != 1 || b != 10 {
		t.Fatalf("Len = %d entries, %d bytes; want 1, 10", n, b)
	}
	_ = m.Set(ctx, "exact", make([]byte, 990)) // exactly at the bound: kept
	if n, b := m.Len(); n != 2 || b != 1000 {
		t.Fatalf("Len = %d entries, %d bytes; want 2, 1000", n, b)
	}
}

func TestMemoryStoreSetMaxBytes_B23(t *testing.T) {
	ctx := context.Background()
	m := newMemoryStore(0) // unbounded
	for i := range 10 {
		_ = m.Set(ctx, fmt.Sprint(i), make([]byte, 100))
	}
	m.SetMaxBytes(350)
	if got := fmt.Sprint(memKeys(m)); got != "[7 8 9]" {
		t.Fatalf("after shrinking: %s, want the three most recently used", got)
	}
	checkBytes(t, m)
	m.SetMaxBytes(-1)
	_ = m.Set(ctx, "huge", make([]byte, 10_000))
	if n, _ := m.Len(); n != 4 {
		t.Fatalf("unbounded store holds %d entries, want 4", n)
	}
}

// Evict frees least recently used entries, and nothing at all when every entry together could
// not make room for the bytes asked for (a quota failure must not empty a store for nothing).
func TestMemoryStoreEvict_C6(t *testing.T) {
	ctx := context.Background()
	m := newMemoryStore(0)
	for _, k := range []string{"a", "b", "c"} {
		_ = m.Set(ctx, k, make([]byte, 100))
	}
	if freed, _ := m.Evict(ctx, 301); freed != 0 {
		t.Fatalf("Evict(301) of 300 bytes freed %d, want 0", freed)
	}
	if n, _ := m.Len(); n != 3 {
		t.Fatalf("Evict that cannot make room removed entries: %d left", n)
	}
	if freed, _ := m.Evict(ctx, 150); freed != 200 {
		t.Fatalf("Evict(150) freed %d, want 200 (two entries)", freed)
	}
	if got := fmt.Sprint(memKeys(m)); got != "[c]" {
		t.Fatalf("after Evict: %s, want [c]", got)
	}
}

// bigResult is a data function's result whose record is about n bytes.
func bigResult(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return b
}

// With a persistent store, a record larger than the memory bound lives only there: it is
// stored, read back on every call (a hit, never a recomputation), and never held in memory, where
// the entries that fit stay.
func TestValueOverMemoryBoundLivesInPersistentStore_B23(t *testing.T) {
	ps := &memoryStore{}
	env := newEnv(t, ps)
	env.e.SetMemoryBytes(64 << 10)
	runs := map[int]int{}
	f := Data1(func(_ NoSession, n int) ([]byte, error) { runs[n]++; return bigResult(n), nil }, env.opt())
	small, big := 1000, 200<<10
	for range 3 {
		for _, n := range []int{small, big} {
			v := must[[]byte](t)(f.Call(NoSession{}, n))
			if len(v) != n || v[n-1] != byte((n-1)*7) {
				t.Fatalf("value of %d bytes read back wrong", n)
			}
			env.e.Flush()
			if entries, bytes := env.e.MemoryUsage(); entries != 1 || bytes > 64<<10 {
				t.Fatalf("memory tier holds %d entries, %d bytes; want the small one only", entries, bytes)
			}
		}
	}
	if runs[small] != 1 || runs[big] != 1 {
		t.Fatalf("runs %v, want one each", runs)
	}
	if n, b := ps.Len(); n != 2 || b < int64(big) {
		t.Fatalf("persistent store holds %d records, %d bytes; want both", n, b)
	}
	if s := f.Stats(); s.Hits != 4 || s.Misses != 2 {
		t.Fatalf("stats %+v", s)
	}
}

// Without a persistent store a value over the bound cannot be kept anywhere: every call runs the
// function, and the app still gets its value.
func TestValueOverMemoryBoundWithoutPersistentStore_B23(t *testing.T) {
	env := newEnv(t, nil)
	env.e.SetMemoryBytes(1 << 10)
	runs := 0
	f := Data0(func(NoSession) ([]byte, error) { runs++; return bigResult(4 << 10), nil }, env.opt())
	for range 3 {
		if v := must[[]byte](t)(f.Call(NoSession{})); len(v) != 4<<10 {
			t.Fatalf("got %d bytes", len(v))
		}
	}
	if runs != 3 {
		t.Fatalf("runs = %d, want 3", runs)
	}
	if entries, _ := env.e.MemoryUsage(); entries != 0 {
		t.Fatalf("memory tier holds %d entries", entries)
	}
}

// Many calls of mixed sizes through an engine: the memory tier stays within its bound after every
// call, and SetMemoryBytes shrinks it at once, keeping the most recently used.
func TestEngineMemoryBound_B23(t *testing.T) {
	ps := &memoryStore{}
	env := newEnv(t, ps)
	const bound = 256 << 10
	env.e.SetMemoryBytes(bound)
	f := Data1(func(_ NoSession, n int) ([]byte, error) { return bigResult(n), nil }, env.opt())
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 500 {
		n := 1 + rng.IntN(40<<10)
		if i%50 == 0 {
			n = bound + rng.IntN(bound) // over the bound now and then
		}
		_ = must[[]byte](t)(f.Call(NoSession{}, n))
		if _, bytes := env.e.MemoryUsage(); bytes > bound {
			t.Fatalf("call %d: memory tier holds %d bytes, over %d", i, bytes, bound)
		}
	}
	env.e.Flush()
	env.e.SetMemoryBytes(32 << 10)
	if _, bytes := env.e.MemoryUsage(); bytes > 32<<10 {
		t.Fatalf("after SetMemoryBytes: %d bytes", bytes)
	}
	if got := env.e.MemoryBytes(); got != 32<<10 {
		t.Fatalf("MemoryBytes() = %d", got)
	}
}

// TestFileStoreEvictNothingWhenTooSmall_C6: like the memory tier and IndexedDB, a FileStore asked
// to free more than it holds removes nothing (it could not make room for such a value anyway).
func TestFileStoreEvictNothingWhenTooSmall_C6(t *testing.T) {
	ctx := context.Background()
	s, err := NewFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, "a", make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	if freed, err := s.Evict(ctx, 1<<30); err != nil || freed != 0 {
		t.Fatalf("Evict(more than the store holds) = %d, %v; want 0, nil", freed, err)
	}
	if _, ok, err := s.Get(ctx, "a"); !ok || err != nil {
		t.Fatalf("a was removed by an eviction that could not make room (ok=%v, err=%v)", ok, err)
	}
	if freed, err := s.Evict(ctx, 1); err != nil || freed == 0 {
		t.Fatalf("Evict(1) = %d, %v; want the file freed", freed, err)
	}
}
