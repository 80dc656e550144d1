//go:build js && wasm

package wasm

import "github.com/wasmlit/wasmlit/wasm/internal/bridge"

// locationSearch returns the page's location.search; a variable so tests can replace it.
var locationSearch = bridge.LocationSearch

// setLocationSearch replaces the page's query string in place (history.replaceState).
var setLocationSearch = bridge.SetLocationSearch
