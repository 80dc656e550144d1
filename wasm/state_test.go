package wasm_test

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// Tests of widget values in session state by key (A12), callbacks that use it (A11), and the
// test side's access to it (A14).

func TestKeyedWidgetValueReadableAnywhere_A12(t *testing.T) {
	level := wasm.NewState("level", -1)
	at := wasmtest.New(t, func(st *wasm.Session) {
		before := level.Get(st) // before the widget is drawn: last run's value
		v := wasm.Slider(st, "Level", 0, 100, 10, level.Key())
		st.Textf("%d %d %d", before, v, level.Get(st))
	})
	if got := text(t, at); got != "-1 10 10" {
		t.Fatalf("first run: %q", got)
	}
	at.Set("stSlider", "Level", 42)
	if got := text(t, at); got != "42 42 42" {
		t.Fatalf("after the user moved it: %q", got)
	}
	if v, ok := at.State("level"); !ok || v != 42 {
		t.Fatalf("at.State(level) = %v, %t", v, ok)
	}
}

func TestStateSetBeforeWidgetShows_A12(t *testing.T) {
	city := wasm.NewState("city", "")
	at := wasmtest.New(t, func(st *wasm.Session) {
		if st.Checkbox("Go to Nice", false) {
			city.Set(st, "Nice")
		}
		st.Textf("%s", wasm.Selectbox(st, "City", []string{"Paris", "Lyon", "Nice"}, city.Key()))
	})
	at.Set("stCheckbox", "Go to Nice", true)
	noException(t, at)
	if got := text(t, at); got != "Nice" {
		t.Fatalf("selectbox after its state was set: %q", got)
	}
	if got := at.Get("stSelectbox", "City").Num("index"); got != 2 {
		t.Fatalf("the page is told index %v, want 2", got)
	}
	if len(at.Find("stAlert")) != 0 {
		t.Fatalf("no default was given, so no warning:\n%s", at.Root())
	}
}

func TestStateSetAndDefaultWarns_A12(t *testing.T) {
	level := wasm.NewState("level", 0)
	at := wasmtest.New(t, func(st *wasm.Session) {
		level.Set(st, 70)
		st.Textf("%d", wasm.Slider(st, "Level", 0, 100, 50, level.Key()))
	})
	if got := text(t, at); got != "70" {
		t.Fatalf("slider = %q, want the state's 70", got)
	}
	al := at.Find("stAlert")
	want := `The widget with key "level" was created with a default value but also had its value set via the Session State API.`
	if len(al) != 1 || al[0].Str("kind") != "warning" || al[0].Label() != want {
		t.Fatalf("want Streamlit's warning:\n%s", at.Root())
	}
}

func TestStateSetAfterWidgetIsError_A12(t *testing.T) {
	level := wasm.NewState("level", 0)
	at := wasmtest.New(t, func(st *wasm.Session) {
		wasm.Slider(st, "Level", 0, 100, 0, level.Key())
		level.Set(st, 5)
		st.Text("after")
	})
	ex := at.Find("stException")
	if len(ex) != 1 || ex[0].Str("type") != "StreamlitAPIException" ||
		!strings.Contains(ex[0].Str("message"), `session state "level" cannot be modified after the widget with key "level" is instantiated`) {
		t.Fatalf("want a StreamlitAPIException:\n%s", at.Root())
	}
}

func TestStateSetToValueWidgetCannotShow_A12(t *testing.T) {
	level := wasm.NewState("level", 0)
	at := wasmtest.New(t, func(st *wasm.Session) {
		wasm.Slider(st, "Level", 0, 100, 0, level.Key())
	})
	at.SetState("level", 500)
	ex := at.Find("stException")
	if len(ex) != 1 || !strings.Contains(ex[0].Str("message"), `Slider("Level")`) ||
		!strings.Contains(ex[0].Str("message"), "[0, 100]") {
		t.Fatalf("want an exception naming the slider and its range:\n%s", at.Root())
	}
}

// Linked widgets: a slider and a number input that follow each other through callbacks that
// read and set session state with the *Session they are given (A11).
func TestLinkedWidgetsThroughCallbacks_A12(t *testing.T) {
	slider := wasm.NewState("slider", 0)
	number := wasm.NewState("number", 0)
	at := wasmtest.New(t, func(st *wasm.Session) {
		a := wasm.Slider(st, "Slider", 0, 100, 0, slider.Key(),
			wasm.OnChange(func(st *wasm.Session) { number.Set(st, slider.Get(st)) }))
		b := wasm.NumberInput(st, "Number", 0, wasm.Min(0), wasm.Max(100), number.Key(),
			wasm.OnChange(func(st *wasm.Session) { slider.Set(st, number.Get(st)) }))
		st.Textf("%d %d", a, b)
	})
	at.Set("stSlider", "Slider", 30)
	noException(t, at)
	if got := text(t, at); got != "30 30" {
		t.Fatalf("after moving the slider: %q", got)
	}
	if got := at.Get("stNumberInput", "Number").Num("value"); got != 30 {
		t.Fatalf("the number input shows %v", got)
	}
	at.Set("stNumberInput", "Number", 75)
	if got := text(t, at); got != "75 75" {
		t.Fatalf("after typing a number: %q", got)
	}
	if got := at.Get("stSlider", "Slider").Num("value"); got != 75 {
		t.Fatalf("the slider shows %v", got)
	}
}

func TestSetStateFromTestSide_A14(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		name := st.TextInput("Name", "", wasm.Key("name"))
		st.Textf("hello %s", name)
	})
	at.SetState("name", "gopher")
	if got := text(t, at); got != "hello gopher" {
		t.Fatalf("after setting state from the test: %q", got)
	}
	if got := at.Get("stTextInput", "Name").Str("value"); got != "gopher" {
		t.Fatalf("the text input shows %q", got)
	}
}

func TestEventWithEmptyValue_A14(t *testing.T) {
	city := wasm.NewState("city", "")
	at := wasmtest.New(t, func(st *wasm.Session) {
		wasm.Selectbox(st, "City", []string{"Paris", "Lyon"}, city.Key())
		n := wasm.NumberInput(st, "N", 3)
		c, ok := city.Lookup(st)
		st.Textf("%q %t %d", c, ok, n)
	})
	at.Set("stNumberInput", "N", 8)
	at.Set("stSelectbox", "City", nil) // the user cleared the selection
	at.Set("stNumberInput", "N", nil)  // and the number: the default again
	if got := text(t, at); got != `"" false 3` {
		t.Fatalf("after empty values: %s", got)
	}
}
