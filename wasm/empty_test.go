package wasm_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// show draws "name=<value>" or "name=nil" for an Opt widget's result.
func show[T any](st *wasm.Session, name string, p *T) {
	if p == nil {
		st.Text(name + "=nil")
		return
	}
	st.Text(fmt.Sprintf("%s=%v", name, *p))
}

// wantNull checks that a widget's "value" prop is present and null: the host shows an empty field.
func wantNull(t *testing.T, e *wasmtest.Element) {
	t.Helper()
	v, ok := e.Props["value"]
	if !ok || v != nil {
		t.Fatalf("%s props value = %v (present %v), want null", e.Kind, v, ok)
	}
}

func TestNumberInputOptStartsEmptyIsFilledAndCleared_A13(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		show(st, "age", wasm.NumberInputOpt[int](st, "Age", nil, wasm.Placeholder("Type a number"), wasm.Max(130)))
		show(st, "price", wasm.NumberInputOpt(st, "Price", new(2.5)))
	})
	wantTexts(t, at, "age=nil", "price=2.5")
	age := at.Get("stNumberInput", "Age")
	wantNull(t, age)
	if got := age.Str("placeholder"); got != "Type a number" {
		t.Fatalf("placeholder = %q, want the Placeholder option's text", got)
	}
	at.Set("stNumberInput", "Age", 41.6) // an int input rounds
	wantTexts(t, at, "age=42", "price=2.5")
	at.Set("stNumberInput", "Age", 200) // beyond Max (the page never sends it): back to the default, as NumberInput does
	wantTexts(t, at, "age=nil", "price=2.5")
	at.Set("stNumberInput", "Age", nil) // the user clears the field
	wantTexts(t, at, "age=nil", "price=2.5")
	wantNull(t, at.Get("stNumberInput", "Age"))
	at.Set("stNumberInput", "Price", nil) // a widget with a value can be cleared too
	wantTexts(t, at, "age=nil", "price=nil")
	at.Rerun() // empty is a value that survives reruns, not a reset to the default
	wantTexts(t, at, "age=nil", "price=nil")
}

// TestEmptyEventSent_A14: a wasmtest Event with a nil Value reaches the app as an empty value
// (before, it was left out of the batch and the number input refused the event).
func TestEmptyEventSent_A14(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Text(fmt.Sprint("n=", wasm.NumberInput(st, "N", 5)))
	})
	at.Set("stNumberInput", "N", 7)
	wantTexts(t, at, "n=7")
	at.Set("stNumberInput", "N", nil) // a plain number input reports its default when cleared
	wantTexts(t, at, "n=5")
}

func TestTextInputOptAndTextAreaOpt_A13(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		show(st, "name", st.TextInputOpt("Name", nil, wasm.Placeholder("Your name")))
		show(st, "bio", st.TextAreaOpt("Bio", new("hi")))
	})
	wantTexts(t, at, "name=nil", "bio=hi")
	if got := at.Get("stTextInput", "Name").Str("placeholder"); got != "Your name" {
		t.Fatalf("placeholder = %q", got)
	}
	at.Set("stTextInput", "Name", "Ada")
	wantTexts(t, at, "name=Ada", "bio=hi")
	at.Set("stTextInput", "Name", "")
	at.Set("stTextArea", "Bio", nil)
	wantTexts(t, at, "name=nil", "bio=nil")
}

func TestDateInputOpt_A13(t *testing.T) {
	day := wasm.Date{Year: 2024, Month: 2, Day: 29}
	at := wasmtest.New(t, func(st *wasm.Session) {
		show(st, "due", st.DateInputOpt("Due", nil))
		show(st, "start", st.DateInputOpt("Start", &day))
		st.Text("plain=" + st.DateInput("Plain", day).String())
	})
	wantTexts(t, at, "due=nil", "start=2024-02-29", "plain=2024-02-29")
	wantNull(t, at.Get("stDateInput", "Due"))
	at.Set("stDateInput", "Due", "2025-01-31")
	wantTexts(t, at, "due=2025-01-31", "start=2024-02-29", "plain=2024-02-29")
	at.Set("stDateInput", "Due", nil)
	at.Set("stDateInput", "Start", nil)
	at.Set("stDateInput", "Plain", nil) // a plain date input cleared reports its default
	wantTexts(t, at, "due=nil", "start=nil", "plain=2024-02-29")
	wantNull(t, at.Get("stDateInput", "Start"))
}

func TestSelectboxOptAndRadioOpt_A13(t *testing.T) {
	levels := []int{0, 1, 2} // 0 is an option: nothing chosen must not read as 0
	at := wasmtest.New(t, func(st *wasm.Session) {
		show(st, "level", wasm.SelectboxOpt(st, "Level", levels, wasm.Placeholder("Pick one")))
		show(st, "size", wasm.RadioOpt(st, "Size", []string{"S", "M"}))
		show(st, "preset", wasm.SelectboxOpt(st, "Preset", levels, wasm.Index(2)))
	})
	wantTexts(t, at, "level=nil", "size=nil", "preset=2")
	sb := at.Get("stSelectbox", "Level")
	if sb.Props["index"] != float64(-1) || sb.Props["clearable"] != true {
		t.Fatalf("empty selectbox props = %v, want index -1 and clearable", sb.Props)
	}
	at.Set("stSelectbox", "Level", 0)
	at.Set("stRadio", "Size", 1)
	wantTexts(t, at, "level=0", "size=M", "preset=2")
	at.Set("stSelectbox", "Level", nil) // the user chooses the placeholder again
	at.Set("stSelectbox", "Preset", nil)
	wantTexts(t, at, "level=nil", "size=M", "preset=nil")
	if got := at.Get("stSelectbox", "Level").Props["index"]; got != float64(-1) {
		t.Fatalf("cleared selectbox index = %v, want -1", got)
	}
}

// TestOptReturnsACopy_A13: the pointer an Opt widget returns is the caller's.
func TestOptReturnsACopy_A13(t *testing.T) {
	options := []string{"a", "b"}
	at := wasmtest.New(t, func(st *wasm.Session) {
		if p := wasm.SelectboxOpt(st, "S", options, wasm.Index(0)); p != nil {
			*p = "changed"
		}
		st.Text(options[0])
	})
	wantTexts(t, at, "a")
}

// TestEmptyWidgetReplayedEmpty_A13: an empty widget drawn inside a cached function is replayed
// empty in a session that has no state for it (after a reload), so its value still matches the
// entry's key and the next run is a hit, not a recomputation with a 0 or a refused replay.
func TestEmptyWidgetReplayedEmpty_A13(t *testing.T) {
	var runs atomic.Int32
	e := cache.NewEngine(cache.Config{})
	form := cache.Data0(func(st *wasm.Session) (string, error) {
		runs.Add(1)
		n := wasm.NumberInputOpt[int](st, "N", nil)
		d := st.DateInputOpt("D", nil)
		return fmt.Sprint(n == nil, d == nil), nil
	}, cache.AllowWidgets(), cache.WithEngine(e), cache.ShowSpinner(false))
	app := func(st *wasm.Session) {
		v, err := form.Call(st)
		st.Exception(err)
		st.Text("empty=" + v)
	}
	wasmtest.New(t, app) // computes and stores
	at := wasmtest.New(t, app)
	at.Rerun()
	wantTexts(t, at, "empty=true true")
	wantNull(t, at.Get("stNumberInput", "N"))
	wantNull(t, at.Get("stDateInput", "D"))
	if n := runs.Load(); n != 1 {
		t.Fatalf("runs = %d, want 1: the replayed empty widgets must match the stored key", n)
	}
}
