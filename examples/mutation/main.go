// Mutation shows why cache_data hands every caller its own copy and cache_resource does not: the
// seed's "drop a column" and "users A and B" stories, told by two sessions of one app side by side.
//
// The page mounts this app twice, as "User A" and "User B" (wasm.RunSessions): two sessions with
// their own widgets and state that share the page's caches, like two people using one Streamlit
// app. User B's session starts once user A's first run has finished, like a user who opens the
// app right after another.
//
// Each story runs twice, once with a cache_resource function and once with the same code under
// cache_data (SPEC B5 and B3):
//
//  1. Copying behavior: load the rides table, show it, then drop its "Lat" column in place.
//     cache_resource returns the one shared instance, so the next run (user B's first, then any
//     rerun) gets a table without "Lat" and dropping it fails. cache_data returns a fresh copy to
//     every call, so every run works.
//  2. Concurrency issues: take the cached list [1, 2, 3] and set l[0] = l[0] + 1. With
//     cache_resource users A and B change one shared list, so A sees 2, B sees 3 and A's rerun
//     sees 4. With cache_data both always see 2.
package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.RunSessions(app, "User A", "User B") }

// ridesURL is the rides sample served beside the app (static/ is copied into the build); a few rows
// in the format of the seed's uber-rides-data1.csv. Tests point it at their own server.
var ridesURL = "static/uber-rides-sample.csv"

func app(st *wasm.Session) {
	st.Title("Mutating cached values")
	st.Caption("This page runs the app twice, as **User A** and **User B**: two sessions that share the caches. " +
		"Each story runs once with `cache.Resource1`/`Resource0` (`st.cache_resource`: one shared instance) and once with " +
		"`cache.Data1`/`Data0` (`st.cache_data`: a fresh copy per call).")

	st.Header("1. Copying behavior", wasm.WithDivider())
	st.Markdown(`Load the rides, show them, then drop the column "Lat" **in place**, like ` +
		"`df.drop(columns=['Lat'], inplace=True)`.")
	cols := st.Columns(2)
	dropLat(cols[0], "cache_resource", loadRidesResource.Call, loadRidesResource.Stats)
	dropLat(cols[1], "cache_data", loadRidesData.Call, loadRidesData.Stats)

	st.Header("2. Concurrency issues", wasm.WithDivider())
	st.Markdown("Take the cached list `[1, 2, 3]` and set `l[0] = l[0] + 1`.")
	cols = st.Columns(2)
	bumpFirst(cols[0], "cache_resource", createListResource.Call)
	bumpFirst(cols[1], "cache_data", createListData.Call)

	st.Button("Rerun") // any interaction reruns the app; this one only does that
}

// Story 1. The two loaders are the same code under the two decorators.

// loadRidesResource is the seed's load_data under @st.cache_resource: the *Table it returns is the
// one instance in the cache, so whatever a caller does to it, every later caller sees.
var loadRidesResource = cache.Resource1(func(st *wasm.Session, url string) (*Table, error) {
	data, err := st.Download(url)
	if err != nil {
		return nil, err
	}
	return parseCSV(data)
})

// loadRidesData is the same loader under @st.cache_data: the table is stored as CBOR and every
// call decodes a new *Table, so a caller's changes stay in its copy.
var loadRidesData = cache.Data1(func(st *wasm.Session, url string) (*Table, error) {
	data, err := st.Download(url)
	if err != nil {
		return nil, err
	}
	return parseCSV(data)
})

// dropLat is the seed's app body: load, show, then mutate the table in place.
func dropLat(st *wasm.Session, decorator string, load func(*wasm.Session, string) (*Table, error), stats func() cache.FuncStats) {
	st.Subheader(decorator)
	df, err := load(st, ridesURL)
	if err != nil {
		st.Exception(err)
		return
	}
	st.DataFrame(df.Frame())
	st.Caption(fmt.Sprintf("the loader has run %d time(s) in this page", stats().Misses))
	st.Text("columns: " + strings.Join(df.Names, ", "))
	if err := df.Drop("Lat"); err != nil { // 👈 mutate the table in place
		st.Exception(err)
		return
	}
	st.Text("dropped Lat, columns now: " + strings.Join(df.Names, ", "))
}

// Story 2. Again the same function under the two decorators.

// createListResource is the seed's create_list under @st.cache_resource: one shared slice.
var createListResource = cache.Resource0(func(st *wasm.Session) ([]int, error) {
	return []int{1, 2, 3}, nil
})

// createListData is create_list under @st.cache_data: a new slice decoded for every call.
var createListData = cache.Data0(func(st *wasm.Session) ([]int, error) {
	return []int{1, 2, 3}, nil
})

// bumpFirst is the seed's app body: read l[0] and write it back plus one.
func bumpFirst(st *wasm.Session, decorator string, createList func(*wasm.Session) ([]int, error)) {
	st.Subheader(decorator)
	l, err := createList(st)
	if err != nil {
		st.Exception(err)
		return
	}
	firstListValue := l[0]
	l[0] = firstListValue + 1 // 👈 mutate the cached list
	st.Text(fmt.Sprintf("l[0] is: %d", l[0]))
}

// Table is a small DataFrame: named columns of text cells, in order.
type Table struct {
	Names []string   // column names
	Cells [][]string // Cells[i] holds column Names[i], one cell per row
}

// Drop removes the column name in place, like pandas' df.drop(columns=[name], inplace=True), and
// fails like it when the table has no such column.
func (t *Table) Drop(name string) error {
	i := slices.Index(t.Names, name)
	if i < 0 {
		return &KeyError{Key: name}
	}
	t.Names = slices.Delete(t.Names, i, i+1)
	t.Cells = slices.Delete(t.Cells, i, i+1)
	return nil
}

// Frame returns the table for st.DataFrame.
func (t *Table) Frame() *wasm.Frame {
	cols := make([]wasm.Column, len(t.Names))
	for i, name := range t.Names {
		cols[i] = wasm.Strings(name, t.Cells[i])
	}
	return &wasm.Frame{Columns: cols}
}

// KeyError is Drop's error for a column the table does not have, worded like pandas' KeyError.
type KeyError struct{ Key string }

func (e *KeyError) Error() string {
	return fmt.Sprintf("\"['%s'] not found in axis\"", e.Key)
}

// parseCSV reads a CSV with a header row into a Table.
func parseCSV(data []byte) (*Table, error) {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("reading the rides CSV: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("reading the rides CSV: it is empty")
	}
	t := &Table{Names: rows[0], Cells: make([][]string, len(rows[0]))}
	for _, row := range rows[1:] {
		for i, cell := range row {
			t.Cells[i] = append(t.Cells[i], cell)
		}
	}
	return t, nil
}
