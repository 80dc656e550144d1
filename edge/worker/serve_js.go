//go:build js && wasm

// Package worker is the entry point of wasmlit's Cloudflare Worker binary: Serve, called from
// the file `wasmlit build -edge` adds to the app's main package. It is the only package that
// imports github.com/syumai/workers, whose init needs the Worker's runtime (it panics in a page
// or under Node), so nothing else imports it and it has no tests of its own.
package worker

import (
	"log/slog"
	"os"
	"syscall/js"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/edge"
)

// KVBinding is the name of the Workers KV namespace that holds shared records (wrangler.toml).
const KVBinding = "WASMLIT_SHARED"

// Serve runs the Worker: shared functions compute here (never asking a remote), with Workers KV
// as the persistent tier when the KV binding exists, and the endpoint answers through
// syumai/workers. It does not return. Call it from an init function of the app's main package,
// after the app's cached functions are made (`wasmlit build -edge` writes that file).
func Serve() {
	driver.SetSharedRemote(nil)
	cfg := cache.Config{Logger: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	if kv, err := cloudflare.NewKVNamespace(KVBinding); err == nil {
		cfg.Store = &kvStore{kv: kv}
	}
	cache.Default().Configure(cfg)
	// Every request runs in a fresh instance of the module (syumai/workers): the isolate's global
	// object counts the computations of all of them (GET …/__wasmlit/stats, worker.mjs).
	driver.OnSharedCompute(func() {
		g := js.Global().Get("__wasmlitEdge")
		if g.Type() == js.TypeObject {
			g.Set("computations", g.Get("computations").Int()+1)
		}
	})
	workers.Serve(edge.NewHandler())
	// The response is sent: end this instance here, before the app's main (the page's runtime)
	// could run.
	os.Exit(0)
}
