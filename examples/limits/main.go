// Limits shows a cached value counting down to its TTL, max_entries evicting the least recently used entry, and the spinner off, with custom text, and with the elapsed time.
//
// It is the seed's "Controlling cache size and duration" and "Customizing the spinner" sections:
//
//	@st.cache_data(ttl=3600)            →  cache.TTL(time.Hour)        (here 10 s, to watch it)
//	@st.cache_data(max_entries=1000)    →  cache.MaxEntries(1000)      (here 3, to watch evictions)
//	@st.cache_data(show_spinner=False)  →  cache.ShowSpinner(false)
//	@st.cache_data(show_spinner="…")    →  cache.SpinnerText("…")
//	@st.cache_data(show_time=True)      →  cache.ShowTime(true)
//
// One more, which Streamlit does not have: cache.BackgroundRefresh serves a value past its TTL at
// once and computes the new one in the background (stale-while-revalidate).
package main

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

func app(st *wasm.Session) {
	st.Title("Cache limits")
	st.Caption("Each section is one option of a cached function. Counters count the function's runs in this page; " +
		"the ⋮ menu's Cache inspector shows the same statistics for every cached function.")
	st.Button("Rerun")
	ttlSection(st)
	refreshSection(st)
	maxEntriesSection(st)
	spinnerSection(st)
}

// ---- ttl ----

// apiTTL is the TTL of getAPIData: short, so the countdown is worth watching.
const apiTTL = 10 * time.Second

// Snapshot is what the "API" answers, and when.
type Snapshot struct {
	Price   float64
	TakenAt time.Time
}

var apiRuns atomic.Int64

// getAPIData is the seed's get_api_data with ttl: after apiTTL the next call runs it again.
var getAPIData = cache.Data0(func(st *wasm.Session) (Snapshot, error) {
	apiRuns.Add(1)
	now := time.Now()
	return Snapshot{Price: 100 + float64(now.UnixMilli()%1000)/100, TakenAt: now}, nil
}, cache.TTL(apiTTL))

func ttlSection(st *wasm.Session) {
	st.Header("ttl: expiry", wasm.WithDivider())
	st.Code("var getAPIData = cache.Data0(func(st *wasm.Session) (Snapshot, error) { … }, cache.TTL(10*time.Second))", wasm.Language("go"))
	snap, err := getAPIData.Call(st)
	if err != nil {
		st.Exception(err)
		return
	}
	// The value is at most apiTTL old: a call after that recomputed it.
	left := max(0, apiTTL-time.Since(snap.TakenAt))
	st.Progress(left.Seconds()/apiTTL.Seconds(), fmt.Sprintf("expires in %.1f s: rerun after that and getAPIData runs again", left.Seconds()))
	st.Textf("price = %.2f, taken at %s", snap.Price, snap.TakenAt.UTC().Format("15:04:05.0"))
	st.Textf("expires in = %.1f s", left.Seconds())
	st.Textf("getAPIData runs = %d", apiRuns.Load())
}

// ---- background refresh ----

var quoteRuns atomic.Int64

// getQuote has the TTL of getAPIData, and past it the old quote is served while a new one is
// fetched in the background, for up to a minute; then the page reruns by itself to show it.
var getQuote = cache.Data0(func(st *wasm.Session) (Snapshot, error) {
	quoteRuns.Add(1)
	now := time.Now()
	return Snapshot{Price: 200 + float64(now.UnixMilli()%1000)/100, TakenAt: now}, nil
}, cache.TTL(apiTTL), cache.BackgroundRefresh(time.Minute), cache.ShowSpinner(false))

func refreshSection(st *wasm.Session) {
	st.Header("Background refresh: stale while revalidate", wasm.WithDivider())
	st.Code("var getQuote = cache.Data0(func(st *wasm.Session) (Snapshot, error) { … }, cache.TTL(10*time.Second), cache.BackgroundRefresh(time.Minute))", wasm.Language("go"))
	q, err := getQuote.Call(st)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Textf("quote = %.2f, taken at %s", q.Price, q.TakenAt.UTC().Format("15:04:05.0"))
	st.Textf("getQuote runs = %d, background refreshes = %d", quoteRuns.Load(), getQuote.Stats().Refreshes)
}

// ---- max_entries ----

// seedRuns counts getLargeArray's runs per seed in this page, to show which key recomputes.
var seedRuns = struct {
	sync.Mutex
	n map[int]int
}{n: map[int]int{}}

