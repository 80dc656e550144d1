package main

import (
	"math"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/sqlite"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestWithoutABrowser runs the app natively: there is no SQLite outside the page, so it must
// say so plainly, and the failed open must not be cached (the next run tries again).
func TestWithoutABrowser(t *testing.T) {
	at := wasmtest.New(t, app)
	ex := at.Find("stException")
	// Natively it is ErrNeedsBrowser; under Node (js/wasm tests) the page's host is missing.
	if len(ex) != 1 || !strings.HasPrefix(ex[0].Str("message"), "sqlite: ") {
		t.Fatalf("want one exception from package sqlite, got:\n%s", at.Root())
	}
	before := opened.Load()
	at.Rerun()
	if opened.Load() != before+1 {
		t.Errorf("opened = %d after a rerun, want %d: errors must not be cached", opened.Load(), before+1)
	}
}

func TestToFrame(t *testing.T) {
	rows := &sqlite.Rows{Columns: []sqlite.Column{
		{Name: "order", Numeric: true, Numbers: []float64{400, 399}},
		{Name: "customer", Texts: []string{"Ana", "Ben"}},
		{Name: "total", Numeric: true, Numbers: []float64{19.5, math.NaN()}},
	}}
	f, err := toFrame(rows)
	if err != nil {
		t.Fatal(err)
	}
	if f.Rows() != 2 || len(f.Columns) != 3 || f.Columns[1].Name != "customer" {
		t.Fatalf("frame = %d rows, columns %v", f.Rows(), f.Columns)
	}
	bad := &sqlite.Rows{Columns: []sqlite.Column{{Name: "a", Numeric: true, Numbers: []float64{1}}, {Name: "b", Texts: nil}}}
	if _, err := toFrame(bad); err == nil {
		t.Error("columns of different lengths should be an error")
	}
}
