package wasm

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// fuzzKinds are the widget kinds whose state events and recorded props set.
var fuzzKinds = []string{
	kindButton, kindSubmit, kindCheckbox, kindToggle, kindRadio, kindSelectbox, kindMultiselect,
	kindSlider, kindNumberInput, kindTextInput, kindTextArea, kindDateInput, kindFileUploader,
}

// fuzzOptions is the number of options the fuzzed option widgets show.
const fuzzOptions = 3

// checkWidgetValue fails unless v is a value a widget of kind can hold: the Go type its widget
// function returns from, and for option widgets an index among nopts options.
func checkWidgetValue(t *testing.T, kind string, v any, nopts int) {
	t.Helper()
	ok := false
	switch kind {
	case kindButton, kindSubmit:
		ok = v == nil
	case kindCheckbox, kindToggle:
		_, ok = v.(bool)
	case kindRadio, kindSelectbox, kindMultiselect:
		sel, isSel := v.(selection)
		ok = isSel && sel.index != nil && (sel.values == nil || len(sel.values) == len(sel.index))
		if kind != kindMultiselect {
			ok = ok && len(sel.index) <= 1
		}
		for _, i := range sel.index {
			ok = ok && i >= 0 && i < nopts
		}
	case kindSlider:
		switch v.(type) {
		case float64, [2]float64:
			ok = true
		}
	case kindNumberInput:
		_, ok = v.(*float64)
	case kindTextInput, kindTextArea:
		_, ok = v.(string)
	case kindDateInput:
		switch d := v.(type) {
		case Date:
			ok = d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= 31
		case [2]Date:
			ok = true
		case nil: // empty (DateInputOpt, A13)
			ok = true
		}
	case kindFileUploader:
		_, ok = v.([]File)
	}
	if !ok {
		t.Fatalf("%s widget holds %#v (%d options)", kind, v, nopts)
	}
}

// allocated returns the bytes the program has allocated so far.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// FuzzWidgetEvents feeds any host message through the whole event path: wire.DecodeEvents, then
// every event applied to a widget of every kind. Each gives a typed value the widget can hold, or
// an error that leaves the widget as it was; never a panic, a hang, or an allocation out of
// proportion to the message.
func FuzzWidgetEvents(f *testing.F) {
	for _, s := range []string{
		`[{"s":1,"id":"stButton:Go","t":"click"}]`,
		`[{"s":2,"id":"stCheckbox:A","t":"change","v":true}]`,
		`[{"s":3,"id":"stRadio:R","t":"change","v":2},{"s":4,"id":"stRadio:R","t":"change","v":null}]`,
		`[{"s":5,"id":"stMultiSelect:M","t":"change","v":[0,2]}]`,
		`[{"s":6,"id":"stSlider:S","t":"change","v":1.5},{"s":7,"id":"stSlider:S","t":"change","v":[1,9]}]`,
		`[{"s":8,"id":"stNumberInput:N","t":"change","v":null}]`,
		`[{"s":9,"id":"stTextInput:T","t":"change","v":"h\u00e9llo \ud83d\ude00"}]`,
		`[{"s":10,"id":"stDateInput:D","t":"change","v":"2024-02-29"}]`,
		`[{"s":11,"id":"stDateInput:D","t":"change","v":["2024-01-01","2023-13-01"]}]`,
		`[{"s":12,"id":"stFileUploader:F","t":"change","v":[{"name":"a.csv","type":"text/csv","size":3,"token":"t1"}]}]`,
		`[{"s":13,"t":"rerun"},{"s":14,"t":"clearcache"},{"s":15,"t":"inspector"}]`,
		`[{"s":16,"id":"stRadio:R","t":"change","v":3}]`,
		`[{"s":17,"id":"stSlider:S","t":"change","v":1e400}]`,
		`[{"s":18,"id":"x","t":"change","v":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}]`,
		`[{"s":18446744073709551615,"id":"x","t":"change","v":"\u0000"}]`,
		`{"s":1}`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := allocated()
		evs, err := wire.DecodeEvents(data)
		if err != nil {
			if evs != nil {
				t.Fatal("events returned with an error")
			}
			return
		}
		for _, e := range evs {
			for _, kind := range fuzzKinds {
				w := &widget{kind: kind, decode: drawnDecoder(kind), nopts: fuzzOptions}
				err := w.apply(e)
				if e.Type == wire.EventClick {
					if err != nil || !w.pending {
						t.Fatalf("click on %s: err %v, pending %t", kind, err, w.pending)
					}
					continue
				}
				if err != nil {
					if w.value != nil {
						t.Fatalf("%s: error %v, yet the value changed to %#v", kind, err, w.value)
					}
					continue
				}
				checkWidgetValue(t, kind, w.value, fuzzOptions)
			}
		}
		// Decoding copies each value once per kind; a widget's value takes at most about 100
		// bytes per byte of JSON (a file entry `{}` becomes two structs of strings).
		n, limit := allocated()-before, uint64(len(fuzzKinds)*256*len(data)+1<<20)
		if n > limit {
			t.Fatalf("%d bytes of events allocated %d bytes (limit %d)", len(data), n, limit)
		}
	})
}

