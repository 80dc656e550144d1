// Cachelab is the browser tests' caching fixture: one cached function whose runs the page counts,
// with a key, a delay and a size to choose.
package main

import (
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// tab tells apart the pages (tabs) sharing one IndexedDB.
var tab = fmt.Sprintf("tab-%06d", rand.IntN(1_000_000))

// runs counts the runs of compute in this page.
var runs atomic.Int64

// Result is what compute returns: data, so it persists in IndexedDB.
type Result struct {
	Key        string
	Value      string
	ComputedBy string
	Data       cache.Float64s
}

// compute is the cached function. Its body is what the B2 test edits: keep the marker line.
var compute = cache.Data3(func(st *wasm.Session, key string, size int, _delayMs int) (Result, error) {
	runs.Add(1)
	time.Sleep(time.Duration(_delayMs) * time.Millisecond)
	st.Caption("computed inside the cached function") // replayed on a hit (B13)
	// Random numbers: the browser compresses what it stores, and the quota test needs bytes that stay big.
	rng := rand.New(rand.NewPCG(uint64(size), 7))
	data := make(cache.Float64s, size)
	for i := range data {
		data[i] = rng.Float64()
	}
	value := "v1:" + key // B2 marker: the test edits this line
	return Result{Key: key, Value: value, ComputedBy: tab, Data: data}, nil
})

// helper is code compute does not call: the B2 test edits it and expects a hit.
func helper() string { return "unrelated v1" }

func app(st *wasm.Session) {
	st.Title("Cache lab")
	st.Caption("page = " + tab) // tabs.spec.ts tells the tabs apart by it
	key := st.TextInput("Key", "")
	size := wasm.NumberInput(st, "Size", 10, wasm.Min(0), wasm.Max(50_000_000), wasm.Step(1))
	delay := wasm.NumberInput(st, "Delay ms", 0, wasm.Min(0), wasm.Max(60_000), wasm.Step(100))
	st.Textf("runs = %d", runs.Load())
	st.Button("Rerun")
	if key == "" {
		st.Info("Type a key to compute its value.")
		return
	}
	r, err := compute.Call(st, key, size, delay)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Text("value = " + r.Value)
	st.Text("computed by = " + r.ComputedBy)
	st.Textf("rows = %d", len(r.Data))
	st.Text("this tab = " + tab)
	st.Textf("runs after = %d", runs.Load())
	st.Caption(helper())
}
