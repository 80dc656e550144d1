package main

import (
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func TestStepChangesOneOrAll(t *testing.T) {
	at := wasmtest.New(t, app)
	if n := len(at.Find("stText")); n != 1000 {
		t.Fatalf("elements = %d, want 1000", n)
	}
	at.Click("Step")
	if got := at.Find("stText")[500].Label(); got != "element 500 at step 1" {
		t.Fatalf("got %q", got)
	}
	if got := at.Find("stText")[0].Label(); got != "element 0" {
		t.Fatalf("got %q", got)
	}
	at.Set("stRadio", "Change", 1)
	if got := at.Find("stText")[0].Label(); got != "element 0 at step 1" {
		t.Fatalf("got %q", got)
	}
}
