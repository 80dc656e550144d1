package wasm_test

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func kinds(es []*wasmtest.Element) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Kind+":"+e.Label())
	}
	return out
}

func TestRunDrawsInCallOrder_A1(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Title("Uber pickups")
		st.Header("Raw data")
		st.Text("one")
		st.Markdown("**two**")
		st.Button("Rerun")
	})
	got := strings.Join(kinds(at.Root().Children), " | ")
	want := "stTitle:Uber pickups | stHeader:Raw data | stText:one | stMarkdown:**two** | stButton:Rerun"
	if got != want {
		t.Fatalf("elements:\n got %s\nwant %s", got, want)
	}
}

func TestRerunOnInteraction_A1(t *testing.T) {
	var runs atomic.Int32
	at := wasmtest.New(t, func(st *wasm.Session) {
		runs.Add(1)
		if st.Button("Go") {
			st.Text("clicked")
		}
	})
	if runs.Load() != 1 {
		t.Fatalf("runs after load = %d, want 1", runs.Load())
	}
	at.Click("Go")
	if runs.Load() != 2 {
		t.Fatalf("runs after click = %d, want 2", runs.Load())
	}
	if len(at.Find("stText")) != 1 {
		t.Fatalf("button did not report the click:\n%s", at.Root())
	}
	at.Rerun()
	if len(at.Find("stText")) != 0 {
		t.Fatalf("a click must count for one run only:\n%s", at.Root())
	}
}

func TestDuplicateWidgetID_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Text("before")
		st.Button("Same")
		st.Button("Same")
		st.Text("after")
	})
	ex := at.Find("stException")
	if len(ex) != 1 {
		t.Fatalf("want one exception, got:\n%s", at.Root())
	}
	if got := ex[0].Str("type"); got != "DuplicateWidgetID" {
		t.Errorf("type = %q", got)
	}
	want := `There are multiple identical stButton widgets with the label "Same". To fix this, give each one a unique key: wasm.Key("...").`
	if got := ex[0].Str("message"); got != want {
		t.Errorf("message:\n got %s\nwant %s", got, want)
	}
	if len(at.Find("stText")) != 1 {
		t.Errorf("the run should stop at the duplicate, keeping what came before:\n%s", at.Root())
	}
}

func TestExplicitKeysSeparateWidgets_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		a := st.Checkbox("Same", false, wasm.Key("a"))
		b := st.Checkbox("Same", false, wasm.Key("b"))
		st.Textf("%v %v", a, b)
	})
	at.Send(wasmtest.Event{ID: "key:b", Type: "change", Value: true})
	at.Settle()
	if got := at.Find("stText")[0].Label(); got != "false true" {
		t.Fatalf("got %q", got)
	}
}

var counter = wasm.NewState("counter", 0)

func TestValuesAndStateSurviveReruns_A3(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		name := st.TextInput("Name", "world")
		n := wasm.Slider(st, "N", 0, 10, 3)
		city := wasm.Selectbox(st, "City", []string{"NYC", "SF", "LA"})
		tags := wasm.Multiselect(st, "Tags", []string{"a", "b", "c"}, []string{"b"})
		if st.Button("Add", wasm.OnClick(func() {})) {
			counter.Update(st, func(v int) int { return v + 1 })
		}
		st.Textf("%s %d %s %v %d", name, n, city, tags, counter.Get(st))
	})
	text := func() string { return at.Find("stText")[0].Label() }
	if got := text(); got != "world 3 NYC [b] 0" {
		t.Fatalf("first run: %q", got)
	}
	at.Set("stTextInput", "Name", "gopher")
	at.Set("stSlider", "N", 7)
	at.Set("stSelectbox", "City", 1)
	at.Set("stMultiSelect", "Tags", []int{2, 0})
	at.Click("Add")
	at.Click("Add")
	at.Rerun()
	if got := text(); got != "gopher 7 SF [a c] 2" {
		t.Fatalf("after interactions: %q", got)
	}
}

func TestCallbacksRunBeforeTheRerun_A3(t *testing.T) {
	var order []string
	at := wasmtest.New(t, func(st *wasm.Session) {
		order = append(order, "run")
		st.Checkbox("Tick", false, wasm.OnChange(func() { order = append(order, "callback") }))
	})
	at.Set("stCheckbox", "Tick", true)
	if got := strings.Join(order, ","); got != "run,callback,run" {
		t.Fatalf("order = %s", got)
	}
}

