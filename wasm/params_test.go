package wasm_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// Tests of bad widget parameters and callback rules (A15).

func TestBadParametersGiveExceptions_A15(t *testing.T) {
	for _, tc := range []struct {
		name string
		app  func(st *wasm.Session)
		want []string // parts of the exception's message: the widget and what to change
	}{
		{"number input default above max", func(st *wasm.Session) {
			wasm.NumberInput(st, "Age", 150, wasm.Min(0), wasm.Max(120))
		}, []string{`NumberInput("Age")`, "150", "[0, 120]"}},
		{"number input default below min", func(st *wasm.Session) {
			wasm.NumberInput(st, "Age", -1.5, wasm.Min(0))
		}, []string{`NumberInput("Age")`, "-1.5"}},
		{"number input min above max", func(st *wasm.Session) {
			wasm.NumberInput(st, "Age", 5, wasm.Min(10), wasm.Max(1))
		}, []string{`NumberInput("Age")`, "min"}},
		{"number input integer beyond 2^53", func(st *wasm.Session) {
			wasm.NumberInput(st, "ID", int64(1)<<60)
		}, []string{`NumberInput("ID")`, "1152921504606846976", "9007199254740991"}},
		{"number input zero step", func(st *wasm.Session) {
			wasm.NumberInput(st, "Age", 5, wasm.Step(0))
		}, []string{`NumberInput("Age")`, "step"}},
		{"slider min above max", func(st *wasm.Session) {
			wasm.Slider(st, "Level", 10, 0, 5)
		}, []string{`Slider("Level")`, "min 10", "max 0"}},
		{"slider min equals max", func(st *wasm.Session) {
			wasm.Slider(st, "Level", 3, 3, 3)
		}, []string{`Slider("Level")`, "min", "max"}},
		{"slider zero step", func(st *wasm.Session) {
			wasm.Slider(st, "Level", 0, 10, 5, wasm.Step(0))
		}, []string{`Slider("Level")`, "step"}},
		{"slider negative step", func(st *wasm.Session) {
			wasm.Slider(st, "Level", 0, 10, 5, wasm.Step(-1))
		}, []string{`Slider("Level")`, "step"}},
		{"slider value above max", func(st *wasm.Session) {
			wasm.Slider(st, "Level", 0, 10, 50)
		}, []string{`Slider("Level")`, "50", "[0, 10]"}},
		{"range slider value out of range", func(st *wasm.Session) {
			wasm.SliderRange(st, "Span", 0, 10, -5, 5)
		}, []string{`SliderRange("Span")`, "-5", "[0, 10]"}},
		{"range slider reversed", func(st *wasm.Session) {
			wasm.SliderRange(st, "Span", 0, 10, 8, 2)
		}, []string{`SliderRange("Span")`, "8", "2"}},
		{"multiselect default not an option", func(st *wasm.Session) {
			wasm.Multiselect(st, "Tags", []string{"a", "b"}, []string{"b", "z"})
		}, []string{`Multiselect("Tags")`, `"z"`, "not one of its options"}},
		{"selectbox index out of range", func(st *wasm.Session) {
			wasm.Selectbox(st, "City", []string{"a", "b"}, wasm.Index(2))
		}, []string{`Selectbox("City")`, "Index(2)"}},
		{"tabs without labels", func(st *wasm.Session) {
			st.Tabs()
		}, []string{"Tabs", "label"}},
		{"two forms with one key", func(st *wasm.Session) {
			st.Form("f").FormSubmitButton("A")
			st.Form("f").FormSubmitButton("B")
		}, []string{`Form("f")`, "key"}},
		{"form inside a form", func(st *wasm.Session) {
			outer := st.Form("outer")
			outer.Form("inner")
		}, []string{`Form("inner")`, `"outer"`}},
		{"button inside a form", func(st *wasm.Session) {
			f := st.Form("f")
			f.Button("Go")
			f.FormSubmitButton("Submit")
		}, []string{`Button("Go")`, `"f"`, "FormSubmitButton"}},
		{"submit button outside a form", func(st *wasm.Session) {
			st.FormSubmitButton("Submit")
		}, []string{`FormSubmitButton("Submit")`, "Form"}},
		{"callback on a widget inside a form", func(st *wasm.Session) {
			f := st.Form("f")
			f.Checkbox("Tick", false, wasm.OnChange(func() {}))
			f.FormSubmitButton("Submit")
		}, []string{`Checkbox("Tick")`, `"f"`, "FormSubmitButton"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := wasmtest.New(t, func(st *wasm.Session) {
				tc.app(st)
				st.Text("after")
			})
			ex := at.Find("stException")
			if len(ex) != 1 {
				t.Fatalf("want one exception element, got:\n%s", at.Root())
			}
			msg := ex[0].Str("message")
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
			if len(at.Find("stText")) != 0 {
				t.Errorf("the run should stop at the bad widget:\n%s", at.Root())
			}
		})
	}
}

func TestCallbackOnlyOnRealChange_A15(t *testing.T) {
	var calls atomic.Int32
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Checkbox("Tick", false, wasm.OnChange(func() { calls.Add(1) }))
	})
	at.Set("stCheckbox", "Tick", false) // the value it already has
	if n := calls.Load(); n != 0 {
		t.Fatalf("callback ran %d times for no change", n)
	}
	at.Set("stCheckbox", "Tick", true)
	if n := calls.Load(); n != 1 {
		t.Fatalf("callback ran %d times for one change", n)
	}
}

func TestCallbackOncePerBatch_A15(t *testing.T) {
	var calls atomic.Int32
	at := wasmtest.New(t, func(st *wasm.Session) {
		wasm.Slider(st, "Level", 0, 10, 0, wasm.OnChange(func() { calls.Add(1) }))
	})
	id := at.Get("stSlider", "Level").Str("id")
	at.Send(
		wasmtest.Event{ID: id, Type: "change", Value: 3},
		wasmtest.Event{ID: id, Type: "change", Value: 4},
		wasmtest.Event{ID: id, Type: "change", Value: 5},
	)
	at.Settle()
	if n := calls.Load(); n != 1 {
		t.Fatalf("callback ran %d times for one batch", n)
	}
	at.Send(
		wasmtest.Event{ID: id, Type: "change", Value: 6},
		wasmtest.Event{ID: id, Type: "change", Value: 5},
	)
	at.Settle()
	if n := calls.Load(); n != 1 {
		t.Fatalf("a batch that ends where it started ran the callback (%d calls)", n)
	}
}

// TestEveryClickRunsOnClick_A4: a click is an event, not a value: three clicks in one batch run
// the button's callback three times (hello's click counter counts fast clicks), and the button
// reads true in the one run that follows.
func TestEveryClickRunsOnClick_A4(t *testing.T) {
	var calls, trues atomic.Int32
	at := wasmtest.New(t, func(st *wasm.Session) {
		if st.Button("Go", wasm.OnClick(func() { calls.Add(1) })) {
			trues.Add(1)
		}
	})
	id := at.Get("stButton", "Go").Str("id")
	click := wasmtest.Event{ID: id, Type: "click"}
	at.Send(click, click, click)
	at.Settle()
	if n := calls.Load(); n != 3 {
		t.Fatalf("OnClick ran %d times for three clicks", n)
	}
	if n := trues.Load(); n != 1 {
		t.Fatalf("the button read true in %d runs, want 1", n)
	}
}
