// Large is the benchmark of the seed's large-data table: rows × 4 float64 columns through
// cache.Data and cache.Resource, with every timing measured in the page. Its third choice,
// "make+copy", is the floor a cache_data hit is compared with: make([]byte, n) and copy of the
// table's bytes in Go, timed the same way.
package main

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

// main keeps the memory tier's default bound (512 MB): at 25M rows the 800 MB record is over it, so
// the "memory-tier" hits of that size read IndexedDB, and the cache warns so. Raising the bound
// (cache.Default().SetMemoryBytes) made Chromium 156 refuse the record's IndexedDB write with a
// quota error (docs/CACHING.md, "Working with large data").
func main() { wasm.Run(app) }

// Table is the cached value: four numeric columns (typed arrays in CBOR, RFC 8746).
type Table struct {
	A, B, C, D cache.Float64s
}

// makeTable builds the table; how long it takes is timed inside, so the page can subtract it from
// a miss and show the cache's own overhead.
func makeTable(rows int) Table {
	start := time.Now()
	r := rand.New(rand.NewPCG(uint64(rows), 1))
	t := Table{A: make(cache.Float64s, rows), B: make(cache.Float64s, rows), C: make(cache.Float64s, rows), D: make(cache.Float64s, rows)}
	for i := range rows {
		t.A[i], t.B[i], t.C[i], t.D[i] = r.Float64(), r.Float64(), r.Float64(), r.Float64()
	}
	lastCompute = time.Since(start)
	return t
}

var lastCompute time.Duration

// floorSrc holds the bytes the make+copy floor copies: as many as the table's four columns.
var floorSrc []byte

// makeCopy copies rows×32 bytes into a new slice, as a cache_data hit must at least do. The
// source is filled (and timed as compute) on the first call for a size, so it is in memory that
// has been written, like a record.
func makeCopy(rows int) int {
	n := rows * 4 * 8
	if len(floorSrc) != n {
		start := time.Now()
		floorSrc = nil
		floorSrc = make([]byte, n)
		for i := range floorSrc {
			floorSrc[i] = byte(i * 7)
		}
		lastCompute = time.Since(start)
	}
	dst := make([]byte, n)
	copy(dst, floorSrc)
	runtime.KeepAlive(dst)
	return len(dst) / 32
}

// first is the page's first call: its time, and how much of it building the table took (0 when
// it was a hit). Kept outside the run, so a run stopped by a newer interaction loses nothing.
var first struct {
	done          bool
	call, compute time.Duration
}

var (
	asData = cache.Data1(func(st *wasm.Session, rows int) (Table, error) {
		return makeTable(rows), nil
	}, cache.ShowSpinner(false))
	asResource = cache.Resource1(func(st *wasm.Session, rows int) (*Table, error) {
		t := makeTable(rows)
		return &t, nil
	}, cache.ShowSpinner(false))
)

func app(st *wasm.Session) {
	st.Title("Large data")
	rows := wasm.Selectbox(st, "Rows", []int{1_000_000, 10_000_000, 25_000_000})
	kind := wasm.Radio(st, "Decorator", []string{"cache_data", "cache_resource", "make+copy"})
	st.Button("Rerun")
	if !st.Toggle("Run", false) {
		st.Info("Turn on Run to call the cached function.")
		return
	}
	lastCompute = 0
	start := time.Now()
	var n int
	var err error
	switch kind {
	case "make+copy":
		n = makeCopy(rows)
	case "cache_data":
		var t Table
		t, err = asData.Call(st, rows)
		n = len(t.D)
	default:
		var t *Table
		t, err = asResource.Call(st, rows)
		if t != nil {
			n = len(t.D)
		}
	}
	total := time.Since(start)
	if !first.done {
		first.done, first.call, first.compute = true, total, lastCompute
	}
	if err != nil {
		st.Exception(err)
		return
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.3f", float64(d)/float64(time.Millisecond)) }
	st.Text("rows = " + fmt.Sprint(n))
	st.Text("call ms = " + ms(total))
	st.Text("compute ms = " + ms(lastCompute))
	st.Text("first call ms = " + ms(first.call))
	st.Text("first compute ms = " + ms(first.compute))
	st.Text("first overhead ms = " + ms(first.call-first.compute))
	st.Text("mb = " + fmt.Sprintf("%.1f", float64(n)*4*8/1e6))
}
