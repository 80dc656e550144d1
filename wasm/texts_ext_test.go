package wasm_test

import (
	"slices"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// texts returns the text of every stText element.
func texts(at *wasmtest.App) []string {
	var out []string
	for _, e := range at.Find("stText") {
		out = append(out, e.Label())
	}
	return out
}

func wantTexts(t *testing.T, at *wasmtest.App, want ...string) {
	t.Helper()
	if got := texts(at); !slices.Equal(got, want) {
		t.Fatalf("texts = %q, want %q\n%s", got, want, at.Root())
	}
}
