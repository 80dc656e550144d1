package cache

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// seedFrom makes a seed source that serves recs by key and counts what it was asked.
func seedFrom(t *testing.T, recs map[string][]byte) *atomic.Int64 {
	t.Helper()
	var asked atomic.Int64
	driver.SetSeedSource(func(_ context.Context, _, key string) []byte {
		asked.Add(1)
		return recs[key]
	})
	t.Cleanup(func() { driver.SetSeedSource(nil) })
	return &asked
}

// prewarmed computes f's marked call on a build engine and returns its key and sealed record.
func prewarmed(t *testing.T, call driver.PrewarmCall) (string, []byte) {
	t.Helper()
	if err := call.Run(nil); err != nil {
		t.Fatalf("Run: %v", err)
	}
	key, err := call.Key()
	if err != nil {
		t.Fatalf("Key: %v", err)
	}
	rec, ok := call.Record(context.Background())
	if !ok {
		t.Fatal("Record: the marked call has no record after Run")
	}
	return key, rec
}

func lastCall(t *testing.T) driver.PrewarmCall {
	t.Helper()
	calls := driver.PrewarmCalls()
	if len(calls) == 0 {
		t.Fatal("no prewarm mark")
	}
	return calls[len(calls)-1]
}

func TestPrewarmSeedsFirstVisit_C8(t *testing.T) {
	build := newEnv(t, nil)
	var runs atomic.Int64
	square := func(_ NoSession, n int) (int, error) { runs.Add(1); return n * n, nil }
	f := Prewarm1(Data1(square, build.opt()), 12)
	key, rec := prewarmed(t, lastCall(t))
	if runs.Load() != 1 {
		t.Fatalf("the build ran the function %d times, want 1", runs.Load())
	}

	// A first visit: an empty cache, the build's record offered as a seed.
	build.e.ClearAllData()
	asked := seedFrom(t, map[string][]byte{key: rec})
	v, err := f.Call(NoSession{}, 12)
	if err != nil || v != 144 {
		t.Fatalf("Call = %v, %v; want 144", v, err)
	}
	if runs.Load() != 1 {
		t.Errorf("the function ran on the first visit although the seed matched (runs %d)", runs.Load())
	}
	if asked.Load() != 1 {
		t.Errorf("seed source asked %d times, want 1", asked.Load())
	}
	// Seeded means stored: the next call is a plain hit.
	if v, _ := f.Call(NoSession{}, 12); v != 144 || asked.Load() != 1 || runs.Load() != 1 {
		t.Errorf("second call: v %d, asked %d, runs %d; want a hit", v, asked.Load(), runs.Load())
	}
	// Other arguments are not seeded.
	if v, _ := f.Call(NoSession{}, 3); v != 9 || runs.Load() != 2 {
		t.Errorf("unmarked arguments: v %d, runs %d; want computed", v, runs.Load())
	}
}

func TestPrewarmCorruptSeedIgnored_C8(t *testing.T) {
	env := newEnv(t, nil)
	var runs atomic.Int64
	double := func(_ NoSession, s string) (string, error) { runs.Add(1); return s + s, nil }
	f := Prewarm1(Data1(double, env.opt()), "ab")
	key, rec := prewarmed(t, lastCall(t))
	env.e.ClearAllData()
	bad := append([]byte(nil), rec...)
	bad[len(bad)/2] ^= 0xff // a damaged download
	seedFrom(t, map[string][]byte{key: bad})
	v, err := f.Call(NoSession{}, "ab")
	if err != nil || v != "abab" {
		t.Fatalf("Call = %q, %v; want abab", v, err)
	}
	if runs.Load() != 2 {
		t.Errorf("runs = %d, want 2: a corrupt seed must be ignored and the function computed", runs.Load())
	}
	if w := strings.Join(env.warns.all(), "\n"); !strings.Contains(w, "prewarmed record") {
		t.Errorf("no warning about the ignored seed; warnings: %q", w)
	}
}

func TestPrewarmStaleSeedIgnored_C8(t *testing.T) {
	env := newEnv(t, nil)
	var runs atomic.Int64
	oldFn := func(_ NoSession, n int) (int, error) { return -1, nil } // an older build's function
	newFn := func(_ NoSession, n int) (int, error) { runs.Add(1); return n + 1, nil }
	Prewarm1(Data1(oldFn, env.opt()), 5)
	_, stale := prewarmed(t, lastCall(t))
	f := Prewarm1(Data1(newFn, env.opt()), 5)
	key, err := lastCall(t).Key()
	if err != nil {
		t.Fatal(err)
	}
	env.e.ClearAllData()
	seedFrom(t, map[string][]byte{key: stale}) // the old record served under the new key
	v, err := f.Call(NoSession{}, 5)
	if err != nil || v != 6 {
		t.Fatalf("Call = %d, %v; want 6 (never the stale -1)", v, err)
	}
	if runs.Load() != 1 {
		t.Errorf("runs = %d, want 1", runs.Load())
	}
}
