//go:build js && wasm

package wasm

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/fetch"
	"github.com/wasmlit/wasmlit/wasm/internal/bridge"
)

// In the page, a miss of a call marked with cache.Prewarm reads its record from the bundle the
// build shipped (prerender_bundle.go) instead of computing. The cache checks the record
// (checksum, the function's identity, its result type) before it uses it; a bundle that is
// missing, stale or damaged is ignored, and the function computes as usual.
func init() {
	driver.SetSeedSource(seedFromBundle)
}

var (
	bundleOnce sync.Once
	bundle     map[string]prewarmEntry // nil: no usable bundle
)

// bundleDir is where the build puts the bundle, beside the page.
const bundleDir = "prewarm/"

func seedFromBundle(ctx context.Context, fn, key string) []byte {
	if len(driver.PrewarmCalls()) == 0 {
		return nil // the app marks nothing: no bundle to ask for
	}
	bundleOnce.Do(loadBundle)
	e, ok := bundle[key]
	if !ok {
		return nil
	}
	b, err := fetch.Get(ctx, bundleDir+e.File)
	if err != nil {
		bridge.Log("warn", "wasmlit: the prewarmed record of "+fn+" could not be read ("+err.Error()+"); computing it")
		return nil
	}
	return b
}

func loadBundle() {
	data, err := fetch.Get(context.Background(), bundleDir+"index.json")
	if err != nil {
		return // no bundle (not built with one, or offline before it was cached)
	}
	var idx prewarmIndex
	if json.Unmarshal(data, &idx) != nil || idx.Version != prewarmIndexVersion {
		bridge.Log("warn", "wasmlit: ignoring "+bundleDir+"index.json: not a prewarm index of this version; rebuild the app")
		return
	}
	bundle = idx.Records
}
