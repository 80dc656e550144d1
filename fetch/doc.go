// Package fetch downloads URLs from Go code in a wasmlit app.
//
// In the browser (GOOS=js) requests go through the page's fetch via host/host.js, so they obey
// the browser's rules: same-origin or CORS-enabled URLs only, cookies and caches as the browser
// keeps them, and no net/http in the wasm binary. Everywhere else (go test, native tools) the
// same API uses net/http, so an app and its tests run unchanged.
//
// Open streams a response body; Get reads it whole and turns a non-2xx status into an *Error.
// OnProgress reports download progress for big files. Failures are *Error values whose message
// says what went wrong and what to check.
package fetch