func TestInterruptionLastInteractionWins_A4(t *testing.T) {
	started := make(chan struct{}, 16)
	release := make(chan struct{})
	var clicks atomic.Int32
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Button("More", wasm.OnClick(func() { clicks.Add(1) }))
		v := wasm.Slider(st, "V", 0, 100, 0)
		if v == 1 {
			started <- struct{}{}
			<-release // a slow run, stopped at its next runtime call
		}
		st.Textf("v=%d clicks=%d", v, clicks.Load())
	})
	slider := at.ID("stSlider", "V")
	at.Send(wasmtest.Event{ID: slider, Type: "change", Value: 1})
	<-started
	// While run "v=1" is stuck, more interactions arrive: the last value wins, every click counts.
	at.Send(wasmtest.Event{ID: "stButton:More", Type: "click", Value: true})
	at.Send(wasmtest.Event{ID: slider, Type: "change", Value: 2})
	at.Send(wasmtest.Event{ID: "stButton:More", Type: "click", Value: true})
	at.Send(wasmtest.Event{ID: slider, Type: "change", Value: 3})
	close(release)
	at.Settle()
	if got := at.Find("stText")[0].Label(); got != "v=3 clicks=2" {
		t.Fatalf("got %q, want v=3 clicks=2:\n%s", got, at.Root())
	}
}

func TestPanicShowsExceptionAndAppRecovers_A5(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Title("Before")
		if st.Checkbox("Break", false) {
			var rows []string
			st.Text(rows[len(rows)]) // a runtime panic in app code
		}
		st.Text("after")
	})
	at.Set("stCheckbox", "Break", true)
	ex := at.Find("stException")
	if len(ex) != 1 {
		t.Fatalf("want an exception:\n%s", at.Root())
	}
	if !strings.Contains(ex[0].Str("message"), "index out of range") {
		t.Errorf("message = %q", ex[0].Str("message"))
	}
	if !strings.Contains(ex[0].Str("stack"), "app_test.go") {
		t.Errorf("stack does not show the app's frame:\n%s", ex[0].Str("stack"))
	}
	if len(at.Find("stTitle")) != 1 || len(at.Find("stText")) != 0 {
		t.Errorf("earlier elements stay, later ones are not drawn:\n%s", at.Root())
	}
	at.Set("stCheckbox", "Break", false)
	if len(at.Find("stException")) != 0 || len(at.Find("stText")) != 1 {
		t.Fatalf("app did not recover:\n%s", at.Root())
	}
}

func TestExceptionElementForErrors_A5(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Exception(fmt.Errorf("load rides: %w", errors.New("404 Not Found")))
		st.Exception(nil)
		st.Text("still here")
	})
	ex := at.Find("stException")
	if len(ex) != 1 || ex[0].Str("message") != "load rides: 404 Not Found" {
		t.Fatalf("got:\n%s", at.Root())
	}
}

func TestStatusIdleAfterEveryRun_A6(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) { st.Button("Go") })
	for i := 0; i < 5; i++ {
		at.Click("Go") // Click waits on Settle: idle with the event's sequence number seen
	}
	if at.Runs() != 6 {
		t.Fatalf("runs = %d, want 6", at.Runs())
	}
}

// countingHost is a Host that counts runs, for tests that drive wasm.Start directly.
type countingHost struct {
	runs atomic.Int32
	idle chan struct{}
}

func (h *countingHost) Apply([]byte) {}
func (h *countingHost) Status(status string, _ uint64) {
	if status == "running" {
		h.runs.Add(1)
	} else {
		select {
		case h.idle <- struct{}{}:
		default:
		}
	}
}
func (h *countingHost) Yield() {}

func TestCloseStopsTheApp(t *testing.T) {
	h := &countingHost{idle: make(chan struct{}, 1)}
	a := wasm.Start(func(st *wasm.Session) { st.Button("Go") }, h)
	<-h.idle
	a.Close()
	a.Close() // twice is fine
	if err := a.Dispatch([]byte(`[{"s":1,"id":"stButton:Go","t":"click","v":true}]`)); err != nil {
		t.Fatal(err)
	}
	if got := h.runs.Load(); got != 1 {
		t.Fatalf("runs = %d after Close and an event, want 1", got)
	}
}

// TestInvalidUTF8LabelStillWorks_A2: a label with invalid UTF-8 reaches the page with U+FFFD for
// each bad byte; the id the page sends back must still find the widget.
func TestInvalidUTF8LabelStillWorks_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		if st.Button("Go \xff\xfe") {
			st.Text("clicked")
		}
		if st.Checkbox("on", false, wasm.Key("k\xc3")) {
			st.Text("checked")
		}
	})
	at.Click("Go \uFFFD\uFFFD")
	if len(at.Find("stText")) != 1 {
		t.Fatalf("a click on a button labelled with invalid UTF-8 was lost:\n%s", at.Root())
	}
	at.Set("stCheckbox", "on", true)
	if got := at.Find("stText"); len(got) != 1 || got[0].Label() != "checked" {
		t.Fatalf("a change of a widget keyed with invalid UTF-8 was lost:\n%s", at.Root())
	}
}
