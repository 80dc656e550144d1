//go:build js && wasm

package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"syscall/js"
	"testing"
)

// The IndexedDB read verifies a record's checksum as its parts arrive: a sound record is
// verified, a damaged one or bytes that are no record are not (and decodeRecord then rejects
// them), and a value too large for memory is an ErrTooLarge error before anything is allocated
// (C6). playwright/idb.spec.ts runs it in Chromium; under Node it skips.
func TestIDBStoreCheckedRead_C6(t *testing.T) {
	h := js.Global().Get("wasmlitHost")
	if h.Type() != js.TypeObject || h.Get("idb").Type() != js.TypeObject {
		t.Skip("needs a browser page with wasmlitHost.idb: playwright/idb.spec.ts runs this test")
	}
	ctx := context.Background()
	name := "test-checked-read"
	s, err := OpenIDB(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.Close()
		js.Global().Get("indexedDB").Call("deleteDatabase", "wasmlit:"+name)
	})
	s.chunk = 1000 // many parts, cut by Go, read part by part

	value := make([]byte, 5555)
	for i := range value {
		value[i] = byte(i * 31)
	}
	rec := (&record{Name: "main.f", Value: value}).encode()
	bad := append([]byte(nil), rec...)
	bad[3000] ^= 1
	for _, tc := range []struct {
		name     string
		val      []byte
		verified bool
	}{
		{"sound record", rec, true},
		{"damaged record", bad, false},
		{"not a record", []byte("abc"), false},
		{"empty", []byte{}, false},
	} {
		key := "k-" + tc.name
		if err := s.Set(ctx, key, tc.val); err != nil {
			t.Fatalf("%s: Set: %v", tc.name, err)
		}
		b, verified, ok, err := s.getChecked(ctx, key)
		if err != nil || !ok || !bytes.Equal(b, tc.val) {
			t.Fatalf("%s: getChecked: ok=%v err=%v equal=%v", tc.name, ok, err, bytes.Equal(b, tc.val))
		}
		if verified != tc.verified {
			t.Fatalf("%s: verified=%v, want %v", tc.name, verified, tc.verified)
		}
		if g, ok, err := s.Get(ctx, key); err != nil || !ok || !bytes.Equal(g, tc.val) {
			t.Fatalf("%s: Get: ok=%v err=%v", tc.name, ok, err)
		}
	}
	if _, err := decodeRecord(bad, true); err == nil {
		t.Fatal("the damaged record decodes")
	}

	big := make([]byte, 20<<20)
	s.chunk = 8 << 20
	if err := s.Set(ctx, "big", big); err != nil {
		t.Fatal(err)
	}
	defer func(l int64) { heapLimit = l }(heapLimit)
	heapLimit = heapInUse() + heapMargin + 1<<20
	_, _, ok, err := s.getChecked(ctx, "big")
	if ok || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a value over the memory left: ok=%v err=%v, want ErrTooLarge", ok, err)
	}
	fmt.Println(err)
}
