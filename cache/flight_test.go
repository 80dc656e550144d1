package cache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// The single-flight's own tests (B16, B17, B29). Each runs in a synctest bubble: synctest.Wait
// returns when every goroutine of the test is blocked, so "the waiters are waiting" and "this
// caller has not returned" are facts the test checks, not timing it hopes for.

// outcome is what one caller of flight.do got.
type outcome struct {
	v      int
	err    error
	leader bool
	panic  any
}

// doAsync calls g.do in a new goroutine and delivers its outcome on the returned channel.
func doAsync(ctx context.Context, g *flight[int], key string, fn func(keepFunc) (int, error)) <-chan outcome {
	ch := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			o.panic = recover()
			ch <- o
		}()
		o.v, o.err, o.leader = g.do(ctx, key, "f", nil, fn)
	}()
	return ch
}

// returned reports whether ch has an outcome now, without waiting.
func returned(ch <-chan outcome) bool { return len(ch) > 0 }

// blockingFn returns a function that counts its runs, and blocks each run until release is
// closed before returning (v, err).
func blockingFn(runs *atomic.Int32, release <-chan struct{}, v int, err error) func(keepFunc) (int, error) {
	return func(keepFunc) (int, error) {
		runs.Add(1)
		<-release
		return v, err
	}
}

// N callers of one key: the function runs once; the callers that did not run it are blocked
// until it returns, then all get its value; exactly one is the leader.
func TestFlightWaitersShareOneRun_B16(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var g flight[int]
		var runs atomic.Int32
		release := make(chan struct{})
		const N = 8
		var outs []<-chan outcome
		for range N {
			outs = append(outs, doAsync(t.Context(), &g, "k", blockingFn(&runs, release, 42, nil)))
		}
		synctest.Wait()
		if n := runs.Load(); n != 1 {
			t.Fatalf("%d runs while the first is in flight, want 1", n)
		}
		for i, ch := range outs {
			if returned(ch) {
				t.Fatalf("caller %d returned while the computation was in flight", i)
			}
		}
		close(release)
		leaders := 0
		for i, ch := range outs {
			o := <-ch
			if o.v != 42 || o.err != nil || o.panic != nil {
				t.Fatalf("caller %d got %+v, want 42", i, o)
			}
			if o.leader {
				leaders++
			}
		}
		if leaders != 1 || runs.Load() != 1 {
			t.Fatalf("leaders = %d, runs = %d; want 1 and 1", leaders, runs.Load())
		}
	})
}

// A panic reaches every caller that waited, as the same *PanicError; nobody runs the function
// again, and the next call after it does (B17).
func TestFlightPanicReachesEveryWaiter_B16_B17(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var g flight[int]
		var runs atomic.Int32
		release := make(chan struct{})
		fn := func(keepFunc) (int, error) {
			if runs.Add(1) == 1 {
				<-release
				panic("model file missing")
			}
			return 1, nil
		}
		const N = 8
		var outs []<-chan outcome
		for range N {
			outs = append(outs, doAsync(t.Context(), &g, "k", fn))
		}
		synctest.Wait()
		close(release)
		var first *PanicError
		for i, ch := range outs {
			o := <-ch
			pe, ok := o.panic.(*PanicError)
			if !ok || pe.Value != "model file missing" || pe.Func != "f" {
				t.Fatalf("caller %d got %+v, want the *PanicError", i, o)
			}
			if first == nil {
				first = pe
			} else if pe != first {
				t.Fatalf("caller %d got another *PanicError than caller 0", i)
			}
		}
		if n := runs.Load(); n != 1 {
			t.Fatalf("the function ran %d times for one panic, want 1", n)
		}
		if o := <-doAsync(t.Context(), &g, "k", fn); o.v != 1 || !o.leader || runs.Load() != 2 {
			t.Fatalf("after the panic: %+v, runs = %d; want a new run", o, runs.Load())
		}
	})
}

// An error reaches every caller that waited; nobody runs the function again, and the next call
// after it does (B17).
func TestFlightErrorReachesEveryWaiter_B16_B17(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var g flight[int]
		var runs atomic.Int32
		release := make(chan struct{})
		boom := errors.New("boom")
		fn := func(keepFunc) (int, error) {
			if runs.Add(1) == 1 {
				<-release
				return 0, boom
			}
			return 1, nil
		}
		const N = 8
		var outs []<-chan outcome
		for range N {
			outs = append(outs, doAsync(t.Context(), &g, "k", fn))
		}
		synctest.Wait()
		close(release)
		for i, ch := range outs {
			if o := <-ch; o.err != boom || o.panic != nil {
				t.Fatalf("caller %d got %+v, want the error", i, o)
			}
		}
		if n := runs.Load(); n != 1 {
			t.Fatalf("the function ran %d times for one error, want 1", n)
		}
		if o := <-doAsync(t.Context(), &g, "k", fn); o.v != 1 || o.err != nil || runs.Load() != 2 {
			t.Fatalf("after the error: %+v, runs = %d; want a new run", o, runs.Load())
		}
	})
}

