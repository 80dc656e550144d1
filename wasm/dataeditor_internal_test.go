package wasm

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

func editorWidget(dynamic bool) *widget {
	return &widget{kind: kindDataEditor, decode: drawnDecoder(kindDataEditor), value: editorValue{
		cols:    []editorCol{{"name", wire.ColString}, {"n", wire.ColFloat64}, {"ok", wire.ColBool}},
		rows:    2,
		dynamic: dynamic,
		cells:   map[editKey]any{},
	}}
}

func TestDataEditorRefusesBadEdits_A9(t *testing.T) {
	bad := []struct {
		dynamic bool
		v       string
	}{
		{true, `null`},
		{true, `[]`},
		{true, `{"edited":{"2":{"n":1}}}`},      // no row 2
		{true, `{"edited":{"-1":{"n":1}}}`},     // no row -1
		{true, `{"edited":{"x":{"n":1}}}`},      // not a row number
		{true, `{"edited":{"0":{"size":1}}}`},   // no such column
		{true, `{"edited":{"0":{"n":"1"}}}`},    // text in a number column
		{true, `{"edited":{"0":{"name":3}}}`},   // a number in a text column
		{true, `{"edited":{"0":{"ok":"yes"}}}`}, // text in a bool column
		{true, `{"edited":{"0":{"ok":null}}}`},  // a bool cannot be empty
		{true, `{"added":[{"n":true}]}`},        // a bool in a number column
		{true, `{"deleted":[2]}`},               // no row 2
		{false, `{"added":[{"name":"x"}]}`},     // fixed rows
		{false, `{"deleted":[0]}`},              // fixed rows
	}
	for _, c := range bad {
		w := editorWidget(c.dynamic)
		before := reflect.ValueOf(w.value).Interface()
		if err := w.apply(wire.Event{ID: "x", Type: wire.EventChange, Value: json.RawMessage(c.v)}); err == nil {
			t.Errorf("the editor took %s: now %#v", c.v, w.value)
		}
		if !reflect.DeepEqual(w.value, before) {
			t.Errorf("a refused %s changed the editor to %#v", c.v, w.value)
		}
	}
	w := editorWidget(true)
	good := `{"edited":{"1":{"n":null,"name":"b","ok":true}},"added":[{"n":2}],"deleted":[1,1,0]}`
	if err := w.apply(wire.Event{ID: "x", Type: wire.EventChange, Value: json.RawMessage(good)}); err != nil {
		t.Fatalf("the editor refused %s: %v", good, err)
	}
	v := w.value.(editorValue)
	if !math.IsNaN(v.cells[editKey{1, 1}].(float64)) || v.cells[editKey{1, 0}] != "b" || !reflect.DeepEqual(v.deleted, []int{0, 1}) ||
		len(v.added) != 1 || v.added[0][1] != 2.0 || v.added[0][0] != "" || v.added[0][2] != false {
		t.Errorf("decoded %s as %#v", good, v)
	}
}

func TestDownsampleKeepsExtremes_A9(t *testing.T) {
	s := []float64{0, 5, -3, 1, math.NaN(), 2, 8, 0, 0, -9, 1, 0}
	keep := downsample(len(s), 4, [][]float64{s}) // two buckets of six
	want := []int{0, 1, 2, 4, 6, 9, 11}
	if !reflect.DeepEqual(keep, want) {
		t.Errorf("downsample kept %v, want %v (first, each bucket's min, max and first gap, last)", keep, want)
	}
	if downsample(4, 4, [][]float64{s[:4]}) != nil {
		t.Error("a series within the budget should not be downsampled")
	}
}

// BenchmarkDownsampleMillion_A9 measures the Go side of a million-point line chart: choosing the
// points to send (DefaultMaxPoints) from one series.
func BenchmarkDownsampleMillion_A9(b *testing.B) {
	s := make([]float64, 1_000_000)
	for i := range s {
		s[i] = math.Sin(float64(i) / 5000)
	}
	for b.Loop() {
		downsample(len(s), DefaultMaxPoints, [][]float64{s})
	}
}
