//go:build !(js && wasm)

package wasm

// RunSessions mounts app once per label, each its own session in a labelled panel of the page
// (see the browser build's documentation). Natively there is no page: like Run, it explains how to
// build for the browser and exits. To test two sessions without a browser, start two
// wasmtest.New apps: they share cached resources as the sessions of a page do.
func RunSessions(app func(*Session), labels ...string) { Run(app) }
