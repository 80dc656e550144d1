// Rides loads 50 MB of Uber pickups once with cache.Data: reruns and reloads download nothing.
//
// This is the seed's first cache_data story (the Uber rides dataset):
//
//	@st.cache_data
//	def load_data(url):
//	    df = pd.read_csv(url)
//	    return df
//
//	df = load_data("https://github.com/plotly/datasets/raw/master/uber-rides-data1.csv")
//	st.dataframe(df)
//	st.button("Rerun")
//
// The CSVs are made by the build (gen.go runs cmd/ridesgen) and served beside the app, so nothing
// comes from the internet. Untick "Cache the loader" to see the seed's "before": every rerun
// downloads and parses the file again.
package main

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/examples/rides/ridescsv"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// files are the two sizes the seed offers: the full dataset, and a small one for slow lines.
var files = []string{"static/rides-5mb.csv", "static/rides-50mb.csv"}

var fileNames = map[string]string{
	"static/rides-5mb.csv":  "rides-5mb.csv (5 MB, 120 thousand rides)",
	"static/rides-50mb.csv": "rides-50mb.csv (50 MB, 1.2 million rides)",
}

// downloads counts the downloads of this page: the runs of readRides.
var downloads atomic.Int64

// readRides is the seed's load_data without the decorator: it downloads the CSV through the
// browser's fetch, with a progress bar, and parses it.
func readRides(st *wasm.Session, url string) (ridescsv.Rides, error) {
	downloads.Add(1)
	data, err := st.Download(url)
	if err != nil {
		return ridescsv.Rides{}, err
	}
	return ridescsv.Parse(data)
}

// loadRides is load_data with @st.cache_data: the first call for a URL runs readRides and stores
// the result, CBOR-encoded, in memory and in IndexedDB; every later call, in this run, the next
// one or after a reload, decodes a fresh copy instead of downloading.
//
// Prewarm1 marks the first view's call for the build: its record is computed when the app is built
// and shipped beside the page, so a first visit shows the table without downloading the CSV.
var loadRides = cache.Prewarm1(cache.Data1(readRides, cache.SpinnerText("Loading the rides…")), files[0])

func app(st *wasm.Session) {
	st.Title("Uber pickups in New York, April 2014")
	url := wasm.Selectbox(st, "File", files, wasm.Format(func(f string) string { return fileNames[f] }))
	cached := st.Checkbox("Cache the loader (cache.Data)", true)

	start := time.Now()
	load := readRides
	if cached {
		load = loadRides.Call
	}
	rides, err := load(st, url)
	if err != nil {
		st.Exception(err)
		return
	}
	took := time.Since(start)

	cols := st.Columns(3)
	cols[0].Metric("Rides", fmt.Sprint(rides.Len()))
	cols[1].Metric("Downloads", fmt.Sprint(downloads.Load()))
	cols[2].Metric("Load time", took.Round(time.Millisecond).String())
	st.Textf("rows = %d", rides.Len())
	st.Textf("downloads = %d", downloads.Load())
	st.DataFrame(rides.Frame()) // every row: the table is virtualised
	st.Button("Rerun")
}
