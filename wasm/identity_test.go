package wasm_test

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// Tests of widget identity and option values (A2): a widget never returns a value the user did
// not choose.

var cities = map[string][]string{
	"FR": {"Paris", "Lyon", "Nice"},
	"US": {"NYC", "LA", "SF"},
}

// text returns the label of the app's only text element.
func text(t *testing.T, at *wasmtest.App) string {
	t.Helper()
	ts := at.Find("stText")
	if len(ts) != 1 {
		t.Fatalf("want one text element:\n%s", at.Root())
	}
	return ts[0].Label()
}

// noException fails the test if the app shows an exception.
func noException(t *testing.T, at *wasmtest.App) {
	t.Helper()
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("unexpected exception %s: %s", ex[0].Str("type"), ex[0].Str("message"))
	}
}

func TestDependentDropdownsStartAtDefault_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		country := wasm.Selectbox(st, "Country", []string{"FR", "US"})
		city := wasm.Selectbox(st, "City", cities[country])
		st.Textf("%s %s", country, city)
	})
	at.Set("stSelectbox", "City", 1) // Lyon
	if got := text(t, at); got != "FR Lyon" {
		t.Fatalf("after choosing Lyon: %q", got)
	}
	at.Set("stSelectbox", "Country", 1) // US: City is another widget now, at its default
	if got := text(t, at); got != "US NYC" {
		t.Fatalf("after switching to US: %q, want \"US NYC\" (LA was never chosen)", got)
	}
	at.Set("stSelectbox", "Country", 0) // back to FR: the FR city widget starts afresh too
	if got := text(t, at); got != "FR Paris" {
		t.Fatalf("after switching back to FR: %q", got)
	}
}

func TestDependentRadioStartsAtDefault_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		country := wasm.Radio(st, "Country", []string{"FR", "US"})
		city := wasm.Radio(st, "City", cities[country])
		st.Textf("%s %s", country, city)
	})
	at.Set("stRadio", "City", 2) // Nice
	at.Set("stRadio", "Country", 1)
	if got := text(t, at); got != "US NYC" {
		t.Fatalf("after switching to US: %q, want \"US NYC\"", got)
	}
}

func TestKeyedSelectboxKeepsStillOfferedValue_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		late := st.Checkbox("Late", false)
		options := []string{"Paris", "Lyon"}
		if late {
			options = []string{"Lyon", "Nice"}
		}
		st.Textf("%s", wasm.Selectbox(st, "City", options, wasm.Key("city")))
	})
	at.Set("stSelectbox", "City", 1) // Lyon
	at.Set("stCheckbox", "Late", true)
	if got := text(t, at); got != "Lyon" {
		t.Fatalf("a keyed selectbox whose option list still offers Lyon shows %q", got)
	}
	if got := at.Get("stSelectbox", "City").Num("index"); got != 0 {
		t.Fatalf("the page is told index %v, want 0 (Lyon's place in the new list)", got)
	}
	at.Set("stCheckbox", "Late", false) // Lyon is still offered: kept
	if got := text(t, at); got != "Lyon" {
		t.Fatalf("back to the first list: %q, want Lyon", got)
	}
}

func TestKeyedSelectboxResetsWhenValueGone_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		late := st.Checkbox("Late", false)
		options := []string{"Paris", "Lyon", "Nice"}
		if late {
			options = []string{"NYC", "LA"}
		}
		st.Textf("%s", wasm.Selectbox(st, "City", options, wasm.Key("city")))
	})
	at.Set("stSelectbox", "City", 1) // Lyon
	at.Set("stCheckbox", "Late", true)
	if got := text(t, at); got != "NYC" {
		t.Fatalf("Lyon is no longer offered: got %q, want the default NYC", got)
	}
}

func TestKeyedMultiselectKeepsStillOfferedValues_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		lunch := st.Checkbox("Lunch", false)
		options := []string{"tea", "coffee", "juice"}
		if lunch {
			options = []string{"coffee", "soup"}
		}
		st.Textf("%v", wasm.Multiselect(st, "Order", options, nil, wasm.Key("order")))
	})
	at.Set("stMultiSelect", "Order", []int{1, 2}) // coffee, juice
	if got := text(t, at); got != "[coffee juice]" {
		t.Fatalf("chosen: %q", got)
	}
	at.Set("stCheckbox", "Lunch", true)
	if got := text(t, at); got != "[coffee]" {
		t.Fatalf("after the options changed: %q, want [coffee] (soup was never chosen)", got)
	}
}