// FuzzWidgetFromProps feeds any props to the decoder that rebuilds a replayed widget's state from
// a recording read back from IndexedDB (B14): a value the widget can hold, or an error; never a
// panic or an allocation out of proportion to the props.
func FuzzWidgetFromProps(f *testing.F) {
	for _, s := range []string{
		`{"label":"A","value":true}`,
		`{"label":"R","index":1,"options":["a","b","c"]}`,
		`{"label":"R","index":-1,"options":[]}`,
		`{"label":"M","selected":[0,2],"options":["a","b","c"]}`,
		`{"label":"S","value":[1,2]}`,
		`{"label":"N","value":null}`,
		`{"label":"T","value":"text"}`,
		`{"label":"D","value":"2024-02-30"}`,
		`{"label":"X","index":99999999999999999999}`,
		`[]`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, props []byte) {
		before := allocated()
		for _, kind := range fuzzKinds {
			v, nopts, err := widgetFromProps(kind, props)
			if err != nil {
				if v != nil || nopts != -1 {
					t.Fatalf("%s: error %v with value %#v, %d options", kind, err, v, nopts)
				}
				continue
			}
			if kind == kindFileUploader {
				t.Fatalf("a file uploader was rebuilt from props: %#v", v)
			}
			checkWidgetValue(t, kind, v, nopts)
			switch kind {
			case kindRadio, kindSelectbox, kindMultiselect:
				if nopts < 0 {
					t.Fatalf("%s: %d options", kind, nopts)
				}
			default:
				if nopts != -1 {
					t.Fatalf("%s has no options, got %d", kind, nopts)
				}
			}
			// What decoded once decodes the same again.
			v2, n2, err := widgetFromProps(kind, props)
			if err != nil || n2 != nopts || !reflect.DeepEqual(v, v2) {
				t.Fatalf("%s: second decode %#v, %d, %v differs from %#v, %d", kind, v2, n2, err, v, nopts)
			}
		}
		n, limit := allocated()-before, uint64(len(fuzzKinds)*2*64*len(props)+1<<20)
		if n > limit {
			t.Fatalf("%d bytes of props allocated %d bytes (limit %d)", len(props), n, limit)
		}
	})
}

// The values a real host sends decode into the typed values the widget functions return; a change
// that starts refusing one fails here and not only in a browser.
func TestWidgetEventValues_A3(t *testing.T) {
	for _, tc := range []struct {
		kind  string
		value string
		want  any
	}{
		{kindCheckbox, `true`, true},
		{kindRadio, `null`, selection{values: []any{}, index: []int{}}},
		{kindRadio, `2`, selection{index: []int{2}}},
		{kindMultiselect, `[2,0]`, selection{index: []int{0, 2}}},
		{kindSlider, `1.5`, 1.5},
		{kindSlider, `[1,9]`, [2]float64{1, 9}},
		{kindTextInput, `"x"`, "x"},
		{kindDateInput, `"2024-02-29"`, Date{2024, 2, 29}},
	} {
		w := &widget{kind: tc.kind, decode: drawnDecoder(tc.kind), nopts: fuzzOptions}
		e := wire.Event{ID: "id", Type: wire.EventChange, Value: json.RawMessage(tc.value)}
		if err := w.apply(e); err != nil || fmt.Sprint(w.value) != fmt.Sprint(tc.want) {
			t.Errorf("%s %s: value %#v, err %v; want %#v", tc.kind, tc.value, w.value, err, tc.want)
		}
	}
}
