//go:build !(js && wasm)

package wasm

// pushLocationSearch replaces the process's query string (query_other.go): natively there is
// no history to push onto.
var pushLocationSearch = func(search string) {
	nativeMu.Lock()
	defer nativeMu.Unlock()
	nativeSearch = search
}
