//go:build js && wasm

package bridge

import (
	"syscall/js"
	"testing"
)

// TestMountAndQueryWithoutDocument_C9: in worker mode the Go program runs where there is no
// document (Node, like a worker, has none): Mount hands the selector to the host, which checks it
// on the page, and LocationSearch asks the host for the page's query string, since the worker's
// own location is its script's.
func TestMountAndQueryWithoutDocument_C9(t *testing.T) {
	if js.Global().Get("document").Truthy() {
		t.Skip("this runtime has a document")
	}
	h := js.Global().Get("wasmlitHost")
	var mounted []string
	mount := js.FuncOf(func(_ js.Value, args []js.Value) any {
		mounted = append(mounted, args[1].String())
		return nil
	})
	search := js.FuncOf(func(js.Value, []js.Value) any { return "?rows=10" })
	defer mount.Release()
	defer search.Release()
	h.Set("mount", mount)
	h.Set("locationSearch", search)
	defer h.Delete("mount")
	defer h.Delete("locationSearch")

	Mount(1, "#app")
	if len(mounted) != 1 || mounted[0] != "#app" {
		t.Errorf("host mount calls: %v, want [#app]", mounted)
	}
	if got := LocationSearch(); got != "?rows=10" {
		t.Errorf("LocationSearch() = %q, want the host's ?rows=10", got)
	}
}
