package wasm_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// cachedKind is one widget kind drawn inside a cached function: how to draw it (returning the
// value as text), the element the page shows, and two values, each as the event that sets it,
// the text the function returns for it and the element's prop that shows it.
type cachedKind struct {
	name         string
	draw         func(st *wasm.Session) string
	elem, label  string
	prop         string // the element's prop that shows the value
	ev0, ev1     any    // events setting the first (default) and the second value
	text0, text1 string
	prop0, prop1 string // fmt.Sprint of the prop for each value
}

var trip0, trip1 = wasm.Date{Year: 2026, Month: time.March, Day: 2}, wasm.Date{Year: 2026, Month: time.March, Day: 9}

var cachedKinds = []cachedKind{
	{name: "Pills", draw: func(st *wasm.Session) string {
		v, ok := wasm.Pills(st, "Size", []string{"S", "M", "L"})
		return fmt.Sprintf("%q %v", v, ok)
	}, elem: "stButtonGroup", label: "Size", prop: "selected",
		ev0: []int{}, ev1: []int{2}, text0: `"" false`, text1: `"L" true`, prop0: "[]", prop1: "[2]"},
	{name: "PillsMulti", draw: func(st *wasm.Session) string {
		return fmt.Sprint(wasm.PillsMulti(st, "Tags", []int{1, 2, 3}, []int{3}))
	}, elem: "stButtonGroup", label: "Tags", prop: "selected",
		ev0: []int{2}, ev1: []int{0, 1}, text0: "[3]", text1: "[1 2]", prop0: "[2]", prop1: "[0 1]"},
	{name: "SegmentedControl", draw: func(st *wasm.Session) string {
		v, ok := wasm.SegmentedControl(st, "View", []string{"Map", "Table"}, wasm.Index(1))
		return fmt.Sprintf("%q %v", v, ok)
	}, elem: "stButtonGroup", label: "View", prop: "selected",
		ev0: []int{1}, ev1: []int{0}, text0: `"Table" true`, text1: `"Map" true`, prop0: "[1]", prop1: "[0]"},
	{name: "SegmentedControlMulti", draw: func(st *wasm.Session) string {
		return fmt.Sprint(wasm.SegmentedControlMulti(st, "Layers", []string{"a", "b", "c"}, nil))
	}, elem: "stButtonGroup", label: "Layers", prop: "selected",
		ev0: []int{}, ev1: []int{2, 1}, text0: "[]", text1: "[b c]", prop0: "[]", prop1: "[1 2]"},
	{name: "Feedback", draw: func(st *wasm.Session) string {
		v, ok := st.Feedback(wasm.FeedbackThumbs)
		return fmt.Sprint(v, ok)
	}, elem: "stButtonGroup", label: "Feedback (thumbs)", prop: "selected",
		ev0: []int{}, ev1: []int{0}, text0: "0 false", text1: "1 true", prop0: "[]", prop1: "[0]"},
	{name: "TimeInput", draw: func(st *wasm.Session) string {
		return st.TimeInput("At", wasm.TimeOfDay{Hour: 9, Minute: 30}).String()
	}, elem: "stTimeInput", label: "At", prop: "value",
		ev0: "09:30", ev1: "18:45:10", text0: "09:30", text1: "18:45:10", prop0: "09:30", prop1: "18:45:10"},
	{name: "TimeInputEmpty", draw: func(st *wasm.Session) string {
		v, ok := st.TimeInputEmpty("Alarm", nil)
		return fmt.Sprint(v, ok)
	}, elem: "stTimeInput", label: "Alarm", prop: "value",
		ev0: json.RawMessage("null"), ev1: "06:00", text0: "00:00 false", text1: "06:00 true", prop0: "<nil>", prop1: "06:00"},
	{name: "DateRangeInput", draw: func(st *wasm.Session) string {
		a, b := st.DateRangeInput("Trip", trip0, trip1)
		return a.String() + " " + b.String()
	}, elem: "stDateInput", label: "Trip", prop: "value",
		ev0: []string{"2026-03-02", "2026-03-09"}, ev1: []string{"2026-04-01", "2026-04-05"},
		text0: "2026-03-02 2026-03-09", text1: "2026-04-01 2026-04-05",
		prop0: "[2026-03-02 2026-03-09]", prop1: "[2026-04-01 2026-04-05]"},
}

