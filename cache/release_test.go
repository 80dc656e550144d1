package cache

import (
	"runtime"
	"testing"
)

// TestLargeHitReleasesThePreviousCopy_B19: a memory-tier hit of a large value holds the record
// and the copy it decodes, not also the copies of the hits before, which the caller has dropped:
// after each hit the heap has grown by about one value from where it was after the miss, however
// many hits came before. At the edge of wasm32 a third copy is the difference between a hit and
// "out of memory".
func TestLargeHitReleasesThePreviousCopy_B19(t *testing.T) {
	const n = 8 << 20 // 64 MiB of float64s
	env := newEnv(t, nil)
	f := Data0(func(NoSession) (Float64s, error) {
		xs := make(Float64s, n)
		for i := range xs {
			xs[i] = float64(i)
		}
		return xs, nil
	}, env.opt())
	if _, err := f.Call(NoSession{}); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	value := float64(n * 8)
	worst := 0.0
	for range 8 {
		xs, err := f.Call(NoSession{})
		if err != nil || len(xs) != n || xs[n-1] != n-1 {
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
