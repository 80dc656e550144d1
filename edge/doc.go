// Package edge is wasmlit's Cloudflare Worker (E1–E3): the app's own package, compiled for the
// Worker with github.com/syumai/workers, computes the functions marked cache.Shared once per key
// for every user, keeps their records in Workers KV, and hands them to the browsers that ask.
//
// `wasmlit build -edge` links this package (through package edge/worker) into a second binary of the app (an extra file, in a
// build overlay, whose init calls Serve after the app's cached functions are made); the
// browser's binary never imports it, so syumai/workers, whose init needs the Worker's runtime,
// is never in a page. See docs/EDGE.md.
//
// The Worker has one endpoint, POST …/__wasmlit/shared (driver.SharedPath): a the shared request
// in, the sealed record out. There is no way to store a value: every request is checked
// (driver.ServeShared) and a refusal is a 4xx with a readable reason.
package edge
