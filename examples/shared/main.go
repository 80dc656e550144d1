// Shared results: a slow estimate computed once for every user of the site.
//
// The function is marked cache.Shared, so on a miss the browser asks the site's edge Worker (`wasmlit build -edge`),
// which computes it once per key for all browsers and keeps the record in Workers KV. A second
// browser gets the result without computing it. Served by a plain static host, the same app
// computes in the browser (docs/EDGE.md).
package main

import (
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// Estimate is the result of estimatePi.
type Estimate struct {
	Samples int
	Seed    uint64
	Pi      float64
	Took    time.Duration // how long the computation took where it ran
}

// runs counts the computations of estimatePi in this process (a browser tab, or the Worker).
var runs atomic.Int64

// estimatePi throws samples darts at the unit square: seconds of compute for tens of millions.
// cache.Shared makes the edge Worker compute it once per (samples, seed) for every browser;
// cache.TTL bounds how long the shared record is kept.
var estimatePi = cache.Data2(func(_ *wasm.Session, samples int, seed uint64) (Estimate, error) {
	runs.Add(1)
	start := time.Now()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	in := 0
	for range samples {
		x, y := r.Float64(), r.Float64()
		if x*x+y*y <= 1 {
			in++
		}
	}
	return Estimate{Samples: samples, Seed: seed, Pi: 4 * float64(in) / float64(samples), Took: time.Since(start)}, nil
}, cache.Shared(), cache.TTL(24*time.Hour), cache.SpinnerText("Estimating π (shared: the edge computes it once for everyone)…"))

func app(st *wasm.Session) {
	st.Title("Shared results")
	st.Caption("A slow function marked cache.Shared: the site's edge Worker computes it once per key for every browser. Without a Worker it computes here.")
	// ?seed=N and ?millions=N pick the key from a link (the tests open one new key per run).
	seed, millions := 7, 10
	if n, err := strconv.Atoi(st.QueryParams().Get("seed")); err == nil && n > 0 {
		seed = n
	}
	if n, err := strconv.Atoi(st.QueryParams().Get("millions")); err == nil && n > 0 && n <= 200 {
		millions = n
	}
	millions = wasm.Slider(st, "Samples (millions)", 1, 200, millions)
	seed = wasm.Slider(st, "Seed", 1, 1_000_000, seed)
	est, err := estimatePi.Call(st, millions*1_000_000, uint64(seed))
	if err != nil {
		st.Error(err.Error())
		return
	}
	st.Textf("pi ≈ %.6f from %d samples (seed %d), computed in %v", est.Pi, est.Samples, est.Seed, est.Took.Round(time.Millisecond))
	st.Textf("computed in this browser: %d", runs.Load())
	st.Textf("answered by the edge: %d", driver.SharedCounts.Fetched.Load())
}
