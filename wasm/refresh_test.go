package wasm_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestBackgroundRefreshInASession_B21: past its TTL, a function cached with BackgroundRefresh is
// served stale at once (what it drew is replayed), it is computed again in a detached session
// (nothing it draws there reaches the page), and the session then reruns on its own to show the
// fresh value. In a synctest bubble, time.Sleep moves the engine's clock and synctest.Wait
// returns once the refresh and the rerun it asks for are done.
func TestBackgroundRefreshInASession_B21(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gate := make(chan struct{})
		var runs atomic.Int32
		prices := cache.Data0(func(st *wasm.Session) (int, error) {
			n := int(runs.Add(1))
			if n == 2 {
				<-gate // the refresh waits until the test has seen the stale value
			}
			st.Text(fmt.Sprintf("fetched #%d", n))
			return n, nil
		}, cache.TTL(time.Minute), cache.BackgroundRefresh(time.Hour), cache.WithEngine(cache.NewEngine(cache.Config{})))
		app := func(st *wasm.Session) {
			v, err := prices.Call(st)
			st.Exception(err)
			st.Text(fmt.Sprintf("price %d", v))
		}
		at := wasmtest.New(t, app)
		texts := func() string {
			var out []string
			for _, e := range at.Find("stText") {
				out = append(out, e.Label())
			}
			return strings.Join(out, ", ")
		}
		if got := texts(); got != "fetched #1, price 1" {
			t.Fatalf("first run drew %q", got)
		}
		time.Sleep(2 * time.Minute) // past the TTL
		at.Rerun()
		if got := texts(); got != "fetched #1, price 1" {
			t.Fatalf("the run past the TTL drew %q, want the stale value at once", got)
		}
		close(gate)
		synctest.Wait()
		at.Settle()
		if got := texts(); got != "fetched #2, price 2" {
			t.Fatalf("after the refresh the page shows %q, want the fresh value (a rerun of its own)", got)
		}
		if runs.Load() != 2 || at.Runs() != 3 {
			t.Fatalf("function runs = %d, app runs = %d; want 2 and 3 (first, rerun, the refresh's rerun)", runs.Load(), at.Runs())
		}
	})
}