// TestNewWidgetKindsAreCachedPerValue_B13_B14: each new widget kind drawn inside a cached function
// with AllowWidgets is recorded, its value is part of the key, and a hit replays it in place with
// the current value; the replayed widget is live, in the session that drew it and in a new one
// (a reload: the widget's state is made from the recording).
func TestNewWidgetKindsAreCachedPerValue_B13_B14(t *testing.T) {
	for _, k := range cachedKinds {
		t.Run(k.name, func(t *testing.T) {
			var runs atomic.Int32
			e := cache.NewEngine(cache.Config{})
			f := cache.Data0(func(st *wasm.Session) (string, error) {
				runs.Add(1)
				return k.draw(st), nil
			}, cache.AllowWidgets(), cache.WithEngine(e))
			app := func(st *wasm.Session) {
				v, err := f.Call(st)
				st.Exception(err)
				st.Text("value " + v)
				st.Button("Again")
			}
			check := func(at *wasmtest.App, step string, wantRuns int32, text, prop string) {
				t.Helper()
				if ex := at.Find("stException"); len(ex) != 0 {
					t.Fatalf("%s: exception %q", step, ex[0].Str("message"))
				}
				if got := runs.Load(); got != wantRuns {
					t.Errorf("%s: function ran %d times, want %d", step, got, wantRuns)
				}
				if got := at.Find("stText"); len(got) != 1 || got[0].Label() != "value "+text {
					t.Fatalf("%s: want text %q, page:\n%s", step, "value "+text, at.Root())
				}
				if got := fmt.Sprint(at.Get(k.elem, k.label).Props[k.prop]); got != prop {
					t.Errorf("%s: the widget shows %s %s, want %s", step, k.prop, got, prop)
				}
			}
			set := func(at *wasmtest.App, v any) {
				t.Helper()
				at.Set(k.elem, k.label, v)
			}
			at := wasmtest.New(t, app)
			check(at, "first value", 1, k.text0, k.prop0)
			set(at, k.ev1)
			check(at, "second value: another key", 2, k.text1, k.prop1)
			set(at, k.ev0)
			check(at, "back to the first value: a hit", 2, k.text0, k.prop0)
			at.Click("Again")
			check(at, "rerun: a hit again", 2, k.text0, k.prop0)
			set(at, k.ev1) // an event to the replayed widget
			check(at, "second value again: a hit", 2, k.text1, k.prop1)

			// A new session: no state for the widget, which a hit makes from the recording.
			at2 := wasmtest.New(t, app)
			check(at2, "new session: a hit", 2, k.text0, k.prop0)
			set(at2, k.ev1)
			check(at2, "new session, second value: a hit", 2, k.text1, k.prop1)
			at2.Click("Again")
			check(at2, "new session, rerun", 2, k.text1, k.prop1)
			if s := f.Stats(); s.Entries != 2 || s.Misses != 2 {
				t.Errorf("stats = %+v, want 2 entries, 2 misses", s)
			}
		})
	}
}

// TestButtonGroupReplayedInNewSessionKeepsItsChoice_B14: a button group whose state a replay made
// (the page's indexes only, in a session that never drew it live) takes an event, and the function
// then drawing it live gets the option values chosen.
func TestButtonGroupReplayedInNewSessionKeepsItsChoice_B14(t *testing.T) {
	var runs atomic.Int32
	e := cache.NewEngine(cache.Config{})
	f := cache.Data0(func(st *wasm.Session) (string, error) {
		runs.Add(1)
		return fmt.Sprint(wasm.PillsMulti(st, "Tags", []string{"x", "y", "z"}, []string{"z"})), nil
	}, cache.AllowWidgets(), cache.WithEngine(e))
	app := func(st *wasm.Session) {
		v, err := f.Call(st)
		st.Exception(err)
		st.Text(v)
	}
	wasmtest.New(t, app) // computes the entry for the default
	at := wasmtest.New(t, app)
	if runs.Load() != 1 {
		t.Fatalf("new session: runs = %d, want 1 (a hit)", runs.Load())
	}
	at.Set("stButtonGroup", "Tags", []int{0, 1}) // to the replayed widget; a miss
	if got := at.Find("stText")[0].Label(); got != "[x y]" || runs.Load() != 2 {
		t.Fatalf("after choosing x and y: %q, runs %d; want [x y], 2\n%s", got, runs.Load(), at.Root())
	}
}

