package wasm

import (
	"fmt"
	"slices"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/driver"
)

// inspectorKey prefixes the keys of the inspector's widgets, so they never clash with an app's.
const inspectorKey = "wasmlit:inspector:"

// drawInspector draws the cache inspector (B24) at the top of the page while it is open (page
// menu, "Cache inspector"): per cached function its entries, bytes, hits, misses and time spent
// computing, a table of its options (B20–B24), and a button that clears that function alone.
func drawInspector(st *Session) {
	box := st.Container(Border())
	box.Subheader("Cache inspector")
	// First, so that the inspector can be closed whatever is drawn below.
	box.Button("Close the inspector", Key(inspectorKey+"close"), OnClick(func() {
		st.s.mu.Lock()
		st.s.inspector = false
		st.s.mu.Unlock()
	}))
	stats := cache.Stats()
	if len(stats) == 0 {
		box.Caption("No cached function has been called yet.")
		return
	}
	// Two wrappers of one function are two rows (B25): a display name shared by several rows is
	// told apart by the wrapper's declared name.
	shown := map[string]int{}
	for _, f := range stats {
		shown[f.Display]++
	}
	label := func(f cache.FuncStats) string {
		if shown[f.Display] > 1 && f.Name != f.Display {
			return f.Display + " (" + f.Name + ")"
		}
		return f.Display
	}
	var names, kinds, entries, sizes, hits, misses, times []string
	for _, f := range stats {
		names = append(names, label(f))
		kinds = append(kinds, f.Kind)
		entries = append(entries, fmt.Sprint(f.Entries))
		sizes = append(sizes, byteSize(f.Bytes))
		hits = append(hits, fmt.Sprint(f.Hits))
		misses = append(misses, fmt.Sprint(f.Misses))
		times = append(times, f.ComputeTime.Round(time.Millisecond).String())
	}
	box.Table(&Frame{Columns: []Column{
		Strings("function", names), Strings("kind", kinds), Strings("entries", entries),
		Strings("size", sizes), Strings("hits", hits), Strings("misses", misses), Strings("computing", times),
	}})
	box.Caption("Options of each function, defaults included (— where an option does not apply to its kind):")
	box.Table(optionsFrame(stats, label))
	for _, f := range stats {
		id := f.ID
		box.Button("Clear "+label(f), Key(inspectorKey+"clear:"+f.Kind+":"+id), OnClick(func() { cache.ClearFunction(id) }))
	}
}

// optionsFrame is the inspector's table of options: a row per function, a column per option that
// any of them has (cache/driver.DescribeOptions, in its order), "—" where an option does not apply
// to the function's kind.
func optionsFrame(stats []cache.FuncStats, label func(cache.FuncStats) string) *Frame {
	var order []string
	values := make([]map[string]string, len(stats))
	for i, f := range stats {
		values[i] = map[string]string{}
		for _, r := range driver.DescribeOptions(f.ID) {
			if _, seen := values[i][r.Name]; !seen && !slices.Contains(order, r.Name) {
				order = append(order, r.Name)
			}
			values[i][r.Name] = r.Value
		}
	}
	names := make([]string, len(stats))
	for i, f := range stats {
		names[i] = label(f)
	}
	cols := []Column{Strings("function", names)}
	for _, name := range order {
		cells := make([]string, len(stats))
		for i := range stats {
			v, ok := values[i][name]
			if !ok {
				v = "—"
			}
			cells[i] = v
		}
		cols = append(cols, Strings(name, cells))
	}
	return &Frame{Columns: cols}
}
