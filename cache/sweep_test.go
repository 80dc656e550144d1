package cache

import (
	"context"
	"encoding/hex"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/cache/funcid"
)

// Records of cached functions that no longer exist, or whose source changed,
// are dropped when the engine opens its persistent store, once the program's
// complete list of call sites is registered; records of packages the list
// does not cover, and anything that is not a data record, stay (B25).
func TestOrphanRecordsAreDroppedWhenTheStoreOpens_B25(t *testing.T) {
	now, old := [16]byte{1}, [16]byte{2}
	prog := funcid.Program{
		Packages: map[string]bool{"main": true, "example.com/app/sub": true},
		Sites:    map[string][16]byte{"main.loadData": now, "example.com/app/sub.load": now},
	}
	v := func(h [16]byte) string { return hex.EncodeToString(h[:]) }
	keys := map[string]bool{ // key -> kept
		"d:main.loadData@0123456789abcdef#" + v(now) + ":aa":              true,
		"d:main.loadData@fedcba9876543210#" + v(now) + ":aa/m":            true, // a widget manifest
		"d:example.com/app/sub.load@0123456789abcdef#" + v(now) + ":bb":   true,
		"d:main.loadData@0123456789abcdef#" + v(old) + ":aa":              false, // its source changed
		"d:main.removed@0123456789abcdef#" + v(now) + ":aa":               false, // no longer declared
		"d:main.init.func1@main.go:12@0123456789abcdef#" + v(old) + ":cc": false, // a fallback
		"d:main.init.func1#" + v(old) + ":cc":                             false, // the layout before B25
		"d:example.com/lib.load@0123456789abcdef#" + v(old) + ":dd":       true,  // a package not listed
		"r:main.loadData@0123456789abcdef#" + v(old) + ":aa":              true,  // not a data record
		"unrelated": true,
	}
	stores := map[string]func(t *testing.T) driver.Store{
		"memory": func(*testing.T) driver.Store { return &memoryStore{} },
		"file": func(t *testing.T) driver.Store {
			s, err := NewFileStore(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
	for name, newStore := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			for k := range keys {
				if err := s.Set(ctx, k, []byte("x")); err != nil {
					t.Fatal(err)
				}
			}
			// Without the program's list nothing is dropped: other packages may not have
			// registered their functions yet.
			programSites = func() (funcid.Program, bool) { return funcid.Program{}, false }
			t.Cleanup(func() { programSites = funcid.ProgramSites })
			_ = NewEngine(Config{Store: s})
			for k := range keys {
				if _, ok, _ := s.Get(ctx, k); !ok {
					t.Fatalf("%s dropped without a program list", k)
				}
			}
			programSites = func() (funcid.Program, bool) { return prog, true }
			_ = NewEngine(Config{Store: s})
			for k, kept := range keys {
				if _, ok, _ := s.Get(ctx, k); ok != kept {
					t.Errorf("%s: kept = %v, want %v", k, ok, kept)
				}
			}
		})
	}
}
