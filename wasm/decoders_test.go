package wasm

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// newKindWidgets returns a widget of each kind that decodes outside apply (decoder), in a state
// its widget function leaves it in.
func newKindWidgets() []*widget {
	shown := []any{"a", "b", "c"}
	noon := TimeOfDay{Hour: 12}
	return []*widget{
		{kind: kindChatInput, decode: drawnDecoder(kindChatInput), value: ""},
		{kind: kindPills, decode: drawnDecoder(kindPills), value: choiceValue{shown: shown, chosen: []any{"a"}}},
		{kind: kindSegmentedControl, decode: drawnDecoder(kindSegmentedControl), value: choiceValue{shown: shown, multi: true}},
		{kind: kindFeedback, decode: drawnDecoder(kindFeedback), value: choiceValue{shown: []any{1, 0}}},
		{kind: kindTimeInput, decode: drawnDecoder(kindTimeInput), value: &noon},
		{kind: kindSelectSlider, decode: drawnDecoder(kindSelectSlider), value: sliderPick{values: []any{"a"}, index: []int{0}}, nopts: 3},
		{kind: kindSelectSlider, decode: drawnDecoder(kindSelectSlider), value: sliderPick{values: []any{"a", "c"}, index: []int{0, 2}}, nopts: 3},
		{kind: kindColorPicker, decode: drawnDecoder(kindColorPicker), value: "#000000"},
		{kind: kindDialog, decode: drawnDecoder(kindDialog), value: true},
	}
}

// checkNewKindValue fails unless v is a value a widget of kind can hold.
func checkNewKindValue(t *testing.T, kind string, v any) {
	t.Helper()
	ok := false
	switch kind {
	case kindChatInput:
		_, ok = v.(string)
	case kindPills, kindSegmentedControl, kindFeedback:
		c, isChoice := v.(choiceValue)
		ok = isChoice && (c.multi || len(c.chosen) <= 1)
		for _, x := range c.chosen {
			found := false
			for _, s := range c.shown {
				found = found || s == x
			}
			ok = ok && found
		}
	case kindTimeInput:
		t, isTime := v.(*TimeOfDay)
		ok = isTime && (t == nil || t.valid())
	case kindSelectSlider:
		p, isPick := v.(sliderPick)
		ok = isPick && (len(p.index) == 1 || len(p.index) == 2 && p.index[0] <= p.index[1])
		for _, i := range p.index {
			ok = ok && i >= 0 && i < 3
		}
	case kindColorPicker:
		c, isString := v.(string)
		_, valid := hexColor(c)
		ok = isString && valid && c == strings.ToLower(c) && len(c) == 7
	case kindDialog:
		ok = v == false || v == true
	}
	if !ok {
		t.Fatalf("%s widget holds %#v", kind, v)
	}
}

func TestNewKindDecodersRefuseBadValues_A9(t *testing.T) {
	bad := map[string][]string{
		kindChatInput:        {`1`, `null`, `["x"]`, `{}`},
		kindPills:            {`[0,1]`, `[3]`, `[-1]`, `0`, `"a"`, `null`},
		kindSegmentedControl: {`[9]`, `[0,"x"]`, `{}`},
		kindFeedback:         {`[2]`, `[0,1]`},
		kindTimeInput:        {`"25:00"`, `"12:60"`, `"noon"`, `1230`, `["12:00"]`},
	}
	for _, w := range newKindWidgets() {
		for _, v := range bad[w.kind] {
			before := *w
			if err := w.apply(wire.Event{ID: "x", Type: wire.EventChange, Value: json.RawMessage(v)}); err == nil {
				t.Errorf("%s took %s: now %#v", w.kind, v, w.value)
			}
			after := *w
			after.decode, before.decode = nil, nil // funcs are never DeepEqual
			if !reflect.DeepEqual(after, before) {
				t.Errorf("%s: a refused %s changed the widget to %#v", w.kind, v, *w)
			}
		}
	}
}

func TestNewKindDecodersTakeGoodValues_A9(t *testing.T) {
	good := map[string][]string{
		kindChatInput:        {`"hi"`, `""`},
		kindPills:            {`[2]`, `[]`},
		kindSegmentedControl: {`[0,2,2]`, `[]`},
		kindFeedback:         {`[1]`},
		kindTimeInput:        {`"07:05"`, `"23:59:59"`, `null`, `""`},
	}
	for _, w := range newKindWidgets() {
		for _, v := range good[w.kind] {
			if err := w.apply(wire.Event{ID: "x", Type: wire.EventChange, Value: json.RawMessage(v)}); err != nil {
				t.Errorf("%s refused %s: %v", w.kind, v, err)
			}
			checkNewKindValue(t, w.kind, w.value)
		}
	}
}

// FuzzNewKindDecoders feeds any event value to every kind that decodes outside apply (decoder):
// each gives a value the widget can hold, or an error that leaves the widget as it was.
func FuzzNewKindDecoders(f *testing.F) {
	for _, s := range []string{`"hi"`, `[0]`, `[0,2]`, `[]`, `null`, `"12:30"`, `"12:30:15"`, `[1e9]`, `"\ud800"`, `{"a":1}`, `2`, `[2,1]`, `"#A0b1C2"`, `false`, `true`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, w := range newKindWidgets() {
			before := *w
			err := w.apply(wire.Event{ID: "x", Type: wire.EventChange, Value: data})
			if err != nil {
				after := *w
				after.decode, before.decode = nil, nil // funcs are never DeepEqual
				if !reflect.DeepEqual(after, before) {
					t.Fatalf("%s: refused %q but changed the widget", w.kind, data)
				}
				continue
			}
			checkNewKindValue(t, w.kind, w.value)
		}
	})
}

// drawnDecoder is the decoder the widget function of kind sets on its widgets (widget.decode),
// for tests that make widgets without drawing them; nil for the kinds apply decodes itself.
func drawnDecoder(kind string) decoder {
	switch kind {
	case kindChatInput:
		return decodeChatInput
	case kindPills, kindSegmentedControl, kindFeedback:
		return decodeChoice
	case kindTimeInput:
		return decodeTime
	case kindSelectSlider:
		return decodeSelectSlider
	case kindColorPicker:
		return decodeColor
	case kindDialog:
		return decodeDialog
	case kindDataEditor:
		return decodeEdits
	}
	return nil
}
