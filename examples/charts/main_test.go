package main

import (
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestChartsRunsWithoutABrowser_A9 draws every data element and edits the table.
func TestChartsRunsWithoutABrowser_A9(t *testing.T) {
	at := wasmtest.New(t, app)
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("exception on load: %s", ex[0].Str("message"))
	}
	for _, kind := range []string{"stDataEditor", "stAreaChart", "stScatterChart", "stLineChart", "stMap", "stCode", "stDataFrame"} {
		if len(at.Find(kind)) == 0 {
			t.Errorf("no %s in\n%s", kind, at.Root())
		}
	}
	at.Set("stDataEditor", "Fruit", map[string]any{
		"edited": map[string]any{"1": map[string]any{"stock": 10}}, "added": []any{}, "deleted": []int{0},
	})
	want := map[string]bool{"edited cells = 1, added rows = 0, deleted rows = 1": true, "stock value = 165.75": true}
	for _, e := range at.Find("stText") {
		delete(want, e.Label())
	}
	if len(want) != 0 {
		t.Fatalf("missing %v in\n%s", want, at.Root())
	}
}
