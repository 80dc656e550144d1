// Package web holds the page template, the theme and the browser libraries an app may load. It
// embeds them, so that the wasmlit command carries them and builds an app from any module (SPEC F1).
//
// lib/ is generated from node_modules (installed by npm from package-lock.json) as libs.json
// lists it, and committed, since a module fetched with go get has no node_modules; libs.sum.json
// records what it was made from, and a test of cmd/wasmlit fails when it is stale. After a change
// to libs.json or package.json: npm ci here, then go generate ./web (or ./build.sh libs).
package web

import "embed"

//go:generate go run ../cmd/wasmlit-libs

// Files holds index.html (the page template), theme.css and lib/ (the libraries of libs.json).
//
//go:embed index.html theme.css lib
var Files embed.FS
