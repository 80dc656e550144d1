// Package wasmtest runs a wasmlit app without a browser, for tests: the app's runs, widgets,
// session state and caching work as in the page, and the elements it draws can be read and its
// widgets driven, like Streamlit's AppTest.
//
//	func TestApp(t *testing.T) {
//		at := wasmtest.New(t, app)
//		at.Click("Rerun")
//		if got := at.Find("stTitle")[0].Label(); got != "Uber pickups" { … }
//	}
package wasmtest

import (
	"encoding/json"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// Timeout bounds how long Settle waits for the app to go idle before failing the test.
var Timeout = 30 * time.Second

// App is an app running under test.
type App struct {
	t    testing.TB
	app  *wasm.App
	host *recorder
	seq  uint64
}

// New starts app and waits for its first run to finish. The app is closed when the test ends.
func New(t testing.TB, app func(*wasm.Session)) *App {
	t.Helper()
	h := &recorder{m: newMirror(), created: make(map[string][]map[string]any)}
	h.cond = sync.NewCond(&h.mu)
	a := &App{t: t, host: h}
	a.app = wasm.Start(app, h)
	t.Cleanup(a.app.Close)
	a.Settle()
	return a
}

// recorder is the Host of an app under test: it applies every patch to a mirror tree.
type recorder struct {
	mu      sync.Mutex
	cond    *sync.Cond
	m       *mirror
	err     error
	status  string
	seq     uint64
	runs    int
	patches int
	bytes   int
	created map[string][]map[string]any // props of every element created, per kind
	query   query                       // the page URL's query string (query.go)
	history history                     // entries before and after it (history.go)
}

func (h *recorder) Apply(ops []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.patches++
	h.bytes += len(ops)
	if ops, err := wire.Decode(ops); err == nil {
		for _, op := range ops {
			if op.Code == wire.OpCreate {
				var p map[string]any
				_ = json.Unmarshal([]byte(op.Props), &p) // the mirror reports bad props
				h.created[op.Kind] = append(h.created[op.Kind], p)
			}
		}
	}
	if err := h.m.apply(ops); err != nil && h.err == nil {
		h.err = err
	}
	h.cond.Broadcast()
}

func (h *recorder) Status(status string, seq uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.status, h.seq = status, seq
	if status == "running" {
		h.runs++
	}
	h.cond.Broadcast()
}

func (h *recorder) Yield() { runtime.Gosched() }

// Settle waits until the app is idle and has seen every event sent, like wasmlit.settled() in the
// page. A patch the page could not apply fails the test.
func (a *App) Settle() {
	a.t.Helper()
	h := a.host
	deadline := time.Now().Add(Timeout)
	timer := time.AfterFunc(Timeout, func() { h.mu.Lock(); h.cond.Broadcast(); h.mu.Unlock() })
	defer timer.Stop()
	h.mu.Lock()
	defer h.mu.Unlock()
	for !(h.status == "idle" && h.seq >= a.seq) {
		if time.Now().After(deadline) {
			a.t.Fatalf("wasmtest: app not idle after %v (status %q, seq %d of %d)", Timeout, h.status, h.seq, a.seq)
		}
		h.cond.Wait()
	}
	if h.err != nil {
		a.t.Fatalf("wasmtest: the app sent a patch the page cannot apply: %v", h.err)
	}
}

// Runs reports how many runs have started, interrupted ones included.
func (a *App) Runs() int {
	a.host.mu.Lock()
	defer a.host.mu.Unlock()
	return a.host.runs
}

// Patches reports how many patch buffers the app has sent and their total size in bytes.
func (a *App) Patches() (count, bytes int) {
	a.host.mu.Lock()
	defer a.host.mu.Unlock()
	return a.host.patches, a.host.bytes
}

// Created returns the props, as first shown, of every element of kind the app has created on the
// page so far, including ones since removed: a spinner that was shown and taken away counts.
func (a *App) Created(kind string) []map[string]any {
	a.host.mu.Lock()
	defer a.host.mu.Unlock()
	return a.host.created[kind]
}

// Event is one host event, as Send takes it.
type Event struct {
	ID    string // widget identity (App.ID: "stButton:Go", "key:name"); "" for rerun
	Type  string // "click", "change", "rerun", "clearcache"
	Value any    // encoded as JSON; nil is sent as null: an empty value (a cleared number input)
}

// Send hands the app a batch of events without waiting for its run; see Settle.
func (a *App) Send(evs ...Event) {
	a.t.Helper()
	type wireEvent struct {
		Seq   uint64 `json:"s"`
		ID    string `json:"id"`
		Type  string `json:"t"`
		Value any    `json:"v"` // always sent: null is a value (A14)
	}
	batch := make([]wireEvent, len(evs))
	for i, e := range evs {
		a.seq++
		batch[i] = wireEvent{a.seq, e.ID, e.Type, e.Value}
	}
	data, err := json.Marshal(batch)
	if err != nil {
		a.t.Fatalf("wasmtest: cannot encode events: %v", err)
	}
	if err := a.app.Dispatch(data); err != nil {
		a.t.Fatalf("wasmtest: %v", err)
	}
}

// Root returns the main block.
func (a *App) Root() *Element { return a.host.m.roots[0] }

// Sidebar returns the sidebar block.
func (a *App) Sidebar() *Element { return a.host.m.roots[1] }

// Find returns every element of kind, sidebar first, in document order.
func (a *App) Find(kind string) []*Element {
	a.host.mu.Lock()
	defer a.host.mu.Unlock()
	var out []*Element
	for _, r := range []*Element{a.Sidebar(), a.Root()} {
		r.Walk(func(e *Element) {
			if e.Kind == kind {
				out = append(out, e)
			}
		})
	}
	return out
}

// Get returns the one element of kind with label (or text), failing the test if there is none.
func (a *App) Get(kind, label string) *Element {
	a.t.Helper()
	for _, e := range a.Find(kind) {
		if e.Label() == label {
			return e
		}
	}
	a.t.Fatalf("wasmtest: no %s labelled %q in\n%s%s", kind, label, a.Sidebar(), a.Root())
	return nil
}

// ID returns the widget identity of the widget of kind labelled label, as events carry it,
// failing the test if there is none.
func (a *App) ID(kind, label string) string {
	a.t.Helper()
	return a.Get(kind, label).Str("id")
}

// Click clicks the button labelled label and waits for the run it causes.
func (a *App) Click(label string) {
	a.t.Helper()
	e := a.Get("stButton", label)
	a.Send(Event{ID: e.Str("id"), Type: "click", Value: true})
	a.Settle()
}

// Set changes the widget of kind labelled label to value (as its event carries it: a bool, an
// option index, a number, a string…) and waits for the run it causes.
func (a *App) Set(kind, label string, value any) {
	a.t.Helper()
	e := a.Get(kind, label)
	a.Send(Event{ID: e.Str("id"), Type: "change", Value: value})
	a.Settle()
}

// SetState sets session state name to v from the test side, as the app's State.Set would before
// any widget is drawn, and waits for the rerun it causes (Streamlit's at.session_state[name] = v
// then at.run()). For a widget's key, v is of the type its function returns, and the widget shows
// it. A value the widget cannot take shows an exception element.
func (a *App) SetState(name string, v any) {
	a.t.Helper()
	a.app.SetState(name, v)
	a.Rerun()
}

// State returns the value in session state under name (a keyed widget's value as its function
// returns it) and whether there is one.
func (a *App) State(name string) (any, bool) { return a.app.StateValue(name) }

// Rerun asks for a rerun, as the page menu does, and waits for it.
func (a *App) Rerun() {
	a.t.Helper()
	a.Send(Event{Type: "rerun"})
	a.Settle()
}
