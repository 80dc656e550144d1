package wasm

import "testing"

// The wording of the widget model's errors, pinned (A12, A15).
func TestWidgetErrorWording_A15(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&WidgetError{Func: "Slider", Label: "Level", Problem: "min 10 is greater than max 0", Fix: "Pass min below max."},
			`Slider("Level"): min 10 is greater than max 0. Pass min below max.`},
		{&WidgetError{Func: "Tabs", Problem: "has no tab labels", Fix: `Give it at least one label: st.Tabs("Chart", "Data").`},
			`Tabs(): has no tab labels. Give it at least one label: st.Tabs("Chart", "Data").`},
		{errModifiedAfterWidget("k"),
			`session state "k" cannot be modified after the widget with key "k" is instantiated. Set it before the widget is drawn in the run, or from a callback (wasm.OnChange).`},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
	if got, want := defaultAndStateWarning("k"), `The widget with key "k" was created with a default value but also had its value set via the Session State API.`; got != want {
		t.Errorf("warning:\ngot  %s\nwant %s", got, want)
	}
}
