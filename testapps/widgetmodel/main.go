// Widgetmodel is the fixture of playwright/widgets.spec.ts (SPEC A2, A12, A11): dependent
// dropdowns (a city list that depends on the country) and a slider and a number input linked
// through callbacks and session state.
package main

import "github.com/wasmlit/wasmlit/wasm"

func main() { wasm.Run(app) }

var cities = map[string][]string{
	"FR": {"Paris", "Lyon", "Nice"},
	"US": {"NYC", "LA", "SF"},
}

// The linked pair: each widget's value is in session state under its key.
var (
	slider = wasm.NewState("slider", 0)
	number = wasm.NewState("number", 0)
)

func app(st *wasm.Session) {
	st.Title("Widget model")

	st.Header("Dependent dropdowns")
	country := wasm.Selectbox(st, "Country", []string{"FR", "US"})
	city := wasm.Selectbox(st, "City", cities[country])
	st.Textf("chosen = %s %s", country, city)

	st.Header("Linked widgets")
	a := wasm.Slider(st, "Percent", 0, 100, 0, slider.Key(),
		wasm.OnChange(func(st *wasm.Session) { number.Set(st, slider.Get(st)) }))
	b := wasm.NumberInput(st, "Percent as a number", 0, wasm.Min(0), wasm.Max(100), number.Key(),
		wasm.OnChange(func(st *wasm.Session) { slider.Set(st, number.Get(st)) }))
	st.Textf("linked = %d %d", a, b)
}