// TestChatInputInCachedFunctionIsRefused_B14: a chat input cannot be cached (it is pinned to the
// bottom of the page and returns a message once): drawn inside a cached function it stops the
// run at once, with or without AllowWidgets, with an error that names it and says to draw it
// outside and pass its value as an argument; nothing is cached, so no replay can fail.
func TestChatInputInCachedFunctionIsRefused_B14(t *testing.T) {
	for _, allow := range []bool{true, false} {
		t.Run(fmt.Sprint("AllowWidgets=", allow), func(t *testing.T) {
			var runs atomic.Int32
			e := cache.NewEngine(cache.Config{})
			opts := []cache.Option{cache.WithEngine(e)}
			if allow {
				opts = append(opts, cache.AllowWidgets())
			}
			f := cache.Data0(func(st *wasm.Session) (string, error) {
				runs.Add(1)
				msg, _ := st.ChatInput("Ask")
				return msg, nil
			}, opts...)
			g := cache.Resource0(func(st *wasm.Session) (*string, error) {
				msg, _ := st.ChatInput("Ask")
				return &msg, nil
			}, opts...)
			for name, app := range map[string]func(st *wasm.Session){
				"data":     func(st *wasm.Session) { _, _ = f.Call(st) },
				"resource": func(st *wasm.Session) { _, _ = g.Call(st) },
			} {
				at := wasmtest.New(t, app)
				for i, step := range []string{"first run", "second run"} {
					if i > 0 {
						at.Rerun()
					}
					ex := at.Find("stException")
					if len(ex) != 1 || ex[0].Str("type") != "CachedWidgetError" {
						t.Fatalf("%s %s: want one CachedWidgetError:\n%s", name, step, at.Root())
					}
					msg := ex[0].Str("message")
					for _, want := range []string{"stChatInput", `"Ask"`, "not supported", "Move the widget out of the function and pass what it returns as an argument"} {
						if !strings.Contains(msg, want) {
							t.Errorf("%s %s: message %q lacks %q", name, step, msg, want)
						}
					}
					if len(at.Find("stChatInput")) != 0 {
						t.Errorf("%s %s: the refused chat input is on the page", name, step)
					}
				}
			}
			if runs.Load() != 2 {
				t.Errorf("data function ran %d times in two runs, want 2: nothing may be cached", runs.Load())
			}
			for _, s := range e.Stats() {
				if s.Entries != 0 {
					t.Errorf("%s has %d entries, want none", s.Display, s.Entries)
				}
			}
		})
	}
}

// TestNewWidgetKindsWithoutOptInAreRefused_B14: without AllowWidgets, each new widget kind inside a
// cached function gives the CachedWidgetError that says to move it out or pass AllowWidgets.
func TestNewWidgetKindsWithoutOptInAreRefused_B14(t *testing.T) {
	for _, k := range cachedKinds {
		t.Run(k.name, func(t *testing.T) {
			e := cache.NewEngine(cache.Config{})
			f := cache.Data0(func(st *wasm.Session) (string, error) { return k.draw(st), nil }, cache.WithEngine(e))
			at := wasmtest.New(t, func(st *wasm.Session) { _, _ = f.Call(st) })
			ex := at.Find("stException")
			if len(ex) != 1 || ex[0].Str("type") != "CachedWidgetError" ||
				!strings.Contains(ex[0].Str("message"), "pass cache.AllowWidgets() to cache it per widget value.") {
				t.Fatalf("want the CachedWidgetError that suggests AllowWidgets:\n%s", at.Root())
			}
			if len(at.Find(k.elem)) != 0 {
				t.Errorf("the refused widget is on the page:\n%s", at.Root())
			}
		})
	}
}

// TestLinkButtonInCachedFunctionIsReplayed_B13: a link button is an element, not a widget: it
// is recorded and replayed like text, and needs no AllowWidgets.
func TestLinkButtonInCachedFunctionIsReplayed_B13(t *testing.T) {
	var runs atomic.Int32
	e := cache.NewEngine(cache.Config{})
	f := cache.Data0(func(st *wasm.Session) (int, error) {
		runs.Add(1)
		st.LinkButton("Docs", "https://example.com/docs", wasm.Primary())
		return 1, nil
	}, cache.WithEngine(e))
	at := wasmtest.New(t, func(st *wasm.Session) {
		_, err := f.Call(st)
		st.Exception(err)
	})
	at.Rerun()
	if runs.Load() != 1 || len(at.Find("stException")) != 0 {
		t.Fatalf("runs = %d, want 1 and no exception:\n%s", runs.Load(), at.Root())
	}
	l := at.Get("stLinkButton", "Docs")
	if l.Str("url") != "https://example.com/docs" || l.Str("kind") != "primary" {
		t.Errorf("replayed link button props = %v", l.Props)
	}
}
