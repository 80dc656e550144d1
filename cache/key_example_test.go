package cache_test

import (
	"fmt"

	"github.com/wasmlit/wasmlit/cache"
)

var keyEngine = cache.NewEngine(cache.Config{})

// loader makes one cached function per prefix: the literal captures prefix,
// so the wrapper names it with cache.Key.
func loader(prefix string) *cache.DataFunc1[cache.NoSession, string, string] {
	return cache.Data1(func(_ cache.NoSession, name string) (string, error) {
		return prefix + name, nil
	}, cache.Key(prefix), cache.WithEngine(keyEngine))
}

func ExampleKey() {
	a, b := loader("a/"), loader("b/")
	va, _ := a.Call(cache.NoSession{}, "x")
	vb, _ := b.Call(cache.NoSession{}, "x")
	fmt.Println(va, vb)
	// Output: a/x b/x
}
