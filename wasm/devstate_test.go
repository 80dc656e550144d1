//go:build !wasmlit_nodevstate

package wasm_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/wasm"
)

// keepingHost is a Host that keeps session state as the page does under the dev server (F3):
// it hands the session a saved snapshot and records the snapshots and warnings the session sends.
type keepingHost struct {
	saved []byte
	keep  bool
	idle  chan struct{}

	mu        sync.Mutex
	snapshots [][]byte
	warnings  []string
}

func newKeepingHost(saved string, keep bool) *keepingHost {
	h := &keepingHost{keep: keep, idle: make(chan struct{}, 16)}
	if saved != "" {
		h.saved = []byte(saved)
	}
	return h
}

func (h *keepingHost) Apply([]byte) {}
func (h *keepingHost) Status(status string, _ uint64) {
	if status == "idle" {
		h.idle <- struct{}{}
	}
}
func (h *keepingHost) Yield()                    {}
func (h *keepingHost) KeptState() ([]byte, bool) { return h.saved, h.keep }
func (h *keepingHost) SaveState(b []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.snapshots = append(h.snapshots, append([]byte(nil), b...))
}
func (h *keepingHost) Warn(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.warnings = append(h.warnings, msg)
}

// last returns the last snapshot the session sent, decoded, and how many it sent.
func (h *keepingHost) last(t *testing.T) (map[string]json.RawMessage, int) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.snapshots) == 0 {
		return nil, 0
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(h.snapshots[len(h.snapshots)-1], &m); err != nil {
		t.Fatalf("snapshot %s is not a JSON object: %v", h.snapshots[len(h.snapshots)-1], err)
	}
	return m, len(h.snapshots)
}

// run starts app on h and returns once its first run is idle; the app closes when the test ends.
func (h *keepingHost) run(t *testing.T, app func(*wasm.Session)) *wasm.App {
	t.Helper()
	a := wasm.Start(app, h)
	t.Cleanup(a.Close)
	h.wait(t)
	return a
}

func (h *keepingHost) wait(t *testing.T) {
	t.Helper()
	select {
	case <-h.idle:
	case <-time.After(10 * time.Second):
		t.Fatal("the run did not end")
	}
}

type point struct {
	X, Y int
	Tags []string
}

type secret struct{ n int }

var (
	devCount  = wasm.NewState("dev-count", 0)
	devPoint  = wasm.NewState("dev-point", point{})
	devWhen   = wasm.NewState("dev-when", time.Time{})
	devFunc   = wasm.NewState[func() int]("dev-func", nil)
	devSecret = wasm.NewState("dev-secret", secret{})
)

