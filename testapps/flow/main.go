// Flow is the browser fixture of empty values and control flow (SPEC A13, A14): widgets that start
// empty and can be cleared, st.Stop, and query params written into the page's URL.
package main

import (
	"fmt"

	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

func app(st *wasm.Session) {
	st.Title("Flow")

	// A13: empty values.
	age := wasm.NumberInputOpt[int](st, "Age", nil, wasm.Placeholder("Type your age"), wasm.Min(0), wasm.Max(130))
	if age == nil {
		st.Text("age = none")
	} else {
		st.Textf("age = %d", *age)
	}
	city := wasm.SelectboxOpt(st, "City", []string{"Paris", "Lyon", "Nice"}, wasm.Placeholder("No city"))
	st.Text("city = " + orNone(city))
	due := st.DateInputOpt("Due", nil)
	if due == nil {
		st.Text("due = none")
	} else {
		st.Text("due = " + due.String())
	}

	// A14: query params, read back in the same run.
	if st.Button("Set query") {
		st.SetQueryParam("city", "Lyon")
		st.SetQueryParam("tag", "a b", "c&d")
	}
	if st.Button("Delete tag") {
		st.DeleteQueryParam("tag")
	}
	if st.Button("Clear query") {
		st.ClearQueryParams()
	}
	st.Text("query = " + st.QueryParams().Encode())

	// A14: Stop from a nested function, with no exception.
	st.Text("before stop")
	if st.Checkbox("Stop here", false) {
		guard(st)
	}
	st.Text("after stop")
}

// guard ends the run from a nested call.
func guard(st *wasm.Session) {
	st.Warning("Stopped")
	func() { st.Stop() }()
	st.Text("unreachable")
}

func orNone(p *string) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}
