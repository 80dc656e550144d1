//go:build js && wasm

package cache_test

// Tests of WebLocker in a real browser (see idb_js_test.go for how they run).

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"syscall/js"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/driver"
)

var _ driver.Locker = (*cache.WebLocker)(nil)

// short is how long a test lets a Lock call try while another holder has the
// lock; the call must still be waiting then.
const short = 200 * time.Millisecond

func newLocker(t *testing.T, app string) *cache.WebLocker {
	t.Helper()
	l, err := cache.NewWebLocker(app)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// lockResult runs l.Lock in a goroutine and delivers its outcome.
func lockAsync(ctx context.Context, l *cache.WebLocker, key string) <-chan func() {
	ch := make(chan func(), 1)
	go func() {
		u, err := l.Lock(ctx, key)
		if err != nil {
			u = nil
		}
		ch <- u
	}()
	return ch
}

// A second holder waits until the first unlocks; other keys and other apps
// do not wait.
func TestWebLockerExclusive_B16(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	l := newLocker(t, "locks-exclusive")
	unlock1, err := l.Lock(ctx, "k")
	if err != nil {
		t.Fatal(err)
	}
	second := lockAsync(ctx, l, "k")
	select {
	case <-second:
		t.Fatal("a second holder got the lock while the first held it")
	case <-time.After(short):
	}
	if held(t, l.LockName("k")) != 1 || pending(t, l.LockName("k")) != 1 {
		t.Fatalf("navigator.locks.query: held %d pending %d, want 1 and 1", held(t, l.LockName("k")), pending(t, l.LockName("k")))
	}
	other, err := l.Lock(ctx, "other key")
	if err != nil {
		t.Fatal(err)
	}
	other()
	otherApp, err := newLocker(t, "another app").Lock(ctx, "k")
	if err != nil {
		t.Fatal(err)
	}
	otherApp()

	unlock1()
	unlock1() // a second call does nothing
	unlock2 := <-second
	if unlock2 == nil {
		t.Fatal("the second Lock failed after the first unlock")
	}
	if held(t, l.LockName("k")) != 1 {
		t.Fatal("the second holder does not hold the lock")
	}
	unlock2()
	if u, err := l.Lock(ctx, "k"); err != nil {
		t.Fatal(err)
	} else {
		u()
	}
	// The browser releases a lock a moment after unlock (once the JS promise
	// settles): poll for it.
	for deadline := time.Now().Add(5 * time.Second); held(t, l.LockName("k")) != 0; {
		if time.Now().After(deadline) {
			t.Fatal("the lock is still held 5s after every unlock")
		}
		time.Sleep(time.Millisecond)
	}
}

// A Lock whose ctx ends while it waits returns ctx.Err() and withdraws its
// request: it never takes the lock afterwards.
func TestWebLockerCancel_C5(t *testing.T) {
	needBrowser(t)
	l := newLocker(t, "locks-cancel")
	unlock, err := l.Lock(context.Background(), "k")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), short)
	defer cancel()
	if u, err := l.Lock(ctx, "k"); !errors.Is(err, context.DeadlineExceeded) || u != nil {
		t.Fatalf("Lock with an expiring ctx = %v, want DeadlineExceeded", err)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	waiting := lockAsync(ctx2, l, "k")
	for pending(t, l.LockName("k")) == 0 {
		time.Sleep(time.Millisecond) // wait until the request is queued
	}
	cancel2()
	if u := <-waiting; u != nil {
		t.Fatal("a cancelled Lock returned an unlock")
	}
	if n := pending(t, l.LockName("k")); n != 0 {
		t.Fatalf("%d requests still pending after cancel", n)
	}
	unlock()
	ctx3, cancel3 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel3()
	u, err := l.Lock(ctx3, "k")
	if err != nil {
		t.Fatalf("Lock after the cancelled requests: %v (a withdrawn request took the lock?)", err)
	}
	u()
	cctx, ccancel := context.WithCancel(context.Background())
	ccancel()
	if _, err := l.Lock(cctx, "k"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Lock with a cancelled ctx = %v", err)
	}
}