// getLargeArray is the seed's get_large_array(seed) with max_entries: three arrays of 100,000
// floats at most; the least recently used one goes first.
var getLargeArray = cache.Data1(func(st *wasm.Session, seed int) (cache.Float64s, error) {
	seedRuns.Lock()
	seedRuns.n[seed]++
	seedRuns.Unlock()
	rng := rand.New(rand.NewPCG(uint64(seed), 0)) // np.random.seed(seed)
	arr := make(cache.Float64s, 100_000)          // np.random.rand(100000)
	for i := range arr {
		arr[i] = rng.Float64()
	}
	return arr, nil
}, cache.MaxEntries(3))

func maxEntriesSection(st *wasm.Session) {
	st.Header("max_entries: LRU eviction", wasm.WithDivider())
	st.Code("var getLargeArray = cache.Data1(func(st *wasm.Session, seed int) (cache.Float64s, error) { … }, cache.MaxEntries(3))", wasm.Language("go"))
	seed := wasm.Selectbox(st, "Seed", []int{1, 2, 3, 4, 5, 6})
	arr, err := getLargeArray.Call(st, seed)
	if err != nil {
		st.Exception(err)
		return
	}
	var sum float64
	for _, v := range arr {
		sum += v
	}
	st.Textf("seed %d: %d values, mean %.5f", seed, len(arr), sum/float64(len(arr)))

	s := getLargeArray.Stats() // B24: the same numbers as the cache inspector's row
	cols := st.Columns(4)
	cols[0].Metric("Entries", fmt.Sprintf("%d of 3", s.Entries))
	cols[1].Metric("Hits", fmt.Sprint(s.Hits))
	cols[2].Metric("Misses", fmt.Sprint(s.Misses))
	cols[3].Metric("Size", fmt.Sprintf("%.1f MB", float64(s.Bytes)/1e6))
	st.Textf("entries = %d, hits = %d, misses = %d", s.Entries, s.Hits, s.Misses)

	seedRuns.Lock()
	runs := make([]string, 0, len(seedRuns.n))
	for _, k := range slices.Sorted(maps.Keys(seedRuns.n)) {
		runs = append(runs, fmt.Sprintf("%d:%d", k, seedRuns.n[k]))
	}
	seedRuns.Unlock()
	st.Text("runs per seed = " + strings.Join(runs, " "))
}

// ---- spinners ----

// round is the argument of the three slow functions: a new round is a miss for each.
var round = wasm.NewState("round", 0)

// slow is the body of the three functions: a slow API call.
func slow(name string, n, delayMs int) string {
	time.Sleep(time.Duration(delayMs) * time.Millisecond)
	return fmt.Sprintf("%s: round %d done", name, n)
}

// The three spinner options side by side. _delayMs is excluded from the key (its name starts
// with "_"), so changing the delay alone does not miss.
var (
	silent = cache.Data2(func(st *wasm.Session, n int, _delayMs int) (string, error) {
		return slow("silent", n, _delayMs), nil
	}, cache.ShowSpinner(false))
	custom = cache.Data2(func(st *wasm.Session, n int, _delayMs int) (string, error) {
		return slow("custom", n, _delayMs), nil
	}, cache.SpinnerText("Fetching data from the API…"))
	timed = cache.Data2(func(st *wasm.Session, n int, _delayMs int) (string, error) {
		return slow("timed", n, _delayMs), nil
	}, cache.ShowTime(true))
)

func spinnerSection(st *wasm.Session) {
	st.Header("show_spinner: off, custom text, show time", wasm.WithDivider())
	delay := wasm.NumberInput(st, "Delay ms", 1500, wasm.Min(0), wasm.Max(10_000), wasm.Step(100))
	st.Button("New round", wasm.Primary(), wasm.OnClick(func(st *wasm.Session) { round.Update(st, func(n int) int { return n + 1 }) }))
	n := round.Get(st)
	if n == 0 {
		st.Info("Press New round: each function below misses once and sleeps for the delay, one after the other.")
		return
	}
	cols := st.Columns(3)
	for i, c := range []struct {
		option string
		f      *cache.DataFunc2[*wasm.Session, int, int, string]
	}{
		{"cache.ShowSpinner(false)", silent},
		{`cache.SpinnerText("Fetching data from the API…")`, custom},
		{"cache.ShowTime(true)", timed},
	} {
		col := cols[i]
		col.Code(c.option, wasm.Language("go"))
		out, err := c.f.Call(col, n, delay) // the spinner, if any, shows in this column
		if err != nil {
			col.Exception(err)
			continue
		}
		col.Text(out)
	}
}
