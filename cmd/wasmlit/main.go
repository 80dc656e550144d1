// Command wasmlit builds, serves and tests wasmlit apps, and starts new ones. It works in any Go
// module that requires github.com/wasmlit/wasmlit: the page template, the host modules, the theme
// and the browser libraries are embedded in it (SPEC F1); wasm_exec.js comes from the Go that
// builds the app.
//
// Usage:
//
//	wasmlit new [-replace DIR] [-module PATH] NAME
//	wasmlit build [-o dist] [-csp-meta] [-sw=false] [APP_DIR...]
//	wasmlit serve [-addr 127.0.0.1:8080] [-dir dist] [-watch=true] [-base /] [-csp policy|off] [APP_DIR...]
//	wasmlit test [go test flags and packages]
//
// new writes a module in the folder NAME: go.mod, an app (main.go), its headless test
// (main_test.go, package wasm/wasmtest), a README and a .gitignore; then runs go mod tidy there.
// Until wasmlit is published, -replace DIR points the module at a local checkout.
//
// build compiles each app to dist/<name>/ together with the host shim, the theme and the browser
// libraries, so that the folder works from any static host under any base path. Without APP_DIR it
// builds the app in the working directory when that is a main package, and otherwise every
// examples/* main package of the module and the gallery dist/index.html. Each app gets a service
// worker (sw.js) that keeps it working offline and offers a reload when a new build is deployed;
// -sw=false, or a //wasmlit:no-service-worker line in the app, builds it without (docs/DEPLOY.md).
//
// serve builds, serves dist/ on -addr (or 127.0.0.1:$PORT when PORT is set), rebuilds the apps a
// saved change touches and reloads their pages, which get their widget values and session state
// back. -watch=false serves a dist/ already built. The server sends the files with the right MIME
// types, precompressed wasm, gzip for text, ETag revalidation and the strict
// Content-Security-Policy a deployed site should send (docs/DEPLOY.md); -csp replaces it, -csp off
// drops it.
//
// test writes the source tables of the apps (as build does) and runs go test (default ./...).
//
// The commands look for go.mod upwards from the working directory. Inside wasmlit's own checkout
// they read host/ and web/ from the tree, so that edits show on the next build.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	log := newLogger(os.Stderr)
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var err error
	switch os.Args[1] {
	case "build":
		err = runBuild(ctx, log, os.Args[2:])
	case "serve":
		if edgeRequested(os.Args[2:]) {
			err = runServeEdge(ctx, log, os.Args[2:]) // edge_serve.go
		} else {
			err = runServe(ctx, log, os.Args[2:])
		}
	case "test":
		err = runTest(ctx, log, os.Args[2:])
	case "new":
		err = runNew(ctx, log, os.Args[2:])
	case "-h", "-help", "--help", "help":
		usage()
		return
	default:
		fmt.Fprintf(os.Stderr, "wasmlit: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmlit:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  wasmlit new [-replace DIR] [-module PATH] NAME
  wasmlit build [-o dist] [-csp-meta] [-sw=false] [-edge [-edge-out dist-edge]] [APP_DIR...]
  wasmlit serve [-addr 127.0.0.1:8080] [-dir dist] [-watch=true] [-base /] [-csp policy|off] [APP_DIR...]
  wasmlit serve -edge [-addr 127.0.0.1:8787] [-o dist] [-edge-out dist-edge] APP_DIR
  wasmlit test [go test flags and packages]
`)
}

// runBuild is the build command: it parses flags, finds the module root and builds.
func runBuild(ctx context.Context, log *logger, args []string) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fs.String("o", "dist", "output `dir`ectory")
	br := fs.Int("brotli", defaultBrotliQuality, "brotli `quality` (1-11) of app.wasm.br; 11 is about 12% smaller and 25 times slower than 9")
	jobs := fs.Int("j", 0, "apps built at once (0: one per CPU)")
	edge := fs.Bool("edge", false, "also write each app's Cloudflare Worker (shared functions, docs/EDGE.md) into -edge-out")
	edgeOut := fs.String("edge-out", "dist-edge", "`dir`ectory of the Workers written by -edge")
	meta := fs.Bool("csp-meta", false, "put the Content-Security-Policy into each page as a <meta http-equiv>, for hosts that cannot send headers (docs/DEPLOY.md)")
	sw := fs.Bool("sw", true, "write a service worker into each app, so that it works offline after one visit (docs/DEPLOY.md); -sw=false writes one that removes itself")
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	root, err := findRoot()
	if err != nil {
		return err
	}
	b := &Builder{Root: root, Out: absFrom(*out), Log: log, BrotliQuality: *br, Jobs: *jobs, MetaCSP: *meta, NoServiceWorker: !*sw}
	apps, err := b.Build(ctx, defaultApps(dirs))
	if err == nil && *edge {
		err = b.BuildEdge(ctx, apps, absFrom(*edgeOut))
	}
	return err
}

// defaultApps returns dirs, or "." when dirs is empty and the working directory holds a main
// package (the app of a user's module); an empty result means every example of the module.
func defaultApps(dirs []string) []string {
	if len(dirs) == 0 && isMainPackage(".") {
		return []string{"."}
	}
	return dirs
}
