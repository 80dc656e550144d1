package wasm_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// A miss that a newer interaction makes obsolete can be cancelled through its context (A4, B17):
// the interaction cancels st.Context() at once, even while a cached function computes (the run
// itself stops only after the cached call returns). A function that watches the context gives up
// with its error, so nothing is cached, no exception is shown, and the next run computes again.
func TestObsoleteMissCancelledThroughContext_A4_B17(t *testing.T) {
	inside := make(chan struct{}, 1)
	var runs atomic.Int32
	var seen atomic.Value // the error the first run's function saw
	slow := cache.Data1(func(st *wasm.Session, n int) (int, error) {
		if runs.Add(1) == 2 { // the miss of n=1, in the run the slider's change starts
			inside <- struct{}{}
			<-st.Context().Done() // long work that watches its context; no other way out
			seen.Store(st.Context().Err())
			return 0, st.Context().Err()
		}
		return 40 + n, nil
	})
	at := wasmtest.New(t, func(st *wasm.Session) {
		n := wasm.Slider(st, "N", 0, 10, 0)
		st.Button("Again")
		v, err := slow.Call(st, n)
		if err != nil {
			st.Exception(err)
			return
		}
		st.Textf("v=%d", v)
	})
	at.Send(wasmtest.Event{ID: at.ID("stSlider", "N"), Type: "change", Value: 1})
	<-inside
	at.Send(wasmtest.Event{ID: at.ID("stButton", "Again"), Type: "click", Value: true}) // makes the miss obsolete
	at.Settle()
	if err, _ := seen.Load().(error); !errors.Is(err, context.Canceled) {
		t.Fatalf("the cached function saw %v, want context.Canceled", err)
	}
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("the cancelled miss showed an exception:\n%s", at.Root())
	}
	if got := at.Find("stText"); runs.Load() != 3 || len(got) != 1 || got[0].Label() != "v=41" {
		t.Fatalf("runs=%d, want the next run to compute again (nothing cached from the cancelled miss):\n%s", runs.Load(), at.Root())
	}
	if s := slow.Stats(); s.Entries != 2 || s.Misses != 3 || s.Hits != 0 {
		t.Fatalf("stats %+v: want three misses and two entries (n=0, and n=1 from the last run)", s)
	}
}
