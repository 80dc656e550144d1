// Worker is the fixture of the worker-mode tests (SPEC C9): a cached function that computes for a
// given number of seconds, a note to type into while it does, and the browser services the Go
// program reaches from a worker (fetch, SQLite, the IndexedDB tier and Web Locks of the cache).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/fetch"
	"github.com/wasmlit/wasmlit/sqlite"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// busy computes for secs seconds of wall time without yielding, as a heavy cached function does,
// and returns how many loop turns that took. run tells computations of the same length apart.
var busy = cache.Data2(func(st *wasm.Session, secs float64, run int) (int, error) {
	n := 0
	for end := time.Now().Add(time.Duration(secs * float64(time.Second))); time.Now().Before(end); n++ {
	}
	return n, nil
})

func app(st *wasm.Session) {
	st.Title("Worker mode")
	note := st.TextInput("Note", "")
	secs := wasm.NumberInput(st, "Seconds", 0.0, wasm.Min(0.0), wasm.Max(30.0), wasm.Step(0.5))
	runs := wasm.NumberInput(st, "Run", 0, wasm.Min(0), wasm.Step(1))
	st.Text("note = " + note)
	if secs > 0 {
		n, err := busy.Call(st, secs, runs)
		if err != nil {
			st.Exception(err)
		} else {
			st.Textf("computed = %v", n > 0)
		}
	}
	if st.Toggle("Services", false) {
		services(st)
	}
}

// services reads the app's own app.json with fetch and asks SQLite a question.
func services(st *wasm.Session) {
	ctx := context.Background()
	b, err := fetch.Get(ctx, "app.json")
	var meta struct{ Name string }
	if err == nil {
		err = json.Unmarshal(b, &meta)
	}
	if err != nil {
		st.Textf("fetch = %v", err)
	} else {
		st.Text("fetch = " + meta.Name)
	}
	db, err := sqlite.Open(ctx, "worker")
	if err != nil {
		st.Textf("sqlite = %v", err)
		return
	}
	defer db.Close()
	rows, err := db.Query(ctx, "SELECT 6 * 7 AS answer")
	if err != nil {
		st.Textf("sqlite = %v", err)
		return
	}
	col, _ := rows.Column("answer")
	st.Text("sqlite = " + fmt.Sprint(col.Numbers))
}
