//go:build js && wasm

package cache

import (
	"context"
	"strings"
	"syscall/js"
	"testing"
)

// IDBStore lists a prefix's records with their sizes and last use, from the metadata it keeps
// for eviction: what a data function's index loads after a reload (B7, B24). A read makes a
// record the most recently used. playwright/idb.spec.ts runs it in Chromium; under Node it
// skips.
func TestIDBStoreEntries_B7_B24(t *testing.T) {
	h := js.Global().Get("wasmlitHost")
	if h.Type() != js.TypeObject || h.Get("idb").Type() != js.TypeObject {
		t.Skip("needs a browser page with wasmlitHost.idb: playwright/idb.spec.ts runs this test")
	}
	ctx := context.Background()
	name := "test-entries"
	s, err := OpenIDB(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.Close()
		js.Global().Get("indexedDB").Call("deleteDatabase", "wasmlit:"+name)
	})
	for k, n := range map[string]int{"d:a:1": 10, "d:a:2": 20, "d:b:1": 5} {
		if err := s.Set(ctx, k, []byte(strings.Repeat("v", n))); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Get(ctx, "d:a:1"); err != nil {
		t.Fatal(err)
	}
	var _ entryLister = s
	tr := newTier(newMemoryStore(0), func(string, ...any) {}, nil)
	tr.setPersistent(s)
	es := tr.persistedEntries(ctx, "d:a:")
	if len(es) != 2 || es[0].key != "d:a:1" || es[0].size != 10 || es[1].key != "d:a:2" || es[1].size != 20 {
		t.Fatalf("entries(d:a:) = %+v, want d:a:1 (10 bytes, read last), then d:a:2 (20 bytes)", es)
	}
}
