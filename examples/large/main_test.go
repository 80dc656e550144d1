package main

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// text returns the shown value of the "name = value" text line.
func text(t *testing.T, at *wasmtest.App, name string) string {
	t.Helper()
	for _, e := range at.Find("stText") {
		if v, ok := strings.CutPrefix(e.Label(), name+" = "); ok {
			return v
		}
	}
	t.Fatalf("no text %q", name)
	return ""
}

// TestRerunIsAHit_B19_B3_B5 checks, for both decorators at 1M rows, that the first call builds the
// table, a rerun does not (build = 0), cache_data returns a copy and cache_resource the same table.
func TestRerunIsAHit_B19_B3_B5(t *testing.T) {
	at := wasmtest.New(t, app)
	for i, tc := range []struct{ decorator, same string }{
		{"cache_data", "no"},
		{"cache_resource", "yes"},
	} {
		if i > 0 {
			at.Set("stRadio", "Decorator", i)
		}
		if got := text(t, at, "rows"); got != "1000000" {
			t.Fatalf("%s: rows = %s", tc.decorator, got)
		}
		if got := text(t, at, "build"); got == "0.0 ms" {
			t.Errorf("%s: the first call did not build the table", tc.decorator)
		}
		if got := text(t, at, "same instance"); got != "(first call)" {
			t.Errorf("%s: same instance = %s on the first call", tc.decorator, got)
		}
		at.Click("Rerun")
		if got := text(t, at, "build"); got != "0.0 ms" {
			t.Errorf("%s: build = %s on a rerun, want 0.0 ms (a hit)", tc.decorator, got)
		}
		if got := text(t, at, "same instance"); got != tc.same {
			t.Errorf("%s: same instance = %s, want %s", tc.decorator, got, tc.same)
		}
	}
	if n := len(at.Find("stException")); n != 0 {
		t.Errorf("%d exceptions", n)
	}
}
