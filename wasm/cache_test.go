package wasm_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func TestSpinnerOnMissOnlyPaintedBeforeTheFunction_B8(t *testing.T) {
	inside := make(chan struct{})
	release := make(chan struct{})
	var blocking atomic.Bool
	blocking.Store(true)
	square := cache.Data1(func(st *wasm.Session, n int) (int, error) {
		if blocking.Load() {
			inside <- struct{}{}
			<-release
		}
		return n * n, nil
	})
	n := wasm.NewState("n", 3)
	done := make(chan *wasmtest.App)
	go func() {
		done <- wasmtest.New(t, func(st *wasm.Session) {
			v, err := square.Call(st, n.Get(st))
			st.Exception(err)
			st.Textf("square = %d", v)
			st.Button("Again")
		})
	}()
	<-inside // the function is running: its spinner is on the page already
	blocking.Store(false)
	close(release)
	at := <-done
	if len(at.Created("stSpinner")) != 1 {
		t.Fatalf("spinners created on the miss = %d, want 1", len(at.Created("stSpinner")))
	}
	if len(at.Find("stSpinner")) != 0 {
		t.Fatalf("spinner left after the function returned:\n%s", at.Root())
	}
	at.Click("Again")
	if len(at.Created("stSpinner")) != 1 {
		t.Fatalf("a hit showed a spinner")
	}
	if got := at.Find("stText")[0].Label(); got != "square = 9" {
		t.Fatalf("got %q", got)
	}
}

func TestSpinnerTextDefaultCustomAndOff_B8(t *testing.T) {
	def := cache.Data0(func(st *wasm.Session) (int, error) { return 1, nil })
	custom := cache.Data0(func(st *wasm.Session) (int, error) { return 2, nil },
		cache.SpinnerText("Crunching numbers"), cache.ShowTime(true))
	off := cache.Data0(func(st *wasm.Session) (int, error) { return 3, nil }, cache.ShowSpinner(false))
	at := wasmtest.New(t, func(st *wasm.Session) {
		def.Call(st)
		custom.Call(st)
		off.Call(st)
	})
	spinners := at.Created("stSpinner")
	if len(spinners) != 2 {
		t.Fatalf("spinners = %d, want 2 (default and custom; off shows none)", len(spinners))
	}
	if text := spinners[0]["text"].(string); !strings.HasPrefix(text, "Running `") || !strings.HasSuffix(text, "(...)`.") {
		t.Errorf("default text = %q, want Running `name(...)`.", text)
	}
	if spinners[0]["showTime"] != false {
		t.Errorf("default spinner shows time")
	}
	if spinners[1]["text"] != "Crunching numbers" || spinners[1]["showTime"] != true {
		t.Errorf("custom spinner = %v", spinners[1])
	}
}

func TestElementsReplayedInPlaceOnHit_B13(t *testing.T) {
	var runs atomic.Int32
	section := cache.Data1(func(st *wasm.Session, title string) (int, error) {
		runs.Add(1)
		st.Subheader(title)
		cols := st.Columns(2)
		cols[0].Text("left")
		cols[1].Metric("Rows", "42")
		st.DataFrame(must(wasm.NewFrame(wasm.Floats("x", []float64{1, 2, 3}))))
		return 42, nil
	})
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Title("Top")
		v, _ := section.Call(st, "Cached section")
		st.Textf("value %d", v)
		st.Button("Again")
	})
	first := at.Root().String()
	at.Click("Again")
	if runs.Load() != 1 {
		t.Fatalf("function ran %d times, want 1", runs.Load())
	}
	if got := at.Root().String(); got != first {
		t.Fatalf("replayed page differs from the miss:\n got:\n%s\nwant:\n%s", got, first)
	}
	if df := at.Find("stDataFrame"); len(df) != 1 || len(df[0].Blob) == 0 {
		t.Fatalf("the dataframe's data was not replayed")
	}
}

// A newer interaction does not stop a cached function computing a miss: the function finishes,
// its value and drawing are stored, and the run stops at the first runtime call after the cached
// call. So the key is computed once (B16) and the next run is a hit.
func TestInteractionDuringCachedMissStopsAfterIt_A4_B16(t *testing.T) {
	inside := make(chan struct{}, 4)
	release := make(chan struct{})
	var runs atomic.Int32
	slow := cache.Data1(func(st *wasm.Session, n int) (int, error) {
		if runs.Add(1) == 2 {
			inside <- struct{}{}
			<-release
			st.Text("drawn after the interaction") // a runtime call inside a miss: no stop here
		}
		return n + 1, nil
	})
	at := wasmtest.New(t, func(st *wasm.Session) {
		n := wasm.Slider(st, "N", 0, 10, 1)
		v, err := slow.Call(st, n)
		st.Exception(err)
		st.Textf("v=%d", v)
	})
	at.Send(wasmtest.Event{ID: at.ID("stSlider", "N"), Type: "change", Value: 2})
	<-inside
	at.Send(wasmtest.Event{ID: at.ID("stSlider", "N"), Type: "change", Value: 2})
	close(release)
	at.Settle()
	if len(at.Find("stException")) != 0 {
		t.Fatalf("an interaction during a cached call must not show an exception:\n%s", at.Root())
	}
	if n := runs.Load(); n != 2 {
		t.Fatalf("the function ran %d times, want 2 (keys 1 and 2, each once)", n)
	}
	got := at.Find("stText")
	if len(got) != 2 || got[0].Label() != "drawn after the interaction" || got[1].Label() != "v=3" {
		t.Fatalf("want the miss's drawing replayed, then v=3; got:\n%s", at.Root())
	}
}

