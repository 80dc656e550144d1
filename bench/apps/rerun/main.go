// Rerun is a benchmark app: a page of many text elements where one, or all, change on each step.
package main

import (
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

var step = wasm.NewState("step", 0)

func app(st *wasm.Session) {
	n := wasm.Selectbox(st, "Elements", []int{100, 1000, 10000}, wasm.Index(1))
	all := wasm.Radio(st, "Change", []string{"one", "all"}) == "all"
	st.Button("Step", wasm.OnClick(func() { step.Update(st, func(v int) int { return v + 1 }) }))
	s := step.Get(st)
	for i := range n {
		if all || i == n/2 {
			st.Textf("element %d at step %d", i, s)
		} else {
			st.Textf("element %d", i)
		}
	}
}
