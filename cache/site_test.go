package cache_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/funcid"
)

func line() int {
	_, _, l, _ := runtime.Caller(1)
	return l
}

func cube(_ cache.NoSession, n int) (int, error) { return n * n * n, nil }

// With the generated call-site table, a cached function is known by the name
// its wrapper is declared under and the site's source hash; the runtime name
// of the function it wraps enters no key (B25).
func TestIdentityByCallSite_B25(t *testing.T) {
	const pkg = "github.com/wasmlit/wasmlit/cache_test" // the runtime's package prefix of this file
	at := line() + 5                                    // the line of cache.Data1 below
	funcid.RegisterSites(pkg,
		funcid.Site{File: "github.com/wasmlit/wasmlit/cache/site_test.go", Line: at, Name: pkg + ".loadCube",
			Display: "cube", Hash: "000102030405060708090a0b0c0d0e0f", Params: []string{"_", "n"}})
	e := cache.NewEngine(cache.Config{})
	f := cache.Data1(cube, cache.WithEngine(e))
	if v, err := f.Call(cache.NoSession{}, 2); err != nil || v != 8 {
		t.Fatalf("cube(2) = %d, %v", v, err)
	}
	s := f.Stats()
	if s.Name != pkg+".loadCube" || s.Display != "cube" {
		t.Errorf("stats name %q display %q, want the declared name from the table", s.Name, s.Display)
	}
	if !strings.HasPrefix(s.ID, pkg+".loadCube@") {
		t.Errorf("id %q", s.ID)
	}
}

// A table generated from older source (the call moved, another wrapper is on
// its line now) is noticed: the site's function does not match, and the
// wrapper falls back to an identity of its own instead of borrowing the
// other's (B25).
func TestStaleSiteIsNotBorrowed_B25(t *testing.T) {
	const pkg = "github.com/wasmlit/wasmlit/cache_test"
	at := line() + 7 // the lines of the two cache.Data1 below
	funcid.RegisterSites(pkg,
		funcid.Site{File: "github.com/wasmlit/wasmlit/cache/site_test.go", Line: at, Name: pkg + ".other",
			Hash: "000102030405060708090a0b0c0d0e0f", Func: pkg + ".square"},
		funcid.Site{File: "github.com/wasmlit/wasmlit/cache/site_test.go", Line: at + 1, Name: pkg + ".otherLit",
			Hash: "000102030405060708090a0b0c0d0e0f", FuncLine: at - 20, FuncEndLine: at - 19})
	e := cache.NewEngine(cache.Config{})
	f := cache.Data1(cube, cache.WithEngine(e))
	g := cache.Data1(func(_ cache.NoSession, n int) (int, error) { return n, nil }, cache.WithEngine(e))
	for _, s := range []cache.FuncStats{f.Stats(), g.Stats()} {
		if strings.HasPrefix(s.Name, pkg+".other") {
			t.Errorf("%s took the identity of a stale site", s.Name)
		}
	}
}