func TestMultiselectWithNewOptionsStartsAtDefault_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		lunch := st.Checkbox("Lunch", false)
		options := []string{"tea", "coffee"}
		if lunch {
			options = []string{"coffee", "soup"}
		}
		st.Textf("%v", wasm.Multiselect(st, "Order", options, nil))
	})
	at.Set("stMultiSelect", "Order", []int{1}) // coffee
	at.Set("stCheckbox", "Lunch", true)
	if got := text(t, at); got != "[]" {
		t.Fatalf("a multiselect without a key and with new options: %q, want [] (its default)", got)
	}
}

func TestChangedDefaultResetsUnkeyedSlider_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		def := 10
		if st.Checkbox("High", false) {
			def = 90
		}
		st.Textf("%d", wasm.Slider(st, "Level", 0, 100, def))
	})
	at.Set("stCheckbox", "High", true)
	if got := text(t, at); got != "90" {
		t.Fatalf("slider after its default became 90: %q", got)
	}
	at.Set("stSlider", "Level", 42)
	at.Rerun()
	if got := text(t, at); got != "42" {
		t.Fatalf("the user's value is kept while the parameters stay: %q", got)
	}
}

func TestKeyedSliderKeepsValueStillInRange_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		max := 100
		if st.Checkbox("Small", false) {
			max = 50
		}
		st.Textf("%d", wasm.Slider(st, "Level", 0, max, 10, wasm.Key("level")))
	})
	at.Set("stSlider", "Level", 42)
	at.Set("stCheckbox", "Small", true)
	if got := text(t, at); got != "42" {
		t.Fatalf("42 is still in range: got %q", got)
	}
	at.Set("stCheckbox", "Small", false)
	at.Set("stSlider", "Level", 80)
	at.Set("stCheckbox", "Small", true)
	if got := text(t, at); got != "10" {
		t.Fatalf("80 is out of the new range: got %q, want the default 10 (not a clamp to 50)", got)
	}
}

func TestSameLabelInTwoForms_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		login := st.Form("login")
		a := login.TextInput("Email", "")
		login.FormSubmitButton("Log in")
		signup := st.Form("signup")
		b := signup.TextInput("Email", "")
		signup.FormSubmitButton("Sign up")
		st.Textf("%q %q", a, b)
	})
	noException(t, at)
	emails := at.Find("stTextInput")
	if len(emails) != 2 || emails[0].Str("id") == emails[1].Str("id") {
		t.Fatalf("want two Email widgets with two ids:\n%s", at.Root())
	}
	at.Send(wasmtest.Event{ID: emails[1].Str("id"), Type: "change", Value: "new@example.com"})
	at.Settle()
	if got := text(t, at); got != `"" "new@example.com"` {
		t.Fatalf("got %s", got)
	}
}

func TestEmptyOptionsGiveNoSelection_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		s := wasm.Selectbox(st, "Select", []string{})
		r := wasm.Radio(st, "Radio", []int(nil))
		m := wasm.Multiselect(st, "Multi", []string{}, nil)
		st.Textf("%q %d %v", s, r, m)
	})
	noException(t, at)
	if got := text(t, at); got != `"" 0 []` {
		t.Fatalf("got %s", got)
	}
	if got := at.Get("stSelectbox", "Select").Num("index"); got != -1 {
		t.Fatalf("the page is told index %v, want -1 (none)", got)
	}
}

func TestDuplicateWidgetIDOnlyForTrueDuplicates_A2(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		wasm.Slider(st, "Level", 0, 10, 1)
		wasm.Slider(st, "Level", 0, 10, 2) // another default: another widget
		st.Text("after")
	})
	noException(t, at)
	at = wasmtest.New(t, func(st *wasm.Session) {
		wasm.Slider(st, "Level", 0, 10, 1)
		wasm.Slider(st, "Level", 0, 10, 1)
	})
	if ex := at.Find("stException"); len(ex) != 1 || ex[0].Str("type") != "DuplicateWidgetID" ||
		!strings.Contains(ex[0].Str("message"), `"Level"`) {
		t.Fatalf("want a DuplicateWidgetID naming Level:\n%s", at.Root())
	}
}
