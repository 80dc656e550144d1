package wasm_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// editorApp draws an editable frame of three typed columns and writes back what DataEditor
// returned, the frame then the edits, as text.
func editorApp(opts ...wasm.WidgetOption) func(*wasm.Session) {
	return func(st *wasm.Session) {
		f, err := wasm.NewFrame(
			wasm.Strings("fruit", []string{"apple", "pear", "plum"}),
			wasm.Floats("price", []float64{1.5, 2, 3.25}),
			wasm.Bools("ripe", []bool{true, false, true}),
		)
		if err != nil {
			st.Exception(err)
			return
		}
		out, edits := st.DataEditor("Fruit", f, opts...)
		var rows []string
		for r := 0; r < out.Rows(); r++ {
			var cells []string
			for _, c := range out.Columns {
				cells = append(cells, fmt.Sprint(c.Value(r)))
			}
			rows = append(rows, strings.Join(cells, " "))
		}
		st.Text("frame: " + strings.Join(rows, "; "))
		var cells []string
		for _, c := range edits.Cells {
			cells = append(cells, fmt.Sprintf("%d/%s=%#v", c.Row, c.Column, c.Value))
		}
		added := 0
		if edits.Added != nil {
			added = edits.Added.Rows()
		}
		st.Text(fmt.Sprintf("edits: %s added %d deleted %v", strings.Join(cells, ","), added, edits.Deleted))
	}
}

func editorTexts(at *wasmtest.App) []string {
	var out []string
	for _, e := range at.Find("stText") {
		out = append(out, e.Str("text"))
	}
	return out
}

func TestDataEditorReturnsTypedEdits_A9(t *testing.T) {
	at := wasmtest.New(t, editorApp(wasm.DynamicRows()))
	ed := at.Get("stDataEditor", "Fruit")
	if len(ed.Blob) == 0 || ed.Props["dynamic"] != true {
		t.Fatalf("the editor should carry its frame as a blob and dynamic: %v", ed.Props)
	}
	if got := editorTexts(at); got[0] != "frame: apple 1.5 true; pear 2 false; plum 3.25 true" || got[1] != "edits:  added 0 deleted []" {
		t.Fatalf("before any edit: %q", got)
	}
	at.Set("stDataEditor", "Fruit", map[string]any{
		"edited":  map[string]any{"1": map[string]any{"price": 2.75, "ripe": true}, "2": map[string]any{"fruit": "damson"}},
		"added":   []any{map[string]any{"fruit": "fig", "price": 4}},
		"deleted": []int{0},
	})
	got := editorTexts(at)
	if want := "frame: pear 2.75 true; damson 3.25 true; fig 4 false"; got[0] != want {
		t.Errorf("edited frame\n got %q\nwant %q", got[0], want)
	}
	if want := `edits: 1/price=2.75,1/ripe=true,2/fruit="damson" added 1 deleted [0]`; got[1] != want {
		t.Errorf("edits\n got %q\nwant %q", got[1], want)
	}
	ed = at.Get("stDataEditor", "Fruit")
	edits, _ := ed.Props["edits"].(map[string]any)
	if fmt.Sprint(edits["deleted"]) != "[0]" || len(edits["added"].([]any)) != 1 {
		t.Errorf("the editor's props should show the edits back to the page: %v", ed.Props["edits"])
	}
	// An emptied number cell is NaN, typed as the column.
	at.Set("stDataEditor", "Fruit", map[string]any{"edited": map[string]any{"0": map[string]any{"price": nil}}})
	if got := editorTexts(at); got[0] != "frame: apple NaN true; pear 2 false; plum 3.25 true" {
		t.Errorf("an emptied number cell: %q", got)
	}
}

func TestDataEditorStateByKey_A9(t *testing.T) {
	at := wasmtest.New(t, editorApp(wasm.Key("fruit")))
	at.SetState("fruit", wasm.Edits{Cells: []wasm.CellEdit{{Row: 2, Column: "price", Value: 9.0}}})
	if got := editorTexts(at); got[0] != "frame: apple 1.5 true; pear 2 false; plum 9 true" {
		t.Fatalf("edits set in session state: %q", got)
	}
	v, ok := at.State("fruit")
	e, isEdits := v.(wasm.Edits)
	if !ok || !isEdits || len(e.Cells) != 1 || e.Cells[0].Value != 9.0 {
		t.Errorf("session state should hold the Edits: %#v", v)
	}
	// Rows cannot be deleted from a fixed-rows editor, and a string is no price.
	for _, bad := range []wasm.Edits{
		{Deleted: []int{1}},
		{Cells: []wasm.CellEdit{{Row: 0, Column: "price", Value: "cheap"}}},
		{Cells: []wasm.CellEdit{{Row: 0, Column: "colour", Value: "red"}}},
	} {
		at.SetState("fruit", bad)
		ex := at.Find("stException")
		if len(ex) != 1 || !strings.Contains(ex[0].Str("message"), `DataEditor("Fruit")`) {
			t.Errorf("setting %+v should show an exception naming DataEditor, got\n%s", bad, at.Root())
		}
	}
}

