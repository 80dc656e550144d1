// Package jsawait waits for JavaScript promises from Go, for the packages that call into the page
// (the runtime's bridge, fetch, the cache's IndexedDB store and Web Locks). It exists only in
// js/wasm builds.
package jsawait
