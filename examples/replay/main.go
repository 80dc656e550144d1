// Replay draws elements and widgets inside cached functions, and shows them drawn again in place when the function does not run.
//
// It is the seed's "Static elements" and "Input widgets" sections: elements a cached function
// draws are recorded on a miss and replayed on a hit (B13), a whole section of UI can be cached
// that way, and widgets may be drawn inside with cache.AllowWidgets, their values becoming part of
// the key (B14).
package main

import (
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

func app(st *wasm.Session) {
	st.Title("Replay")
	st.Caption("Cached functions that draw. Each section shows how many times its function ran in " +
		"this page: when the count stays put, what you see was replayed from the cache.")
	city := wasm.Selectbox(st, "City", []string{"Tokyo", "Lisbon", "Nairobi"})
	st.Button("Rerun")

	staticElements(st, city)
	cachedSection(st, city)
	cachedWidgets(st)
	refusedWidgets(st) // last: the error it shows stops the run
}

// Weather is what the "API" returns: data, stored as CBOR with the recorded elements.
type Weather struct {
	City  string
	Temps []float64 // hourly temperatures, °C
}

// fetchWeather stands in for the seed's api.get(...): deterministic, and slow enough to see.
func fetchWeather(city string) Weather {
	time.Sleep(200 * time.Millisecond)
	base := map[string]float64{"Tokyo": 14, "Lisbon": 18, "Nairobi": 22}[city]
	temps := make([]float64, 24)
	for h := range temps {
		temps[h] = math.Round((base+6*math.Sin(float64(h-9)*math.Pi/12))*10) / 10
	}
	return Weather{City: city, Temps: temps}
}

// ---- 1. Static elements (B13) ------------------------------------------------------------------

var getAPIDataRuns atomic.Int64

// getAPIData is the seed's get_api_data: the success message is drawn on the first run, recorded,
// and replayed in place on every later call with the same city.
var getAPIData = cache.Data1(func(st *wasm.Session, city string) (Weather, error) {
	getAPIDataRuns.Add(1)
	data := fetchWeather(city)
	st.Success("Fetched data from the API!") // 👈 Show a success message
	return data, nil
})

func staticElements(st *wasm.Session, city string) {
	st.Header("1. Static elements", wasm.WithDivider())
	data, err := getAPIData.Call(st, city)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("%s: %d hourly readings", data.City, len(data.Temps))
	st.Textf("getAPIData runs = %d", getAPIDataRuns.Load())
}

// ---- 2. A whole cached UI section (B13) --------------------------------------------------------

var showDataRuns atomic.Int64

// showData is the seed's show_data: a header, a message, columns with metrics, a chart and a
// table, all drawn by the cached function and replayed as a whole on a hit.
var showData = cache.Data1(func(st *wasm.Session, city string) (struct{}, error) {
	showDataRuns.Add(1)
	st.Subheader("Data analysis: " + city)
	data := fetchWeather(city)
	st.Success("Fetched data from the API!")
	lo, hi := data.Temps[0], data.Temps[0]
	for _, t := range data.Temps {
		lo, hi = math.Min(lo, t), math.Max(hi, t)
	}
	cols := st.Columns(2)
	cols[0].Metric("Low", fmt.Sprintf("%.1f °C", lo))
	cols[1].Metric("High", fmt.Sprintf("%.1f °C", hi), wasm.Delta(fmt.Sprintf("%.1f °C", hi-lo)))
	st.Write("Below is a plot of the data:")
	st.LineChart([]wasm.Series{{Name: "°C", Values: data.Temps}}, wasm.ChartHeight(200))
	st.Write("Here is the raw data:")
	hours := make([]int, len(data.Temps))
	for h := range hours {
		hours[h] = h
	}
	frame, err := wasm.NewFrame(wasm.Ints("hour", hours), wasm.Floats("°C", data.Temps))
	if err != nil {
		return struct{}{}, err
	}
	st.DataFrame(frame)
	return struct{}{}, nil
})

func cachedSection(st *wasm.Session, city string) {
	st.Header("2. A cached section of UI", wasm.WithDivider())
	if _, err := showData.Call(st, city); err != nil {
		st.Exception(err)
	}
	st.Textf("showData runs = %d", showDataRuns.Load())
}

// ---- 3. Widgets inside a cached function (B14) -------------------------------------------------

var getDataRuns atomic.Int64

// getData is the seed's get_data with experimental_allow_widgets=True: the slider's value is
// part of the key, so it runs once per number of rows, and a hit replays the slider live.
var getData = cache.Data0(func(st *wasm.Session) ([]float64, error) {
	getDataRuns.Add(1)
	numRows := wasm.Slider(st, "Rows to fetch", 1, 24, 6) // 👈 Add a slider
	return fetchWeather("Tokyo").Temps[:numRows], nil
}, cache.AllowWidgets(), cache.MaxEntries(24)) // 👈 Set the option (and bound the memory)

func cachedWidgets(st *wasm.Session) {
	st.Header("3. Widgets inside a cached function", wasm.WithDivider())
	// The seed's warning, as the page shows it.
	st.Warning("Using widgets in cached functions is extremely powerful, but be careful! The cache " +
		"treats the widget values as additional input parameters, so the memory usage can explode: " +
		"with five sliders in a cached function that returns 100 MB, every combination of slider " +
		"values adds 100 MB to the cache, even if the sliders do not change the result. Use it only " +
		"for small parts of the UI whose widgets directly change the cached value. Support for " +
		"widgets in cached functions is experimental.")
	rows, err := getData.Call(st)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("fetched %d rows", len(rows))
	st.Textf("getData runs = %d", getDataRuns.Load())
}

// ---- 4. The same without the opt-in ------------------------------------------------------------

// getDataRefused draws a widget without cache.AllowWidgets: the cache refuses it with a
// CachedWidgetError, since its value would not be part of the key, and caches nothing.
var getDataRefused = cache.Data0(func(st *wasm.Session) ([]float64, error) {
	numRows := wasm.Slider(st, "Rows (not allowed)", 1, 24, 6)
	return fetchWeather("Tokyo").Temps[:numRows], nil
})

func refusedWidgets(st *wasm.Session) {
	st.Header("4. Without cache.AllowWidgets", wasm.WithDivider())
	if !st.Checkbox("Call a cached function that draws a widget, without the opt-in", false) {
		return
	}
	// The refusal is a panic inside the function: the page shows it as a CachedWidgetError
	// exception where the call is, and the run stops there.
	rows, err := getDataRefused.Call(st)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("fetched %d rows", len(rows))
}
