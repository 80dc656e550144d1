// Isolation-b is one of two apps on one origin with the same cached function (same name, same
// signature, same code, so the same cache key): they must never read each other's entries.
package main

import (
	"sync/atomic"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
)

func main() { wasm.Run(app) }

// runs counts the runs of compute in this page.
var runs atomic.Int64

// compute is the same, token for token, in testapps/isolation-a and testapps/isolation-b.
var compute = cache.Data1(func(st *wasm.Session, key string) (string, error) {
	runs.Add(1)
	return "value of " + key, nil
})

func app(st *wasm.Session) {
	st.Title("Isolation b")
	key := st.TextInput("Key", "")
	if key != "" {
		v, err := compute.Call(st, key)
		if err != nil {
			st.Exception(err)
			return
		}
		st.Text("value = " + v)
	}
	st.Textf("runs = %d", runs.Load())
}
