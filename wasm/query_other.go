//go:build !(js && wasm)

package wasm

// locationSearch returns the page's query string. Natively there is no page, so it is empty;
// tests replace it (query_export_test.go).
var locationSearch = func() string { return "" }
