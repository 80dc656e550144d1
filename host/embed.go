// Package host holds the browser side of wasmlit: the JavaScript modules and styles every page
// loads (host.js and what it imports). They are not Go; this file only embeds them, so that the
// wasmlit command carries them and builds an app from any module (SPEC F1).
package host

import "embed"

// Files is this folder: the command bundles host.js and what it imports from it, and copies its
// .js, .mjs and .css files into each built app.
//
//go:embed *
var Files embed.FS
