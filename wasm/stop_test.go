package wasm_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestStopEndsTheRunFromANestedFunction_A14: Stop in a nested function ends the run with no
// exception; what was drawn stays, what comes after is not drawn (and goes away if an earlier run
// drew it), deferred calls run, and the app stays interactive.
func TestStopEndsTheRunFromANestedFunction_A14(t *testing.T) {
	var deferred, after atomic.Int32
	guard := func(st *wasm.Session, name *string) {
		if name == nil {
			st.Warning("Enter a name to go on")
			st.Stop()
		}
	}
	at := wasmtest.New(t, func(st *wasm.Session) {
		defer deferred.Add(1)
		st.Title("Greeter")
		name := st.TextInputOpt("Name", nil)
		col := st.Container()
		func() { guard(col, name) }()
		after.Add(1)
		st.Text("Hello, " + *name)
	})
	if n := len(at.Find("stException")); n != 0 {
		t.Fatalf("Stop showed %d exceptions:\n%s", n, at.Root())
	}
	if len(at.Find("stTitle")) != 1 || len(at.Find("stAlert")) != 1 || len(at.Find("stText")) != 0 {
		t.Fatalf("after Stop, want the title and the warning only:\n%s", at.Root())
	}
	if deferred.Load() != 1 || after.Load() != 0 {
		t.Fatalf("deferred calls = %d (want 1), code after Stop ran %d times (want 0)", deferred.Load(), after.Load())
	}
	at.Set("stTextInput", "Name", "Ada") // still interactive
	wantTexts(t, at, "Hello, Ada")
	if len(at.Find("stAlert")) != 0 {
		t.Fatalf("warning left after the run that did not stop:\n%s", at.Root())
	}
	at.Set("stTextInput", "Name", "") // stops again: the text of the run before goes away
	if len(at.Find("stText")) != 0 || len(at.Find("stAlert")) != 1 || len(at.Find("stException")) != 0 {
		t.Fatalf("after a second Stop:\n%s", at.Root())
	}
}

// TestStopKeepsUndrawnWidgets_A14: a widget after the Stop is not drawn in that run but keeps its
// value for the next run that reaches it (Streamlit's st.stop).
func TestStopKeepsUndrawnWidgets_A14(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		if st.Checkbox("Stop early", false) {
			st.Stop()
		}
		st.Text("n=" + st.TextInput("N", "default"))
	})
	at.Set("stTextInput", "N", "kept")
	at.Set("stCheckbox", "Stop early", true)
	if len(at.Find("stTextInput")) != 0 {
		t.Fatalf("widget drawn after Stop:\n%s", at.Root())
	}
	at.Set("stCheckbox", "Stop early", false)
	wantTexts(t, at, "n=kept")
}

// TestStopInsideACachedFunctionCachesNothing_A14: a cached function that calls Stop stores no
// value and shows no exception; the next call computes again.
func TestStopInsideACachedFunctionCachesNothing_A14(t *testing.T) {
	var runs atomic.Int32
	var stopping atomic.Bool
	stopping.Store(true)
	load := cache.Data1(func(st *wasm.Session, n int) (int, error) {
		runs.Add(1)
		st.Text("loading")
		if stopping.Load() {
			st.Stop()
		}
		return n * 10, nil
	}, cache.ShowSpinner(false))
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Title("Cached")
		v, err := load.Call(st, 4)
		st.Exception(err)
		st.Textf("v=%d", v)
	})
	if n := len(at.Find("stException")); n != 0 {
		t.Fatalf("Stop in a cached function showed %d exceptions:\n%s", n, at.Root())
	}
	wantTexts(t, at, "loading")
	if len(at.Find("stTitle")) != 1 {
		t.Fatalf("title drawn before the cached call is gone:\n%s", at.Root())
	}
	at.Rerun() // stops again: nothing was cached, so the function runs again
	if runs.Load() != 2 {
		t.Fatalf("runs = %d after two stopped calls, want 2 (a stopped call caches nothing)", runs.Load())
	}
	stopping.Store(false)
	at.Rerun()
	at.Rerun() // a hit now: the value of the call that was not stopped was stored
	wantTexts(t, at, "loading", "v=40")
	if runs.Load() != 3 {
		t.Fatalf("runs = %d, want 3: the call that returned is cached", runs.Load())
	}
}

// TestStopInACachedFunctionLetsWaitersCompute_A14: a session waiting for the key that a stopped
// session was computing does not inherit the stop: it computes the value itself, and stores it.
func TestStopInACachedFunctionLetsWaitersCompute_A14(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		entered := make(chan struct{})
		release := make(chan struct{})
		e := cache.NewEngine(cache.Config{})
		load := cache.Data1(func(st *wasm.Session, n int) (int, error) {
			if calls.Add(1) == 1 { // the first session's call: stopped while the second waits
				entered <- struct{}{}
				<-release
				st.Stop()
			}
			return n * 10, nil
		}, cache.ShowSpinner(false), cache.WithEngine(e))
		app := func(st *wasm.Session) {
			v, err := load.Call(st, 4)
			st.Exception(err)
			st.Textf("v=%d", v)
		}
		apps := make(chan *wasmtest.App, 2)
		go func() { apps <- wasmtest.New(t, app) }()
		<-entered
		go func() { apps <- wasmtest.New(t, app) }()
		synctest.Wait() // the second session waits for the key in the cache's flight
		close(release)
		a, b := <-apps, <-apps
		for _, at := range []*wasmtest.App{a, b} {
			if n := len(at.Find("stException")); n != 0 {
				t.Fatalf("an exception is shown:\n%s", at.Root())
			}
		}
		got := texts(a)
		got = append(got, texts(b)...)
		if fmt.Sprint(got) != "[v=40]" {
			t.Fatalf("texts of the two sessions = %q, want one v=40 (the waiter computed) and none (the stopped one)", got)
		}
		if calls.Load() != 2 {
			t.Fatalf("calls = %d, want 2: the stopped call and the waiter's own", calls.Load())
		}
	})
}
