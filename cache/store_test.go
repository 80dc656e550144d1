package cache

import (
	"context"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/cache/storetest"
)

func TestMemoryStoreConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) driver.Store { return &memoryStore{} })
}

func TestFileStoreConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) driver.Store {
		s, err := NewFileStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestMemoryStoreBoundedLRU(t *testing.T) {
	ctx := context.Background()
	s := newMemoryStore(10)
	_ = s.Set(ctx, "a", make([]byte, 4))
	_ = s.Set(ctx, "b", make([]byte, 4))
	_, _, _ = s.Get(ctx, "a") // a is now more recent than b
	_ = s.Set(ctx, "c", make([]byte, 4))
	for k, want := range map[string]bool{"a": true, "b": false, "c": true} {
		if _, ok, _ := s.Get(ctx, k); ok != want {
			t.Fatalf("%s present=%v, want %v", k, ok, want)
		}
	}
	if n, b := s.Len(); n != 2 || b != 8 {
		t.Fatalf("Len = %d, %d", n, b)
	}
}