// A leader whose run is stopped (its context done, its function failing with that) does not
// hand its failure to the waiters: one of them computes, the others wait for it.
func TestFlightCancelledLeaderLetsWaiterTakeOver_B16(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var g flight[int]
		var runs atomic.Int32
		leaderCtx, stop := context.WithCancel(t.Context())
		release := make(chan struct{})
		fn := func(keepFunc) (int, error) {
			if runs.Add(1) == 1 {
				<-leaderCtx.Done()
				return 0, leaderCtx.Err()
			}
			<-release
			return 7, nil
		}
		leader := doAsync(leaderCtx, &g, "k", fn)
		synctest.Wait() // the leader is in the flight
		const N = 4
		var outs []<-chan outcome
		for range N {
			outs = append(outs, doAsync(t.Context(), &g, "k", fn))
		}
		synctest.Wait()
		stop()
		if o := <-leader; !errors.Is(o.err, context.Canceled) || !o.leader {
			t.Fatalf("stopped leader got %+v, want context.Canceled", o)
		}
		synctest.Wait()
		if n := runs.Load(); n != 2 {
			t.Fatalf("runs = %d after the leader stopped, want 2 (one waiter took over)", n)
		}
		for i, ch := range outs {
			if returned(ch) {
				t.Fatalf("waiter %d returned before the new computation did: %+v", i, <-ch)
			}
		}
		close(release)
		leaders := 0
		for i, ch := range outs {
			o := <-ch
			if o.v != 7 || o.err != nil {
				t.Fatalf("waiter %d got %+v, want 7", i, o)
			}
			if o.leader {
				leaders++
			}
		}
		if leaders != 1 || runs.Load() != 2 {
			t.Fatalf("leaders = %d, runs = %d; want 1 and 2", leaders, runs.Load())
		}
	})
}

// A waiter whose context ends stops waiting at once with its context's error; the computation
// goes on for the others.
func TestFlightWaiterContextEndsWait_B16(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var g flight[int]
		var runs atomic.Int32
		release := make(chan struct{})
		fn := blockingFn(&runs, release, 5, nil)
		leader := doAsync(t.Context(), &g, "k", fn)
		synctest.Wait()
		ctx, stop := context.WithCancel(t.Context())
		waiter := doAsync(ctx, &g, "k", fn)
		other := doAsync(t.Context(), &g, "k", fn)
		synctest.Wait()
		stop()
		synctest.Wait()
		if !returned(waiter) {
			t.Fatal("the waiter whose context ended is still waiting")
		}
		if o := <-waiter; !errors.Is(o.err, context.Canceled) || o.leader {
			t.Fatalf("stopped waiter got %+v, want context.Canceled", o)
		}
		if returned(leader) || returned(other) {
			t.Fatal("one waiter's context ended the computation for the others")
		}
		close(release)
		if o, p := <-leader, <-other; o.v != 5 || p.v != 5 || runs.Load() != 1 {
			t.Fatalf("leader %+v, other %+v, runs %d", o, p, runs.Load())
		}
	})
}

// The flight holds no result: once a computation is done its key is forgotten and the next
// call runs the function again (what is cached is the store's business) (B17).
func TestFlightForgetsKeyWhenDone_B17(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var g flight[int]
		var runs atomic.Int32
		fn := func(keepFunc) (int, error) { return int(runs.Add(1)), nil }
		for want := 1; want <= 3; want++ {
			if o := <-doAsync(t.Context(), &g, "k", fn); o.v != want || !o.leader {
				t.Fatalf("call %d got %+v, want a new run", want, o)
			}
		}
		g.mu.Lock()
		n := len(g.calls)
		g.mu.Unlock()
		if n != 0 {
			t.Fatalf("%d keys left in the flight, want 0", n)
		}
	})
}

// A clear (forget, forgetAll) detaches the computation in flight: the callers already waiting
// get its result, keep no longer stores it, and a caller after the clear starts a new
// computation, which the detached one does not disturb when it ends (B29).
func TestFlightForgetDetachesComputation_B29(t *testing.T) {
	for _, tc := range []struct {
		name  string
		clear func(g *flight[int])
	}{
		{"forget", func(g *flight[int]) { g.forget("k") }},
		{"forgetAll", func(g *flight[int]) { g.forgetAll() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var g flight[int]
				var mu sync.Mutex
				stored := map[int]bool{} // value -> kept
				var runs atomic.Int32
				releases := []chan struct{}{make(chan struct{}), make(chan struct{})}
				fn := func(keep keepFunc) (int, error) {
					n := int(runs.Add(1))
					if n <= len(releases) {
						<-releases[n-1]
					}
					kept := keep(func() {})
					mu.Lock()
					stored[n] = kept
					mu.Unlock()
					return n, nil
				}
				old := doAsync(t.Context(), &g, "k", fn)
				oldWaiter := doAsync(t.Context(), &g, "k", fn)
				synctest.Wait()
				tc.clear(&g)
				fresh := doAsync(t.Context(), &g, "k", fn)
				synctest.Wait()
				if n := runs.Load(); n != 2 {
					t.Fatalf("runs = %d: a caller after the clear joined the computation from before it", n)
				}
				freshWaiter := doAsync(t.Context(), &g, "k", fn)
				close(releases[0]) // the detached computation ends first
				for _, ch := range []<-chan outcome{old, oldWaiter} {
					if o := <-ch; o.v != 1 {
						t.Fatalf("a caller from before the clear got %+v, want 1", o)
					}
				}
				synctest.Wait()
				late := doAsync(t.Context(), &g, "k", fn) // must join the fresh computation
				synctest.Wait()
				close(releases[1])
				for _, ch := range []<-chan outcome{fresh, freshWaiter, late} {
					if o := <-ch; o.v != 2 {
						t.Fatalf("a caller after the clear got %+v, want 2", o)
					}
				}
				if runs.Load() != 2 {
					t.Fatalf("runs = %d, want 2", runs.Load())
				}
				mu.Lock()
				defer mu.Unlock()
				if stored[1] || !stored[2] {
					t.Fatalf("kept = %v, want only the computation started after the clear", stored)
				}
			})
		})
	}
}