// TestSessionStateKeptAcrossDevReload_F3: a session sends its state after each run; a new session
// given that snapshot reads the values back, typed, on their first Get. A slot whose value JSON
// cannot carry (a func, a struct with unexported fields) is left out with one warning, however
// many runs.
func TestSessionStateKeptAcrossDevReload_F3(t *testing.T) {
	when := time.Date(2026, 12, 7, 14, 30, 0, 0, time.UTC).Local()
	before := newKeepingHost("", true)
	a := before.run(t, func(st *wasm.Session) {
		devCount.Update(st, func(n int) int { return n + 1 })
		devPoint.Set(st, point{X: 1, Y: devCount.Get(st), Tags: []string{"a", "b"}})
		devWhen.Set(st, when)
		devFunc.Set(st, func() int { return 1 })
		devSecret.Set(st, secret{n: 7})
	})
	if err := a.Dispatch([]byte(`[{"s":1,"t":"rerun"}]`)); err != nil {
		t.Fatal(err)
	}
	before.wait(t)
	snap, n := before.last(t)
	if n != 2 {
		t.Errorf("%d snapshots after two runs that changed the state, want 2", n)
	}
	if string(snap["dev-count"]) != "2" {
		t.Errorf("snapshot has dev-count %s, want 2", snap["dev-count"])
	}
	for _, name := range []string{"dev-func", "dev-secret"} {
		if _, ok := snap[name]; ok {
			t.Errorf("snapshot has %s, whose value JSON cannot carry", name)
		}
	}
	before.mu.Lock()
	warnings := strings.Join(before.warnings, "\n")
	if len(before.warnings) != 2 || !strings.Contains(warnings, `"dev-func"`) || !strings.Contains(warnings, `"dev-secret"`) {
		t.Errorf("warnings after two runs:\n%s\nwant one for dev-func and one for dev-secret", warnings)
	}
	before.mu.Unlock()
	if n == 0 {
		t.Fatal("no snapshot sent")
	}
	saved := before.snapshots[n-1]

	after := newKeepingHost(string(saved), true)
	got := make(chan string, 1)
	after.run(t, func(st *wasm.Session) {
		p := devPoint.Get(st)
		_, hasFunc := devFunc.Lookup(st)
		got <- strings.Join([]string{
			jsonOf(devCount.Get(st)), jsonOf(p), devWhen.Get(st).UTC().Format(time.RFC3339), jsonOf(hasFunc), jsonOf(devSecret.Get(st)),
		}, " ")
	})
	want := `2 {"X":1,"Y":2,"Tags":["a","b"]} 2026-12-07T14:30:00Z false {}`
	if g := <-got; g != want {
		t.Errorf("after the reload the app read %s, want %s", g, want)
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestKeptStateOfAnotherTypeIsDropped_F3: a saved value that no longer decodes into its slot's
// type (the app changed the type, or renamed a field) is dropped without a word: the slot starts
// at its initial value.
func TestKeptStateOfAnotherTypeIsDropped_F3(t *testing.T) {
	type point2 struct{ X, Z int }
	count := wasm.NewState("dev-count", 10)
	pt := wasm.NewState("dev-point", point2{X: -1})
	h := newKeepingHost(`{"dev-count":"three","dev-point":{"X":1,"Y":2}}`, true)
	got := make(chan string, 1)
	h.run(t, func(st *wasm.Session) {
		n, ok := count.Lookup(st)
		got <- jsonOf([]any{n, ok, pt.Get(st)})
	})
	if g := <-got; g != `[10,false,{"X":-1,"Z":0}]` {
		t.Errorf("read %s, want the initial values", g)
	}
	if len(h.warnings) != 0 {
		t.Errorf("warnings %q, want none", h.warnings)
	}
}

// TestKeptStateSetDeletedAndUnread_F3: a slot set or deleted before its first read forgets the
// saved value; a saved value no slot has read yet stays in the next snapshot (for the next reload).
func TestKeptStateSetDeletedAndUnread_F3(t *testing.T) {
	a := wasm.NewState("a", 0)
	b := wasm.NewState("b", 0)
	h := newKeepingHost(`{"a":1,"b":2,"c":3}`, true)
	got := make(chan string, 1)
	h.run(t, func(st *wasm.Session) {
		a.Delete(st)
		b.Set(st, 20)
		got <- jsonOf([]int{a.Get(st), b.Get(st)})
	})
	if g := <-got; g != `[0,20]` {
		t.Errorf("read %s, want [0,20]: a deleted starts at its initial value, b set has the new one", g)
	}
	snap, _ := h.last(t)
	if string(snap["c"]) != "3" || string(snap["b"]) != "20" {
		t.Errorf("snapshot %v: want c kept as saved and b as set", snap)
	}
	if _, ok := snap["a"]; ok {
		t.Errorf("snapshot %v still has the deleted slot a", snap)
	}
}

// TestStateNotKeptWhenHostDoesNot_F3: a page not served by the dev server (keep false) gets no
// snapshots, and a saved value it hands over anyway is not used.
func TestStateNotKeptWhenHostDoesNot_F3(t *testing.T) {
	h := newKeepingHost(`{"dev-count":5}`, false)
	got := make(chan int, 1)
	h.run(t, func(st *wasm.Session) {
		devCount.Set(st, devCount.Get(st)+1)
		got <- devCount.Get(st)
	})
	if g := <-got; g != 1 {
		t.Errorf("read %d, want 1 (the saved value must not be used)", g)
	}
	if _, n := h.last(t); n != 0 {
		t.Errorf("%d snapshots sent to a host that keeps no state", n)
	}
}
