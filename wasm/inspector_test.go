package wasm_test

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func double(st *wasm.Session, n int) (int, error) { return 2 * n, nil }

// Two wrappers of one function are two rows of the inspector, each with its own clear button,
// and the Close button is there (B25; the examples/hashing page failed with DuplicateWidgetID).
func TestInspectorShowsTwoWrappersOfOneFunction_B25(t *testing.T) {
	first := cache.Data1(double)
	second := cache.Data1(double, cache.HashFunc(func(n int) []byte { return []byte{byte(n)} }))
	at := wasmtest.New(t, func(st *wasm.Session) {
		a, _ := first.Call(st, 1)
		b, _ := second.Call(st, 2)
		st.Textf("%d %d", a, b)
	})
	at.Send(wasmtest.Event{Type: "inspector"})
	at.Settle()
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("the inspector failed: %s", ex[0].Str("message"))
	}
	var clears []string
	for _, e := range at.Find("stButton") {
		if strings.HasPrefix(e.Label(), "Clear double") {
			clears = append(clears, e.Str("id"))
		}
	}
	if len(clears) != 2 || clears[0] == clears[1] {
		t.Fatalf("clear buttons %q, want two distinct:\n%s", clears, at.Root())
	}
	at.Click("Close the inspector")
	if len(at.Find("stTable")) != 0 {
		t.Fatalf("inspector still open:\n%s", at.Root())
	}
}
