// Worker is the fixture of the worker-mode tests (SPEC C9): a cached function that computes until
// the test releases it, a note to type into while it does, rows drawn after it (as many as Rows
// says), and the browser services the Go
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

// busy computes without yielding, as a heavy cached function does, until the test releases it
// (see released), and returns how many loop turns that took. run tells computations apart.
//
// Its end is the test's choice, never a length of time: a test that must act while the
// computation is in progress cannot lose that race on a slow machine.
var busy = cache.Data1(func(st *wasm.Session, run int) (int, error) {
	n := 0
	// The first look comes after a first slice of work, so a computation released before it
	// began still computed (n > 0).
	for next, give := time.Now().Add(100*time.Millisecond), time.Now().Add(2*time.Minute); ; n++ {
		if now := time.Now(); now.After(next) {
			if released(run) {
				return n, nil
			}
			if now.After(give) {
				return n, fmt.Errorf("computation %d was never released: the test writes release-%d.txt beside index.html", run, run)
			}
			next = now.Add(100 * time.Millisecond)
		}
	}
})

func app(st *wasm.Session) {
	st.Title("Worker mode")
	note := st.TextInput("Note", "")
	run := wasm.NumberInput(st, "Run", 0, wasm.Min(0), wasm.Step(1))
	rows := wasm.NumberInput(st, "Rows", 0, wasm.Min(0), wasm.Max(5000), wasm.Step(100))
	st.Text("note = " + note)
	if run > 0 {
		n, err := busy.Call(st, run)
		if err != nil {
			st.Exception(err)
		} else {
			st.Textf("computed = %v", n > 0)
		}
	}
	if st.Toggle("Services", false) {
		services(st)
	}
	// Rows drawn after the cached call: a slow run has not reached them, so it fades them all.
	for i := range rows {
		st.Textf("row %d", i)
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
