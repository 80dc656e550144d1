// Transforms caches DataFrame-style filters, a group-by and array math with cache.Data, one entry per parameter value.
//
// The seed's cache_data examples for transforms and computations:
//
//	@st.cache_data
//	def transform(df):
//	    df = df.filter(items=['one', 'three'])
//	    df = df.apply(np.sum, axis=0)
//	    return df
//
//	@st.cache_data
//	def add(arr1, arr2):
//	    return arr1 + arr2
//
// Each function below counts its runs; change a widget and back again, and the second visit is a
// hit (the count stays). snapToGrid rounds its input in place, and the cached input stays intact.
package main

import (
	"fmt"
	"math"
	"sync/atomic"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/examples/rides/ridescsv"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// runs counts the runs of each cached function in this page.
var runs struct{ load, filter, perHour, snap, add atomic.Int64 }

// loadRides downloads and parses the rides, once per URL (see examples/rides).
var loadRides = cache.Data1(func(st *wasm.Session, url string) (ridescsv.Rides, error) {
	runs.load.Add(1)
	data, err := st.Download(url)
	if err != nil {
		return ridescsv.Rides{}, err
	}
	return ridescsv.Parse(data)
})

// filterRides keeps the rides of one base ("" for all) in one hour of the day (-1 for all): the
// seed's df.filter.
var filterRides = cache.Data3(func(st *wasm.Session, r ridescsv.Rides, base string, hour int) (ridescsv.Rides, error) {
	runs.filter.Add(1)
	out := ridescsv.Rides{Bases: r.Bases}
	for i := range r.Len() {
		if (base == "" || r.Bases[r.Base[i]] == base) && (hour < 0 || r.Hour(i) == hour) {
			out.Time = append(out.Time, r.Time[i])
			out.Lat = append(out.Lat, r.Lat[i])
			out.Lon = append(out.Lon, r.Lon[i])
			out.Base = append(out.Base, r.Base[i])
		}
	}
	return out, nil
})

// perHour counts the rides in each hour of the day: a group-by, for the bar chart.
var perHour = cache.Data1(func(st *wasm.Session, r ridescsv.Rides) (cache.Float64s, error) {
	runs.perHour.Add(1)
	counts := make(cache.Float64s, 24)
	for i := range r.Len() {
		counts[r.Hour(i)]++
	}
	return counts, nil
})

// snapToGrid rounds every pickup to a grid of the given step in degrees: the seed's df.apply,
// written the way pandas' inplace=True works. It overwrites its input's columns and returns them.
// That is safe here: the input is this caller's own copy, and the cache keeps its own bytes.
var snapToGrid = cache.Data2(func(st *wasm.Session, r ridescsv.Rides, step float64) (ridescsv.Rides, error) {
	runs.snap.Add(1)
	for i := range r.Len() {
		r.Lat[i] = math.Round(r.Lat[i]/step) * step
		r.Lon[i] = math.Round(r.Lon[i]/step) * step
	}
	return r, nil
})

// add is the seed's array math: the element-wise sum of two arrays.
var add = cache.Data2(func(st *wasm.Session, a, b cache.Float64s) (cache.Float64s, error) {
	runs.add.Add(1)
	if len(a) != len(b) {
		return nil, fmt.Errorf("add: arrays of %d and %d elements", len(a), len(b))
	}
	sum := make(cache.Float64s, len(a))
	for i := range a {
		sum[i] = a[i] + b[i]
	}
	return sum, nil
})

const url = "static/rides-5mb.csv"

func app(st *wasm.Session) {
	st.Title("Cached transforms")
	rides, err := loadRides.Call(st, url)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("rides = %d", rides.Len())

	st.Header("Filter and group", wasm.WithDivider())
	base := wasm.Selectbox(st, "Base", append([]string{"all bases"}, rides.Bases...))
	if base == "all bases" {
		base = ""
	}
	hour := wasm.NumberInput(st, "Hour of the day (-1 for all)", -1, wasm.Min(-1), wasm.Max(23), wasm.Step(1))
	ofBase, err := filterRides.Call(st, rides, base, -1)
	if err != nil {
		st.Exception(err)
		return
	}
	counts, err := perHour.Call(st, ofBase)
	if err != nil {
		st.Exception(err)
		return
	}
	hours := make([]float64, 24)
	for h := range hours {
		hours[h] = float64(h)
	}
	st.BarChart([]wasm.Series{{Name: "rides per hour", Values: counts}}, wasm.X("hour", hours))
	picked, err := filterRides.Call(st, rides, base, hour)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("filtered rows = %d", picked.Len())
	st.DataFrame(picked.Frame())

	st.Header("Apply in place", wasm.WithDivider())
	if picked.Len() == 0 {
		st.Info("No rides match: pick another base or hour.")
		return
	}
	step := wasm.Selectbox(st, "Grid step (degrees)", []float64{0.01, 0.001})
	before := picked.Lat[0]
	snapped, err := snapToGrid.Call(st, picked, step)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("snapped first Lat = %g", snapped.Lat[0])
	st.Textf("first Lat before snapping = %g", before)
	// Ask the cache for the same filtered rides again: whatever snapToGrid did to its input, the
	// cached value is untouched (B3).
	again, _ := filterRides.Call(st, rides, base, hour)
	st.Textf("first Lat from the cache after snapping = %g", again.Lat[0])

	st.Header("Array math", wasm.WithDivider())
	n := wasm.Selectbox(st, "Array length", []int{1_000, 1_000_000})
	shift := wasm.NumberInput(st, "Shift", 1.0, wasm.Step(1))
	a := make(cache.Float64s, n)
	b := make(cache.Float64s, n)
	for i := range a {
		a[i], b[i] = float64(i), shift
	}
	sum, err := add.Call(st, a, b)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("sum[0] = %g, sum[last] = %g", sum[0], sum[len(sum)-1])

	st.Subheader("Runs of each cached function in this page")
	st.Textf("runs: load = %d, filter = %d, perHour = %d, snap = %d, add = %d",
		runs.load.Load(), runs.filter.Load(), runs.perHour.Load(), runs.snap.Load(), runs.add.Load())
	st.Button("Rerun")
}
