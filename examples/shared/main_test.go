package main

import (
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestSharedComputesWithoutWorker_E4 runs the example where no Worker exists (natively, as on a
// static host): the shared function computes here and the app draws its result.
func TestSharedComputesWithoutWorker_E4(t *testing.T) {
	at := wasmtest.New(t, app)
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("exception on load: %s", ex[0].Str("message"))
	}
	want := map[string]bool{"computed in this browser: 1": false, "answered by the edge: 0": false}
	for _, e := range at.Find("stText") {
		if _, ok := want[e.Label()]; ok {
			want[e.Label()] = true
		}
	}
	for text, seen := range want {
		if !seen {
			t.Errorf("no %q in\n%s", text, at.Root())
		}
	}
}
