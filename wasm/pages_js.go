//go:build js && wasm

package wasm

import "github.com/wasmlit/wasmlit/wasm/internal/bridge"

// pushLocationSearch makes search the page's query string in a new history entry
// (history.pushState); a variable so tests can replace it.
var pushLocationSearch = bridge.PushLocationSearch
