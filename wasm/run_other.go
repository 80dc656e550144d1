//go:build !(js && wasm)

package wasm

import (
	"fmt"
	"os"
)

// Run mounts app in the page and serves it until the page closes. It never returns.
// Natively there is no page: Run explains how to build for the browser and exits.
func Run(app func(*Session)) {
	if prerenderRequested() { // the build's native run (prerender_other.go)
		prerenderAndExit(app)
	}
	fmt.Fprintln(os.Stderr, "wasmlit: wasm.Run shows the app in a browser: build it with ./build.sh build "+
		"(GOOS=js GOARCH=wasm), or test it without a browser with package github.com/wasmlit/wasmlit/wasm/wasmtest.")
	os.Exit(2)
}
