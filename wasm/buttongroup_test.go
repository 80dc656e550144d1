package wasm_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// choose sends a button group's change event: the indexes of the buttons now on.
func choose(at *wasmtest.App, label string, on ...int) {
	e := at.Get("stButtonGroup", label)
	if on == nil {
		on = []int{}
	}
	at.Send(wasmtest.Event{ID: e.Str("id"), Type: "change", Value: on})
	at.Settle()
}

func TestPillsAndSegmentedControl_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		size, ok := wasm.Pills(st, "Size", []string{"S", "M", "L"})
		st.Textf("size = %s %v", size, ok)
		view, _ := wasm.SegmentedControl(st, "Size", []string{"Map", "Table"}, wasm.Index(1)) // same label, other kind
		st.Text("view = " + view)
		tags := wasm.PillsMulti(st, "Tags", []int{1, 2, 3}, []int{3}, wasm.Format(func(i int) string { return fmt.Sprint("#", i) }))
		st.Textf("tags = %v", tags)
	})
	wantTexts(t, at, "size =  false", "view = Table", "tags = [3]")
	var variants []string
	for _, e := range at.Find("stButtonGroup") {
		variants = append(variants, e.Str("variant"))
	}
	if !slices.Equal(variants, []string{"pills", "segmented_control", "pills"}) {
		t.Errorf("variants = %q", variants)
	}
	choose(at, "Size", 2) // the first "Size": the pills
	wantTexts(t, at, "size = L true", "view = Table", "tags = [3]")
	choose(at, "Size") // chosen again: none
	wantTexts(t, at, "size =  false", "view = Table", "tags = [3]")
	choose(at, "Tags", 0, 2)
	wantTexts(t, at, "size =  false", "view = Table", "tags = [1 3]")
	if got := at.Get("stButtonGroup", "Tags").Props["options"]; fmt.Sprint(got) != "[#1 #2 #3]" {
		t.Errorf("Format: options = %v", got)
	}
}

func TestButtonGroupKeepsChosenValuesNotIndexes_A2(t *testing.T) {
	veg := true
	at := wasmtest.New(t, func(st *wasm.Session) {
		menu := []string{"soup", "coffee", "cake"}
		if !veg {
			menu = []string{"steak", "coffee"}
		}
		if st.Button("Switch") {
			veg = !veg
			st.Rerun()
		}
		got := wasm.PillsMulti(st, "Order", menu, nil, wasm.Key("order"))
		st.Textf("order = %v", got)
	})
	choose(at, "Order", 1, 2) // coffee, cake
	wantTexts(t, at, "order = [coffee cake]")
	at.Click("Switch")
	// coffee is still offered and stays chosen (now index 1 of 2); cake is gone. Never "steak".
	wantTexts(t, at, "order = [coffee]")
}

func TestFeedbackRatings_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		thumbs, ok := st.Feedback(wasm.FeedbackThumbs)
		st.Textf("thumbs = %d %v", thumbs, ok)
		stars, ok := st.Feedback(wasm.FeedbackStars)
		st.Textf("stars = %d %v", stars, ok)
	})
	wantTexts(t, at, "thumbs = 0 false", "stars = 0 false")
	groups := at.Find("stButtonGroup")
	if groups[0].Str("labelVisibility") != "collapsed" || groups[0].Str("feedback") != "thumbs" {
		t.Errorf("feedback props = %v", groups[0].Props)
	}
	at.Send(wasmtest.Event{ID: groups[0].Str("id"), Type: "change", Value: []int{0}}) // drawn first: thumbs up
	at.Send(wasmtest.Event{ID: groups[1].Str("id"), Type: "change", Value: []int{4}})
	at.Settle()
	wantTexts(t, at, "thumbs = 1 true", "stars = 4 true")
}