func TestDataEditorBadFrame_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.DataEditor("Broken", &wasm.Frame{Columns: []wasm.Column{wasm.Floats("a", []float64{1, 2}), wasm.Strings("b", []string{"x"})}})
	})
	ex := at.Find("stException")
	if len(ex) != 1 || !strings.Contains(ex[0].Str("message"), `DataEditor("Broken")`) || !strings.Contains(ex[0].Str("message"), "same length") {
		t.Fatalf("a ragged frame should stop the run naming DataEditor, got\n%s", at.Root())
	}
}

func TestChartsDownsampleAMillionPoints_A9(t *testing.T) {
	const n = 1_000_000
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = math.Sin(float64(i) / 5000)
	}
	vals[123_457] = 50 // a spike that must survive
	vals[654_321] = -40
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.LineChart([]wasm.Series{{Name: "signal", Values: vals}})
		st.AreaChart([]wasm.Series{{Name: "small", Values: []float64{1, 2, 3}}})
		st.ScatterChart([]wasm.Series{{Name: "dots", Values: []float64{3, 1, 2}}}, wasm.X("t", []float64{0.5, 1, 7}))
	})
	line := at.Find("stLineChart")[0]
	series := line.Props["series"].([]any)[0].(map[string]any)["values"].([]any)
	xs := line.Props["x"].([]any)
	if len(series) > wasm.DefaultMaxPoints+2 || len(xs) != len(series) {
		t.Fatalf("a %d-point series should be sent as at most %d points with their x, got %d (x %d)", n, wasm.DefaultMaxPoints, len(series), len(xs))
	}
	if line.Num("total") != n {
		t.Errorf("the chart should say it had %d points: total %v", n, line.Props["total"])
	}
	hi, lo := math.Inf(-1), math.Inf(1)
	for i, v := range series {
		f := v.(float64)
		hi, lo = max(hi, f), min(lo, f)
		if f == 50 && xs[i].(float64) != 123_457 {
			t.Errorf("the spike is drawn at x %v, not 123457", xs[i])
		}
	}
	if hi != 50 || lo != -40 {
		t.Errorf("downsampling lost the extremes: max %v min %v", hi, lo)
	}
	area := at.Find("stAreaChart")
	scatter := at.Find("stScatterChart")
	if len(area) != 1 || area[0].Num("total") != 0 || len(scatter) != 1 || fmt.Sprint(scatter[0].Props["x"]) != "[0.5 1 7]" {
		t.Errorf("area and scatter charts: %v %v", area, scatter)
	}
}

func TestMapPoints_A9(t *testing.T) {
	at := wasmtest.New(t, func(st *wasm.Session) {
		st.Map([]float64{48.85, 51.5}, []float64{2.35, -0.12}, wasm.MapLabels([]string{"Paris", "London"}))
		st.Map([]float64{1}, []float64{2}, wasm.MapTiles("https://tiles.example/{z}/{x}/{y}.png", "© Example"))
		st.Map([]float64{2.35}, []float64{148.85}) // fine
		st.Map([]float64{148.85}, []float64{2.35}) // swapped: latitude out of range
		st.Map([]float64{1, 2}, []float64{1})      // lengths differ
		st.Map([]float64{1}, []float64{1}, wasm.MapTiles("https://tiles.example/x.png", ""))
	})
	maps := at.Find("stMap")
	if len(maps) != 3 {
		t.Fatalf("want 3 maps, got\n%s", at.Root())
	}
	if fmt.Sprint(maps[0].Props["labels"]) != "[Paris London]" || maps[0].Str("tiles") != "" || maps[1].Str("tiles") == "" {
		t.Errorf("map props: %v / %v", maps[0].Props, maps[1].Props)
	}
	ex := at.Find("stException")
	if len(ex) != 3 {
		t.Fatalf("want 3 exceptions, got\n%s", at.Root())
	}
	for i, want := range []string{"latitude 148.85 (point 0) is outside [-90, 90]", "2 latitudes but 1 longitudes", "lacks {z}, {x} or {y}"} {
		if msg := ex[i].Str("message"); !strings.Contains(msg, want) || !strings.HasPrefix(msg, "Map:") {
			t.Errorf("exception %d: %q, want it to name Map and say %q", i, msg, want)
		}
	}
}

// TestDataEditorInCachedFunctionIsRefused_A9_B14: a data editor's edits are over the frame it was
// given, which a cache recording does not keep, so it cannot be drawn inside a cached function,
// even with AllowWidgets.
func TestDataEditorInCachedFunctionIsRefused_A9_B14(t *testing.T) {
	e := cache.NewEngine(cache.Config{})
	f := cache.Data0(func(st *wasm.Session) (int, error) {
		out, _ := st.DataEditor("Cached", &wasm.Frame{Columns: []wasm.Column{wasm.Floats("a", []float64{1})}})
		return out.Rows(), nil
	}, cache.WithEngine(e), cache.AllowWidgets())
	at := wasmtest.New(t, func(st *wasm.Session) { _, _ = f.Call(st) })
	ex := at.Find("stException")
	if len(ex) != 1 || ex[0].Str("type") != "CachedWidgetError" || !strings.Contains(ex[0].Str("message"), "not supported") {
		t.Fatalf("want the CachedWidgetError that says a data editor cannot be cached:\n%s", at.Root())
	}
	if len(at.Find("stDataEditor")) != 0 {
		t.Errorf("the refused editor is on the page:\n%s", at.Root())
	}
}