func TestPanicInCachedFunctionShowsItsStack_B17(t *testing.T) {
	boom := cache.Data0(func(st *wasm.Session) (int, error) {
		var rows []int
		return rows[len(rows)], nil
	})
	at := wasmtest.New(t, func(st *wasm.Session) {
		boom.Call(st)
	})
	ex := at.Find("stException")
	if len(ex) != 1 || !strings.Contains(ex[0].Str("message"), "panicked: runtime error: index out of range") {
		t.Fatalf("got:\n%s", at.Root())
	}
	if !strings.Contains(ex[0].Str("stack"), "cache_test.go") {
		t.Errorf("stack does not point into the cached function:\n%s", ex[0].Str("stack"))
	}
}

func TestClearCacheFromTheMenu_B15(t *testing.T) {
	var runs atomic.Int32
	data := cache.Data0(func(st *wasm.Session) (int, error) { return int(runs.Add(1)), nil })
	res := cache.Resource0(func(st *wasm.Session) (*int, error) { v := int(runs.Add(100)); return &v, nil })
	at := wasmtest.New(t, func(st *wasm.Session) {
		d, _ := data.Call(st)
		r, _ := res.Call(st)
		st.Textf("%d %d", d, *r)
	})
	at.Rerun()
	if got := at.Find("stText")[0].Label(); got != "1 101" {
		t.Fatalf("before clear: %q", got)
	}
	at.Send(wasmtest.Event{Type: "clearcache"})
	at.Settle()
	if got := at.Find("stText")[0].Label(); got != "102 202" {
		t.Fatalf("after clear: %q, want both recomputed", got)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestCacheInspectorShowsStatsAndClearsOneFunction_B24(t *testing.T) {
	var aRuns, bRuns atomic.Int32
	a := cache.Data0(func(st *wasm.Session) (int, error) { return int(aRuns.Add(1)), nil })
	b := cache.Data0(func(st *wasm.Session) (int, error) { return int(bRuns.Add(1)), nil })
	at := wasmtest.New(t, func(st *wasm.Session) {
		x, _ := a.Call(st)
		y, _ := b.Call(st)
		st.Textf("%d %d", x, y)
	})
	at.Send(wasmtest.Event{Type: "inspector"})
	at.Settle()
	tables := at.Find("stTable")
	if len(tables) != 2 { // the statistics, then the options
		t.Fatalf("no inspector tables:\n%s", at.Root())
	}
	if cols := tables[0].Props["columns"].([]any); len(cols) != 7 || cols[0] != "function" || cols[4] != "hits" {
		t.Fatalf("columns = %v", cols)
	}
	var clearA *wasmtest.Element
	for _, e := range at.Find("stButton") {
		if strings.HasPrefix(e.Label(), "Clear ") && strings.Contains(e.Str("id"), "TestCacheInspector") && clearA == nil {
			clearA = e
		}
	}
	if clearA == nil {
		t.Fatalf("no clear button:\n%s", at.Root())
	}
	at.Send(wasmtest.Event{ID: clearA.Str("id"), Type: "click", Value: true})
	at.Settle()
	if aRuns.Load()+bRuns.Load() != 3 {
		t.Fatalf("runs a=%d b=%d: clearing one function must recompute it alone", aRuns.Load(), bRuns.Load())
	}
	at.Click("Close the inspector")
	if len(at.Find("stTable")) != 0 {
		t.Fatalf("inspector still open:\n%s", at.Root())
	}
}

// TestTransientElementsAreNotReplayed_B13: what a cached function takes away again (st.Spinner's
// spinner, a download's progress bar) is not drawn again on a hit.
func TestTransientElementsAreNotReplayed_B13(t *testing.T) {
	var runs atomic.Int32
	work := cache.Data0(func(st *wasm.Session) (int, error) {
		runs.Add(1)
		st.Spinner("Crunching", func() {})
		st.Text("kept")
		return 1, nil
	}, cache.ShowSpinner(false))
	at := wasmtest.New(t, func(st *wasm.Session) {
		work.Call(st)
		st.Button("Again")
	})
	at.Click("Again")
	if runs.Load() != 1 {
		t.Fatalf("runs = %d, want a hit", runs.Load())
	}
	if n := len(at.Created("stSpinner")); n != 1 {
		t.Fatalf("spinners created = %d, want 1 (the miss's, not replayed)", n)
	}
	if len(at.Find("stEmpty")) != 0 || len(at.Find("stText")) != 1 {
		t.Fatalf("after the hit:\n%s", at.Root())
	}
}
