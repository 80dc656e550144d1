// Soak is the browser tests' fixture for sustained interaction (soak.spec.ts): widgets whose
// values key one cached function, counters of what the app asked and computed, a rerun button
// whose runs add and remove elements and widgets, and a button that reports the Go heap.
package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

var (
	plus   = wasm.NewState("plus", 0)
	minus  = wasm.NewState("minus", 0)
	reruns = wasm.NewState("reruns", 0)
)

// computed counts the runs of square in this page per key, outside the cache.
var (
	computedMu sync.Mutex
	computed   = map[string]int{}
)

// asked holds every key the app called square with in this page (runs that got that far).
var (
	askedMu sync.Mutex
	asked   = map[string]bool{}
)

// Square is what the cached function returns.
type Square struct {
	Key   string
	Value int
}

// square is the cached function, keyed by the slider, the text and the choice.
var square = cache.Data3(func(st *wasm.Session, n int, word, color string) (Square, error) {
	k := key(n, word, color)
	computedMu.Lock()
	computed[k]++
	computedMu.Unlock()
	// A pause stands for a fetch: the page takes events meanwhile, so a newer interaction often
	// arrives while the function is computing, before it draws.
	time.Sleep(20 * time.Millisecond)
	st.Caption("computed " + k) // recorded on the miss, replayed on a hit (B13)
	return Square{Key: k, Value: n * n}, nil
})

func key(n int, word, color string) string { return fmt.Sprintf("%d/%s/%s", n, word, color) }

func app(st *wasm.Session) {
	st.Title("Soak")
	n := wasm.Slider(st, "N", 0, 9, 0)
	word := st.TextInput("Word", "a")
	color := wasm.Selectbox(st, "Color", []string{"red", "green", "blue"})
	st.Button("Plus", wasm.OnClick(func() { plus.Update(st, func(v int) int { return v + 1 }) }))
	st.Button("Minus", wasm.OnClick(func() { minus.Update(st, func(v int) int { return v + 1 }) }))
	st.Textf("n = %d", n)
	st.Text("word = " + word)
	st.Text("color = " + color)
	st.Textf("plus = %d", plus.Get(st))
	st.Textf("minus = %d", minus.Get(st))

	k := key(n, word, color)
	askedMu.Lock()
	asked[k] = true
	keys := make([]string, 0, len(asked))
	for k := range asked {
		keys = append(keys, k)
	}
	askedMu.Unlock()
	slices.Sort(keys)
	sq, err := square.Call(st, n, word, color)
	if err != nil {
		st.Exception(err)
		return
	}
	st.Text("square = " + sq.Key + " → " + fmt.Sprint(sq.Value))
	runs := 0
	computedMu.Lock()
	for _, c := range computed {
		runs += c
	}
	once := len(computed)
	computedMu.Unlock()
	st.Textf("stats = %d asked, %d runs, %d keys computed, %d misses", len(keys), runs, once, square.Stats().Misses)
	st.Text("keys = " + strings.Join(keys, " "))

	churn(st)
}

// churn draws what the leak test reruns: each click of "Rerun" changes how many elements, and
// which widgets, the run draws, so nodes and their listeners are made and dropped in a cycle of 5.
func churn(st *wasm.Session) {
	st.Button("Rerun", wasm.OnClick(func() { reruns.Update(st, func(v int) int { return v + 1 }) }))
	r := reruns.Get(st)
	st.Textf("reruns = %d", r)
	phase := r % 5
	box := st.Container(wasm.Border())
	for i := range phase {
		box.Textf("item %d of run %d", i, r)
	}
	if phase%2 == 1 {
		box.Checkbox(fmt.Sprintf("Odd %d", phase), false)
		wasm.Selectbox(box, "Odd choice", []string{"x", "y"})
	}
	if phase == 3 {
		ex := box.Expander("Phase three", true)
		ex.Markdown(fmt.Sprintf("run **%d**", r))
	}
	if st.Button("Measure heap") {
		var m runtime.MemStats
		// Twice: the first collection queues the finalizers of unreachable js.Values; the second
		// frees what they held.
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		st.Textf("heap = %d", m.HeapAlloc)
	}
}
