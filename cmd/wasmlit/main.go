// Command wasmlit builds wasmlit apps into static folders and serves them for development.
//
// Usage:
//
//	wasmlit build [-o dist] [-csp-meta] [APP_DIR...]
//	wasmlit serve [-addr 127.0.0.1:8080] [-dir dist] [-watch] [-base /] [-csp policy|off] [APP_DIR...]
//
// build compiles each app (default: every examples/* main package) to dist/<name>/ together with
// the host shim, the theme and the browser libraries, so that the folder works from any static
// host under any base path. With no APP_DIR it also writes the gallery dist/index.html.
//
// serve is a small static file server with the right MIME types, precompressed wasm, gzip for
// text and ETag revalidation. It sends a strict Content-Security-Policy with every file, the one a
// deployed site should send (docs/DEPLOY.md); -csp replaces it, -csp off drops it. With -watch it
// first builds, then rebuilds on every source change and reloads open pages through Server-Sent
// Events.
//
// The commands expect to run inside the wasmlit module (they look for go.mod upwards from the
// working directory).
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
		err = runServe(ctx, log, os.Args[2:])
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
  wasmlit build [-o dist] [-csp-meta] [APP_DIR...]
  wasmlit serve [-addr 127.0.0.1:8080] [-dir dist] [-watch] [-base /] [-csp policy|off] [APP_DIR...]
`)
}

// runBuild is the build command: it parses flags, finds the module root and builds.
func runBuild(ctx context.Context, log *logger, args []string) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fs.String("o", "dist", "output `dir`ectory")
	br := fs.Int("brotli", defaultBrotliQuality, "brotli `quality` (1-11) of app.wasm.br; 11 is about 12% smaller and 25 times slower than 9")
	jobs := fs.Int("j", 0, "apps built at once (0: one per CPU)")
	meta := fs.Bool("csp-meta", false, "put the Content-Security-Policy into each page as a <meta http-equiv>, for hosts that cannot send headers (docs/DEPLOY.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := findRoot()
	if err != nil {
		return err
	}
	b := &Builder{Root: root, Out: absFrom(*out), Log: log, BrotliQuality: *br, Jobs: *jobs, MetaCSP: *meta}
	_, err = b.Build(ctx, fs.Args())
	return err
}
