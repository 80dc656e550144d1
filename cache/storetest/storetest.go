// Package storetest is the conformance suite that every driver.Store
// implementation runs (like log/slog's slogtest).
package storetest

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// Run checks the driver.Store contract on stores made by newStore, one fresh
// store per subtest: a miss is (nil, false, nil); Set then Get returns the
// bytes; Set replaces; Delete removes (and is idempotent); Clear removes the
// keys with a prefix and only those; empty values, long and unusual keys,
// and concurrent use work.
func Run(t *testing.T, newStore func(t *testing.T) driver.Store) {
	ctx := context.Background()
	get := func(t *testing.T, s driver.Store, key string) ([]byte, bool) {
		t.Helper()
		b, ok, err := s.Get(ctx, key)
		if err != nil {
			t.Fatalf("Get(%q): %v", key, err)
		}
		return b, ok
	}
	set := func(t *testing.T, s driver.Store, key string, val []byte) {
		t.Helper()
		if err := s.Set(ctx, key, val); err != nil {
			t.Fatalf("Set(%q): %v", key, err)
		}
	}
	t.Run("Miss", func(t *testing.T) {
		if b, ok := get(t, newStore(t), "nope"); ok || b != nil {
			t.Fatalf("miss = %q, %v", b, ok)
		}
	})
	t.Run("SetGetReplace", func(t *testing.T) {
		s := newStore(t)
		set(t, s, "d:k", []byte("one"))
		if b, ok := get(t, s, "d:k"); !ok || string(b) != "one" {
			t.Fatalf("got %q, %v", b, ok)
		}
		set(t, s, "d:k", []byte("two"))
		if b, _ := get(t, s, "d:k"); string(b) != "two" {
			t.Fatalf("after replace: %q", b)
		}
	})
	t.Run("EmptyValueAndOddKeys", func(t *testing.T) {
		s := newStore(t)
		keys := []string{"", "a/b\\c:d#e", "ключ", string(bytes.Repeat([]byte("k"), 1000))}
		for i, k := range keys {
			set(t, s, k, []byte{byte(i)})
		}
		set(t, s, "empty", []byte{})
		for i, k := range keys {
			if b, ok := get(t, s, k); !ok || !bytes.Equal(b, []byte{byte(i)}) {
				t.Fatalf("key %q: %v %v", k, b, ok)
			}
		}
		if b, ok := get(t, s, "empty"); !ok || len(b) != 0 {
			t.Fatalf("empty value: %q %v", b, ok)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		s := newStore(t)
		set(t, s, "k", []byte("v"))
		for range 2 {
			if err := s.Delete(ctx, "k"); err != nil {
				t.Fatal(err)
			}
		}
		if _, ok := get(t, s, "k"); ok {
			t.Fatal("deleted key still there")
		}
	})
	t.Run("ClearPrefix", func(t *testing.T) {
		s := newStore(t)
		for _, k := range []string{"d:f#1", "d:f#2", "d:g#1", "r:f#1"} {
			set(t, s, k, []byte(k))
		}
		if err := s.Clear(ctx, "d:f#"); err != nil {
			t.Fatal(err)
		}
		for k, want := range map[string]bool{"d:f#1": false, "d:f#2": false, "d:g#1": true, "r:f#1": true} {
			if _, ok := get(t, s, k); ok != want {
				t.Fatalf("after Clear(d:f#): %q present=%v", k, ok)
			}
		}
		if err := s.Clear(ctx, ""); err != nil {
			t.Fatal(err)
		}
		if _, ok := get(t, s, "r:f#1"); ok {
			t.Fatal(`Clear("") left a key`)
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		s := newStore(t)
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 20 {
					k := fmt.Sprintf("k%d", i%5)
					v := []byte(fmt.Sprintf("v%d-%d", g, i))
					if err := s.Set(ctx, k, v); err != nil {
						t.Error(err)
						return
					}
					if _, _, err := s.Get(ctx, k); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	})
}
