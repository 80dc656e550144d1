// Faults is the storage-fault tests' fixture (SPEC C6): a cached function whose runs the page
// counts, a note the user types (no fault may lose it), the memory tier's bound and usage, and a
// cached function that allocates more than wasm32 can hold.
package main

import (
	"math/rand/v2"
	"sync/atomic"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// runs counts the runs of compute in this page.
var runs atomic.Int64

// Result is what compute returns: data, so it persists in IndexedDB.
type Result struct {
	Key  string
	Sum  float64 // the sum of Data when it was computed: a torn value would not match it
	Data cache.Float64s
}

// compute is the cached function: size random float64s (random, so the browser cannot compress
// them below the quota), seeded by the size, so every page computes the same data.
var compute = cache.Data2(func(st *wasm.Session, key string, size int) (Result, error) {
	runs.Add(1)
	rng := rand.New(rand.NewPCG(uint64(size), 7))
	data := make(cache.Float64s, size)
	sum := 0.0
	for i := range data {
		data[i] = rng.Float64()
		sum += data[i]
	}
	return Result{Key: key, Sum: sum, Data: data}, nil
}, cache.ShowSpinner(false))

// hog allocates mb MiB in 64 MiB pieces and keeps them all until it returns. The pieces are not
// written to: Go's heap still grows by their size, and wasm32 stops it at 4 GiB.
var hog = cache.Data1(func(st *wasm.Session, mb int) (int, error) {
	var pieces [][]byte
	for n := 0; n < mb; n += 64 {
		p := make([]byte, 64<<20)
		p[0] = 1
		pieces = append(pieces, p)
	}
	return len(pieces) * 64, nil
})

func app(st *wasm.Session) {
	st.Title("Storage faults")
	note := st.TextInput("Note", "")
	key := st.TextInput("Key", "")
	size := wasm.NumberInput(st, "Size", 10, wasm.Min(0), wasm.Max(20_000_000), wasm.Step(1))
	bound := wasm.NumberInput(st, "Memory bound", 0, wasm.Min(0), wasm.Step(1))
	alloc := wasm.NumberInput(st, "Allocate MiB", 0, wasm.Min(0), wasm.Step(64))
	st.Button("Rerun")
	if bound > 0 {
		cache.Default().SetMemoryBytes(int64(bound))
	}
	st.Text("note = " + note)
	if alloc > 0 {
		n, err := hog.Call(st, int(alloc))
		if err != nil {
			st.Exception(err)
		} else {
			st.Textf("allocated = %d MiB", n)
		}
	}
	if key != "" {
		r, err := compute.Call(st, key, int(size))
		if err != nil {
			st.Exception(err)
		} else {
			sum := 0.0
			for _, x := range r.Data {
				sum += x
			}
			st.Text("value = " + r.Key)
			st.Textf("rows = %d", len(r.Data))
			st.Textf("intact = %t", sum == r.Sum && len(r.Data) == int(size))
		}
	}
	entries, bytes := cache.Default().MemoryUsage()
	st.Textf("memory = %d entries, %d bytes", entries, bytes)
	st.Textf("runs = %d", runs.Load())
}
