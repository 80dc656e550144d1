// Large measures, in your browser, what cache_data and cache_resource cost on a table of millions of rows.
//
// The seed's "large data" section: cache_data serialises the value on a miss and deserialises a
// fresh copy on every hit, which costs time on very large tables; cache_resource keeps the one
// instance and hands it out as is, so its hits cost nothing, but the caller must not mutate it.
// The seed measured pandas DataFrames of 4 columns; this is the same table in Go: 4 float64
// columns stored as typed arrays (cache.Float64s), so encoding and decoding run near memory
// speed (B19).
package main

import (
	"fmt"
	"math/rand/v2"
	"time"
	"unsafe"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// Table is the seed's 4-column DataFrame: numeric columns as typed arrays, so cache_data stores
// each one as a single byte string (RFC 8746) instead of millions of CBOR numbers.
type Table struct {
	A, B, C, D cache.Float64s
}

// buildTime is how long the last makeTable took: it runs only on a miss, so after a call it is
// the function's own time (0 on a hit), and the call time minus it is the cache's overhead.
var buildTime time.Duration

// makeTable builds a table of random numbers; it is what the cached functions compute.
func makeTable(rows int) Table {
	start := time.Now()
	r := rand.New(rand.NewPCG(uint64(rows), 1))
	t := Table{A: make(cache.Float64s, rows), B: make(cache.Float64s, rows), C: make(cache.Float64s, rows), D: make(cache.Float64s, rows)}
	for i := range rows {
		t.A[i], t.B[i], t.C[i], t.D[i] = r.Float64(), r.Float64(), r.Float64(), r.Float64()
	}
	buildTime = time.Since(start)
	return t
}

// The same function under the seed's two decorators.
var (
	// asData is @st.cache_data: the table is encoded to CBOR on a miss (and written to IndexedDB
	// in the background), and every call, hits included, decodes a fresh copy the caller owns (B3).
	asData = cache.Data1(func(st *wasm.Session, rows int) (Table, error) {
		return makeTable(rows), nil
	}, cache.ShowSpinner(false))

	// asResource is @st.cache_resource: the one *Table is kept in memory and every call returns
	// it (B5). Nothing is copied, so nothing may change it.
	asResource = cache.Resource1(func(st *wasm.Session, rows int) (*Table, error) {
		t := makeTable(rows)
		return &t, nil
	}, cache.ShowSpinner(false))
)

// setup is one choice of the two widgets.
type setup struct {
	decorator string
	rows      int
}

// measured is what the page has measured for one setup. It lives outside the run, so a run
// stopped by a newer interaction loses nothing.
type measured struct {
	calls        int
	first        time.Duration // the first call's overhead: call time minus the table's build time
	firstBuilt   bool          // whether the first call built the table (false: a hit from IndexedDB)
	rerun        time.Duration // the last later call's time (every later call is a hit)
	sameInstance bool          // whether the last call returned the previous call's column A
	// lastColumn is where the previous call's column A is in memory. A real pointer, not a
	// uintptr: it keeps that array alive, so a new copy can never be given the same address.
	lastColumn *float64
}

// results holds the measurements per setup. The page runs one session, whose runs never overlap.
var results = map[setup]*measured{}

// seed is the seed's table for 10M rows (pandas, seconds): the overhead of each decorator.
var seed = map[string][2]string{
	"cache_data":     {"0.4 s", "0.2 s"},
	"cache_resource": {"0.01 s", "0 s"},
}

func app(st *wasm.Session) {
	st.Title("Large data")
	st.Markdown("The seed's benchmark, live: a table of **4 float64 columns** built by a cached function. " +
		"Pick a size and a decorator; the first call builds and caches the table, **Rerun** calls again.")

	rows := wasm.Selectbox(st, "Rows", []int{1_000_000, 10_000_000},
		wasm.Format(func(n int) string { return fmt.Sprintf("%dM (%d MB)", n/1_000_000, n*4*8/1_000_000) }))
	decorator := wasm.Radio(st, "Decorator", []string{"cache_data", "cache_resource"}, wasm.Horizontal())
	st.Button("Rerun", wasm.Primary())

	// Time the call; makeTable times itself, so what is left is the cache's own work.
	buildTime = 0
	start := time.Now()
	var col cache.Float64s
	var err error
	if decorator == "cache_data" {
		var t Table
		t, err = asData.Call(st, rows)
		col = t.A
	} else {
		var t *Table
		t, err = asResource.Call(st, rows)
		if t != nil {
			col = t.A
		}
	}
	call, built := time.Since(start), buildTime
	if err != nil {
		st.Exception(err)
		return
	}

	m := results[setup{decorator, rows}]
	if m == nil {
		m = &measured{}
		results[setup{decorator, rows}] = m
	}
	data := unsafe.SliceData(col) // where column A's numbers are in memory
	if m.calls == 0 {
		m.first, m.firstBuilt = call-built, built > 0
	} else {
		m.rerun, m.sameInstance = call, data == m.lastColumn
	}
	m.calls++
	m.lastColumn = data

	st.Subheader("This call")
	st.Textf("rows = %d", len(col))
	st.Textf("call = %s", ms(call))
	st.Textf("build = %s", ms(built))
	st.Textf("overhead = %s", ms(call-built))
	if m.calls == 1 {
		st.Text("same instance = (first call)")
	} else {
		st.Text("same instance = " + yesNo(m.sameInstance))
	}
	explain(st, decorator, m, built > 0)

	st.Subheader("Measured in this page, beside the seed's figures")
	table(st)
}

// explain says what this call's numbers mean.
func explain(st *wasm.Session, decorator string, m *measured, miss bool) {
	switch {
	case miss && decorator == "cache_data":
		st.Caption("A miss: the function ran (build), then the table was encoded to CBOR for the cache; " +
			"the overhead is that encoding. The IndexedDB write happens after the call returns.")
	case miss:
		st.Caption("A miss: the function ran (build); a resource is only kept, never encoded, so the overhead is near zero.")
	case decorator == "cache_data":
		st.Caption("A hit (build = 0): the function did not run; the call is the time to decode a fresh copy of the table. " +
			"Same instance = no: this copy is yours to change, the cache keeps its own (B3).")
	default:
		st.Caption("A hit (build = 0): the function did not run and nothing was decoded. " +
			"Same instance = yes: every caller shares this one table, so nobody may change it (B5).")
	}
	if m.calls == 1 && !m.firstBuilt {
		st.Caption("This first call was already a hit: the table came from IndexedDB, cached by an earlier visit.")
	}
}

// table shows every setup measured so far, beside the seed's Streamlit figures for 10M rows.
func table(st *wasm.Session) {
	var decorators, sizes, first, rerun, same, seedFirst, seedRerun []string
	for _, d := range []string{"cache_data", "cache_resource"} {
		for _, n := range []int{1_000_000, 10_000_000} {
			m := results[setup{d, n}]
			if m == nil {
				continue
			}
			decorators = append(decorators, d)
			sizes = append(sizes, fmt.Sprintf("%dM", n/1_000_000))
			if m.firstBuilt {
				first = append(first, ms(m.first))
			} else {
				first = append(first, ms(m.first)+" (hit)")
			}
			if m.calls > 1 {
				rerun = append(rerun, ms(m.rerun))
				same = append(same, yesNo(m.sameInstance))
			} else {
				rerun = append(rerun, "press Rerun")
				same = append(same, "")
			}
			seedFirst = append(seedFirst, seed[d][0])
			seedRerun = append(seedRerun, seed[d][1])
		}
	}
	f, err := wasm.NewFrame(
		wasm.Strings("decorator", decorators), wasm.Strings("rows", sizes),
		wasm.Strings("first run overhead", first), wasm.Strings("rerun", rerun), wasm.Strings("same instance", same),
		wasm.Strings("Streamlit 10M: first run", seedFirst), wasm.Strings("Streamlit 10M: rerun", seedRerun))
	if err != nil {
		st.Exception(err)
		return
	}
	st.Table(f)
	st.Caption("First run overhead is the call time minus the time the function took to build the table, as in the seed's " +
		"table (\"only the overhead of the caching decorator, not the run time of the cached function\"). " +
		"Rerun is the whole call time of a hit. The seed's figures are for pandas on a server at 10M rows; " +
		"wasmlit's run in this tab, in WebAssembly.")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