func TestButtonGroupAPIErrors_A9(t *testing.T) {
	for name, app := range map[string]func(st *wasm.Session){
		"index":    func(st *wasm.Session) { wasm.Pills(st, "P", []string{"a"}, wasm.Index(3)) },
		"default":  func(st *wasm.Session) { wasm.SegmentedControlMulti(st, "S", []string{"a"}, []string{"b"}) },
		"feedback": func(st *wasm.Session) { st.Feedback("hearts") },
		"label":    func(st *wasm.Session) { st.TextInput("T", "", wasm.LabelVisibility("gone")) },
		"chat":     func(st *wasm.Session) { st.ChatMessage("") },
	} {
		t.Run(name, func(t *testing.T) {
			at := wasmtest.New(t, app)
			ex := at.Find("stException")
			if len(ex) != 1 || ex[0].Str("type") != "StreamlitAPIException" || !strings.Contains(ex[0].Str("message"), "To fix this") {
				t.Fatalf("want one APIError that says how to fix it, got\n%s", at.Root())
			}
		})
	}
}

func TestLabelVisibilityProp_A16(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.TextInput("Shown", "")
		st.TextInput("Hidden", "", wasm.LabelVisibility(wasm.LabelHidden))
		wasm.Slider(st, "Collapsed", 0, 10, 5, wasm.LabelVisibility(wasm.LabelCollapsed))
		st.Checkbox("Visible", false, wasm.LabelVisibility(wasm.LabelVisible))
	})
	for label, want := range map[string]string{"Shown": "", "Hidden": "hidden", "Visible": ""} {
		kind := "stTextInput"
		if label == "Visible" {
			kind = "stCheckbox"
		}
		e := at.Get(kind, label)
		if _, has := e.Props["labelVisibility"]; has != (want != "") || e.Str("labelVisibility") != want {
			t.Errorf("%s: props %v", label, e.Props)
		}
	}
	if got := at.Get("stSlider", "Collapsed").Str("labelVisibility"); got != "collapsed" {
		t.Errorf("slider labelVisibility = %q", got)
	}
}

func TestDateRangeAndTimeInputs_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		a, b := st.DateRangeInput("Trip", wasm.Date{Year: 2026, Month: time.March, Day: 9}, wasm.Date{Year: 2026, Month: time.March, Day: 2})
		st.Textf("trip = %s %s", a, b)
		st.Textf("at = %s", st.TimeInput("At", wasm.TimeOfDay{Hour: 9, Minute: 30}))
		if v, ok := st.TimeInputEmpty("Alarm", nil); ok {
			st.Text("alarm = " + v.String())
		} else {
			st.Text("alarm = none")
		}
	})
	wantTexts(t, at, "trip = 2026-03-02 2026-03-09", "at = 09:30", "alarm = none")
	if got := fmt.Sprint(at.Get("stDateInput", "Trip").Props["value"]); got != "[2026-03-02 2026-03-09]" {
		t.Errorf("range value prop = %s", got)
	}
	if p := at.Get("stTimeInput", "Alarm").Props; p["value"] != nil || p["step"] != 900.0 {
		t.Errorf("empty time input props = %v", p)
	}
	at.Set("stDateInput", "Trip", []string{"2026-04-01", "2026-04-05"})
	at.Set("stTimeInput", "At", "18:45:10")
	at.Set("stTimeInput", "Alarm", "06:00")
	wantTexts(t, at, "trip = 2026-04-01 2026-04-05", "at = 18:45:10", "alarm = 06:00")
	null := json.RawMessage("null")   // a cleared field
	at.Set("stTimeInput", "At", null) // where a time is required: back to the default
	at.Set("stTimeInput", "Alarm", null)
	wantTexts(t, at, "trip = 2026-04-01 2026-04-05", "at = 09:30", "alarm = none")
}

func TestLinkButtonAndLatexProps_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.LinkButton("Docs", "https://example.com/docs", wasm.Primary(), wasm.Help("new tab"))
		st.Latex(`\frac{a}{b}`)
	})
	l := at.Find("stLinkButton")[0]
	if l.Str("url") != "https://example.com/docs" || l.Str("kind") != "primary" || l.Str("help") != "new tab" {
		t.Errorf("link button props = %v", l.Props)
	}
	if got := at.Find("stLatex")[0].Str("text"); got != `\frac{a}{b}` {
		t.Errorf("latex text = %q", got)
	}
}
