//go:build !(js && wasm)

package wasm

import "sync"

// Natively there is no page: the query string is a process-wide string that starts empty and
// that writes replace, for a Host that does not keep its own (QueryHost). Tests replace
// locationSearch (query_export_test.go).
var (
	nativeMu     sync.Mutex
	nativeSearch string
)

// locationSearch returns the process's query string.
var locationSearch = func() string {
	nativeMu.Lock()
	defer nativeMu.Unlock()
	return nativeSearch
}

// setLocationSearch replaces the process's query string.
var setLocationSearch = func(search string) {
	nativeMu.Lock()
	defer nativeMu.Unlock()
	nativeSearch = search
}
