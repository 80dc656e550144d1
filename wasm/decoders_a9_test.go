package wasm

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// TestA9DecodersRefuseBadValues_A9 sends each new A9 widget kind values the page never sends:
// each is refused and leaves the widget as it was.
func TestA9DecodersRefuseBadValues_A9(t *testing.T) {
	opts := []string{"S", "M", "L"}
	for _, tc := range []struct {
		w   *widget
		bad []string
	}{
		{&widget{kind: kindSelectSlider, decode: drawnDecoder(kindSelectSlider), value: sliderPick{values: []any{"S"}, index: []int{0}}, nopts: 3, option: optionAt(opts)},
			[]string{`3`, `-1`, `[0,1]`, `"S"`, `null`, `1.5`}},
		{&widget{kind: kindSelectSlider, decode: drawnDecoder(kindSelectSlider), value: sliderPick{values: []any{"S", "L"}, index: []int{0, 2}}, nopts: 3, option: optionAt(opts)},
			[]string{`1`, `[2,1]`, `[0,3]`, `[0]`, `[0,1,2]`, `null`}},
		{&widget{kind: kindColorPicker, decode: drawnDecoder(kindColorPicker), value: "#000000"},
			[]string{`"red"`, `"#12345"`, `"#gg0000"`, `7`, `null`, `"#0000000"`}},
		{&widget{kind: kindDialog, decode: drawnDecoder(kindDialog), value: true},
			[]string{`true`, `"no"`, `null`, `0`}},
	} {
		for _, v := range tc.bad {
			before := tc.w.value
			if err := tc.w.apply(wire.Event{ID: "x", Type: wire.EventChange, Value: json.RawMessage(v)}); err == nil {
				t.Errorf("%s took %s", tc.w.kind, v)
			}
			if !reflect.DeepEqual(before, tc.w.value) {
				t.Errorf("%s changed to %#v on %s", tc.w.kind, tc.w.value, v)
			}
		}
	}
}
