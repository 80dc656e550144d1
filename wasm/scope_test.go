package wasm_test

import (
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestScopeSessionPerSession_B20: two sessions of one app have their own entries of a function
// cached per session, and each session's reruns hit its own.
func TestScopeSessionPerSession_B20(t *testing.T) {
	var runs atomic.Int32
	e := cache.NewEngine(cache.Config{})
	greeting := cache.Data1(func(st *wasm.Session, name string) (string, error) {
		return "hello " + name + " #" + string(rune('0'+runs.Add(1))), nil
	}, cache.ScopeSession(), cache.WithEngine(e))
	app := func(st *wasm.Session) {
		v, err := greeting.Call(st, "ada")
		st.Exception(err)
		st.Text(v)
	}
	a, b := wasmtest.New(t, app), wasmtest.New(t, app)
	text := func(at *wasmtest.App) string { return at.Find("stText")[0].Label() }
	if ta, tb := text(a), text(b); ta == tb {
		t.Fatalf("two sessions share one entry: %q", ta)
	}
	first := text(a)
	a.Rerun()
	if got := text(a); got != first || runs.Load() != 2 {
		t.Errorf("a rerun of session a computed again: %q after %q, %d runs", got, first, runs.Load())
	}
}
