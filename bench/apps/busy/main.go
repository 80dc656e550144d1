// Busy is a benchmark app for worker mode (SPEC C9): each click on Compute calls a cached function
// that computes for two seconds without yielding, and Step reruns a page of 1,000 elements. The
// bench opens it with #wl-mode=page and #wl-mode=worker and measures the page's longest task
// during the computation and the rerun latency of Step.
package main

import (
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

var (
	step    = wasm.NewState("step", 0)
	compute = wasm.NewState("compute", 0)
)

// busy computes for two seconds of wall time; run tells the computations apart (each is a miss).
var busy = cache.Data1(func(st *wasm.Session, run int) (int, error) {
	n := 0
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); n++ {
	}
	return n, nil
})

func app(st *wasm.Session) {
	st.Button("Compute", wasm.OnClick(func() { compute.Update(st, func(v int) int { return v + 1 }) }))
	st.Button("Step", wasm.OnClick(func() { step.Update(st, func(v int) int { return v + 1 }) }))
	if c := compute.Get(st); c > 0 {
		n, err := busy.Call(st, c)
		if err != nil {
			st.Exception(err)
		}
		st.Textf("computed = %v", n > 0)
	}
	s := step.Get(st)
	for i := range 1000 {
		if i == 500 {
			st.Textf("element %d at step %d", i, s)
		} else {
			st.Textf("element %d", i)
		}
	}
}