func TestWebLockerUnavailable_C5(t *testing.T) {
	needBrowser(t)
	withoutProp(js.Global().Get("wasmlitHost"), "locks", func() {
		if _, err := cache.NewWebLocker("x"); err == nil || !strings.Contains(err.Error(), "wasmlitHost.locks is missing") {
			t.Fatalf("NewWebLocker without wasmlitHost.locks: %v", err)
		}
	})
	withoutProp(js.Global().Get("navigator"), "locks", func() {
		if _, err := cache.NewWebLocker("x"); err == nil || !strings.Contains(err.Error(), "not available") {
			t.Fatalf("NewWebLocker without navigator.locks: %v", err)
		}
	})
}

// Two engines standing for two tabs (each its own IndexedDB connection and
// memory tier, one origin's Web Locks) call one cached function at once: it
// runs once, and both get its value.
func TestWebLockerComputeOnceAcrossEngines_B16_C5(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	name := openTestIDB(t).Name()
	var runs atomic.Int32
	locker := newLocker(t, name)
	tab := func() *cache.DataFunc0[cache.NoSession, string] {
		st, err := cache.OpenIDB(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		e := cache.NewEngine(cache.Config{Store: st, Locker: locker})
		return cache.Data0(func(cache.NoSession) (string, error) {
			runs.Add(1)
			// Hold the computation until the other tab waits for the lock.
			deadline := time.Now().Add(5 * time.Second)
			for !lockWaiting(t, "wasmlit:"+name+":") && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			return "computed once", nil
		}, cache.WithEngine(e))
	}
	f1, f2 := tab(), tab()
	res := make(chan string, 2)
	for _, f := range []*cache.DataFunc0[cache.NoSession, string]{f1, f2} {
		go func() {
			v, err := f.Call(cache.NoSession{})
			if err != nil {
				v = err.Error()
			}
			res <- v
		}()
	}
	for range 2 {
		if v := <-res; v != "computed once" {
			t.Fatalf("value %q", v)
		}
	}
	if n := runs.Load(); n != 1 {
		t.Fatalf("the function ran %d times across two engines, want 1", n)
	}
}

// The cross-tab test in playwright/idb.spec.ts: page 1 runs the "hold" phase
// (takes the lock and never lets go); page 2 runs "wait": its Lock must wait,
// and succeeds once page 1 is closed (the browser releases its lock).
func TestWebLockerAcrossTabs_C5(t *testing.T) {
	needBrowser(t)
	phase := os.Getenv("WASMLIT_LOCK_PHASE")
	if phase == "" {
		t.Skip("WASMLIT_LOCK_PHASE is not set: playwright/idb.spec.ts runs the phases in two pages")
	}
	l := newLocker(t, "across-tabs")
	switch phase {
	case "hold":
		if _, err := l.Lock(context.Background(), "k"); err != nil {
			t.Fatal(err)
		}
		fmt.Println("wasmlit-test: HELD")
		select {} // until the page closes
	case "wait":
		ctx, cancel := context.WithTimeout(context.Background(), short)
		defer cancel()
		if _, err := l.Lock(ctx, "k"); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Lock while another tab holds it = %v, want DeadlineExceeded", err)
		}
		fmt.Println("wasmlit-test: WAITING")
		ctx2, cancel2 := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel2()
		u, err := l.Lock(ctx2, "k")
		if err != nil {
			t.Fatalf("Lock after the holding tab closed: %v", err)
		}
		u()
	default:
		t.Fatalf("unknown WASMLIT_LOCK_PHASE %q", phase)
	}
}

// query returns navigator.locks.query()'s snapshot.
func query(t *testing.T) js.Value {
	t.Helper()
	return awaitPromise(t, js.Global().Get("navigator").Get("locks").Call("query"))
}

func count(list js.Value, match func(string) bool) int {
	n := 0
	for i := range list.Length() {
		if match(list.Index(i).Get("name").String()) {
			n++
		}
	}
	return n
}

func held(t *testing.T, name string) int {
	return count(query(t).Get("held"), func(s string) bool { return s == name })
}

func pending(t *testing.T, name string) int {
	return count(query(t).Get("pending"), func(s string) bool { return s == name })
}

func lockWaiting(t *testing.T, prefix string) bool {
	return count(query(t).Get("pending"), func(s string) bool { return strings.HasPrefix(s, prefix) }) > 0
}
