package cache_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/wasmlit/wasmlit/cache"
)

type model struct{ weight float64 }

// Predict is a method a cached method expression wraps: the receiver is
// hashed like an argument, so two models never share a result.
func (m model) Predict(_ cache.NoSession, x float64) (float64, error) { return m.weight * x, nil }

func ExampleDataMethod1() {
	e := cache.NewEngine(cache.Config{})
	predict := cache.DataMethod1(model.Predict, cache.WithEngine(e))
	a, _ := predict.Call(model{weight: 2}, cache.NoSession{}, 10)
	b, _ := predict.Call(model{weight: 3}, cache.NoSession{}, 10)
	fmt.Println(a, b)
	// Output: 20 30
}

func ExampleExclude() {
	e := cache.NewEngine(cache.Config{})
	runs := 0
	// Parameter 2 (verbose) does not change the result: leave it out of the key.
	count := cache.Data2(func(_ cache.NoSession, text string, verbose bool) (int, error) {
		runs++
		return len(strings.Fields(text)), nil
	}, cache.Exclude(2), cache.WithEngine(e))
	n1, _ := count.Call(cache.NoSession{}, "a b c", false)
	n2, _ := count.Call(cache.NoSession{}, "a b c", true)
	fmt.Println(n1, n2, "runs:", runs)
	// Output: 3 3 runs: 1
}

func ExampleMaxEntries() {
	e := cache.NewEngine(cache.Config{})
	double := cache.Data1(func(_ cache.NoSession, n int) (int, error) {
		return 2 * n, nil
	}, cache.MaxEntries(2), cache.WithEngine(e))
	for n := range 5 {
		_, _ = double.Call(cache.NoSession{}, n)
	}
	fmt.Println("entries:", double.Stats().Entries)
	// Output: entries: 2
}

func ExampleDataFunc1_ClearArgs() {
	e := cache.NewEngine(cache.Config{})
	runs := 0
	load := cache.Data1(func(_ cache.NoSession, name string) (string, error) {
		runs++
		return "contents of " + name, nil
	}, cache.WithEngine(e))
	_, _ = load.Call(cache.NoSession{}, "a.csv")
	_, _ = load.Call(cache.NoSession{}, "b.csv")
	_ = load.ClearArgs("a.csv") // only a.csv's entry goes
	_, _ = load.Call(cache.NoSession{}, "a.csv")
	_, _ = load.Call(cache.NoSession{}, "b.csv")
	fmt.Println("runs:", runs)
	// Output: runs: 3
}

func ExampleNewFileStore() {
	dir, err := os.MkdirTemp("", "wasmlit-cache")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	// Two engines on one directory stand for two runs of a program: the
	// second finds what the first stored, and does not compute.
	runs := 0
	for range 2 {
		store, err := cache.NewFileStore(dir)
		if err != nil {
			fmt.Println(err)
			return
		}
		e := cache.NewEngine(cache.Config{Store: store})
		sum := cache.Data1(func(_ cache.NoSession, xs []int) (int, error) {
			runs++
			t := 0
			for _, x := range xs {
				t += x
			}
			return t, nil
		}, cache.WithEngine(e))
		v, _ := sum.Call(cache.NoSession{}, []int{1, 2, 3})
		e.Flush() // wait for the background write
		fmt.Println(v)
	}
	fmt.Println("runs:", runs)
	// Output:
	// 6
	// 6
	// runs: 1
}

func ExamplePanicError() {
	e := cache.NewEngine(cache.Config{})
	explode := cache.Data0(func(cache.NoSession) (int, error) {
		panic("boom")
	}, cache.WithEngine(e))
	defer func() {
		// Every caller, the computing one and those that waited, panics
		// with a *cache.PanicError; nothing is cached.
		pe := recover().(*cache.PanicError)
		fmt.Println("panicked:", pe.Value)
	}()
	_, _ = explode.Call(cache.NoSession{})
	// Output: panicked: boom
}
