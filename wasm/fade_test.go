package wasm_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// Elements the last run drew stay where they were while a slow run is in progress (A1): faded,
// never moved to the bottom of the page. These tests stop a run inside a spinner and read the page
// as it is at that moment.

// slowRun is an app's slow step: the test learns when the run is inside it and says when to go on.
type slowRun struct {
	inside  chan struct{}
	release chan struct{}
}

func newSlowRun() *slowRun {
	return &slowRun{inside: make(chan struct{}), release: make(chan struct{})}
}

func (r *slowRun) work() {
	r.inside <- struct{}{}
	<-r.release
}

// layout lists the main block's elements, one per line: kind, label, and "stale" for an element
// left over from the last run; a placeholder (stEmpty) shows what it holds.
func layout(at *wasmtest.App) string {
	var b strings.Builder
	for _, e := range at.Root().Children {
		stale := e.Stale
		if e.Kind == "stEmpty" && len(e.Children) == 1 {
			e = e.Children[0]
		}
		fmt.Fprintf(&b, "%s %q", e.Kind, e.Label())
		if stale || e.Stale {
			b.WriteString(" stale")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestStaleElementsKeepTheirPlace_A1(t *testing.T) {
	slow := newSlowRun()
	warn := wasm.NewState("warn", true)
	crunch := wasm.NewState("crunch", false)
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Title("Top")
		if warn.Get(st) {
			st.Warning("old warning")
		}
		st.Text("after")
		if crunch.Get(st) {
			st.Spinner("Crunching", slow.work)
		}
		st.Text("bottom")
		st.Button("Go", wasm.OnClick(func(st *wasm.Session) {
			warn.Set(st, false)
			crunch.Set(st, true)
		}))
	})
	at.Send(wasmtest.Event{ID: at.ID("stButton", "Go"), Type: "click", Value: true})
	<-slow.inside // the run the click caused, stopped in the spinner
	want := `stTitle "Top"
stAlert "old warning" stale
stText "after"
stSpinner "Crunching"
stText "bottom" stale
stButton "Go" stale
`
	got := layout(at)
	close(slow.release)
	if got != want {
		t.Fatalf("during the slow run the page shows\n%s\nwant the old warning where it was:\n%s", got, want)
	}
}

// The limits example: a cached call's spinner above a progress bar in one run, none in the next.
// The bar is one element in both runs, so a slow run later in the page shows it once, in place.
func TestProgressBarAfterRemovedSpinnerStaysInPlace_A1(t *testing.T) {
	slow := newSlowRun()
	miss := wasm.NewState("miss", true)
	crunch := wasm.NewState("crunch", false)
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Title("Top")
		if miss.Get(st) {
			st.Spinner("Loading", func() {}) // a cached call's miss: a spinner, then nothing
		}
		st.Progress(0.5, "expires in 5 s")
		st.Text("middle")
		if crunch.Get(st) {
			st.Container().Spinner("Crunching", slow.work) // in a column, as in limits
		}
		st.Button("Go", wasm.OnClick(func(st *wasm.Session) {
			miss.Set(st, false)
			crunch.Set(st, true)
		}))
	})
	at.Send(wasmtest.Event{ID: at.ID("stButton", "Go"), Type: "click", Value: true})
	<-slow.inside
	want := `stTitle "Top"
stProgress "expires in 5 s"
stText "middle"
stVerticalBlock ""
stButton "Go" stale
`
	got := layout(at)
	close(slow.release)
	if got != want {
		t.Fatalf("during the slow run the page shows\n%s\nwant one progress bar, in its place:\n%s", got, want)
	}
}
