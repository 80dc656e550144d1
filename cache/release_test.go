package cache

import (
	"runtime"
	"runtime/metrics"
	"testing"
)

// largeN is the length of the large value of these tests: 64 MiB of float64s.
const largeN = 8 << 20

// largeAfterMiss returns a data function of a large value (largeN float64s, xs[i] = i) whose first
// call, a miss, has been made.
func largeAfterMiss(t *testing.T) *DataFunc0[NoSession, Float64s] {
	t.Helper()
	env := newEnv(t, nil)
	f := Data0(func(NoSession) (Float64s, error) {
		xs := make(Float64s, largeN)
		for i := range xs {
			xs[i] = float64(i)
		}
		return xs, nil
	}, env.opt())
	if _, err := f.Call(NoSession{}); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestLargeHitReleasesThePreviousCopy_B19: a memory-tier hit of a large value holds the record
// and the copy it decodes, not also the copies of the hits before, which the caller has dropped:
// after each hit the heap has grown by about one value from where it was after the miss, however
// many hits came before. At the edge of wasm32 a third copy is the difference between a hit and
// "out of memory".
func TestLargeHitReleasesThePreviousCopy_B19(t *testing.T) {
	f := largeAfterMiss(t)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	value := float64(largeN * 8)
	worst := 0.0
	for range 8 {
		xs, err := f.Call(NoSession{})
		if err != nil || len(xs) != largeN || xs[largeN-1] != largeN-1 {
			t.Fatalf("hit: %d values, %v", len(xs), err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		worst = max(worst, (float64(ms.HeapAlloc)-float64(base.HeapAlloc))/value)
		runtime.KeepAlive(xs)
	}
	if worst > 1.5 {
		t.Errorf("a hit grew the heap by %.2f× the value; want ≤ 1.5× (its one copy)", worst)
	}
}

// TestLargeHitsDoNotGrowMemory_B19: in wasm a hit that would grow linear memory (which never
// shrinks) collects the garbage of the hits before it first, so that memory stays at the record
// and two copies (the caller's and the one being decoded) however many hits come: the peak that
// the browser bench reports as a multiple of the value. Go's own pacer would let the heap reach
// twice the live bytes before collecting, a third copy and more.
func TestLargeHitsDoNotGrowMemory_B19(t *testing.T) {
	defer func(l int64) { heapLimit = l }(heapLimit)
	heapLimit = 4 << 30 // as in wasm32, where fitsMemory makes room
	f := largeAfterMiss(t)
	// The first hit: the miss's value is now garbage, and the caller keeps this copy.
	xs, err := f.Call(NoSession{})
	if err != nil {
		t.Fatal(err)
	}
	mapped := func() int64 {
		s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64())
	}
	base := mapped()
	for range 8 {
		xs, err = f.Call(NoSession{}) // the caller drops its last copy as it takes the next
		if err != nil || len(xs) != largeN || xs[largeN-1] != largeN-1 {
			t.Fatalf("hit: %d values, %v", len(xs), err)
		}
	}
	if grown := float64(mapped()-base) / float64(largeN*8); grown > 0.5 {
		t.Errorf("8 hits grew mapped memory by %.2f× the value; want none (each reuses the copy the one before dropped)", grown)
	}
	runtime.KeepAlive(xs)
}
