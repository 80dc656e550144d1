package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
)

// wranglerVersion is the wrangler that runs the Worker locally: the newest that runs on Node 20;
// its bundled workerd needs no network. edge/package-lock.json pins it.
const wranglerVersion = "4.40.0"

// edgeRequested reports whether serve's arguments ask for the edge Worker (-edge).
func edgeRequested(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-edge" || a == "--edge" || a == "-edge=true" || a == "--edge=true" {
			return true
		}
	}
	return false
}

// runServeEdge is `wasmlit serve -edge APP_DIR`: it builds the app and its Worker and runs the
// Worker under `wrangler dev` (local, offline: the Worker's assets, KV and Cache API are kept by
// the bundled workerd under the Worker's .wrangler folder) until interrupted.
func runServeEdge(ctx context.Context, log *logger, args []string) error {
	fs := flag.NewFlagSet("serve -edge", flag.ContinueOnError)
	fs.Bool("edge", true, "serve the app's Cloudflare Worker under wrangler dev (docs/EDGE.md)")
	addr := fs.String("addr", "127.0.0.1:8787", "listen `address` of wrangler dev")
	out := fs.String("o", "dist", "output `dir`ectory of the static app")
	edgeOut := fs.String("edge-out", "dist-edge", "`dir`ectory of the Worker")
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", *addr, err)
	}
	root, err := findRoot()
	if err != nil {
		return err
	}
	wrangler, err := findWrangler(root)
	if err != nil {
		return err
	}
	apps := defaultApps(dirs)
	if len(apps) != 1 {
		return errors.New("serve -edge runs one app's Worker: name its folder (wasmlit serve -edge ./examples/shared)")
	}
	b := &Builder{Root: root, Out: absFrom(*out), Log: log, BrotliQuality: fastBrotliQuality, GzipLevel: fastGzipLevel}
	built, err := b.Build(ctx, apps)
	if err != nil {
		return err
	}
	eo := absFrom(*edgeOut)
	if err := b.BuildEdge(ctx, built, eo); err != nil {
		return err
	}
	dir := b.EdgeDir(eo, built[0])
	log.Printf("wrangler dev %s on http://%s", b.rel(dir), *addr)
	cmd := exec.CommandContext(ctx, wrangler, "dev", "--ip", host, "--port", port, "--show-interactive-dev-session=false")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), edgeEnv()...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil && ctx.Err() == nil {
		return &ToolError{Cmd: "wrangler dev", Err: err}
	}
	return nil
}

// edgeEnv keeps wrangler dev offline: no metrics; CI=1, no prompts; NODE_ENV=test, miniflare's
// placeholder Request.cf instead of a fetch of workers.cloudflare.com/cf.json at start. (wrangler
// 4.40.0 has no switch for its update check: offline it gives up within 2 s.)
func edgeEnv() []string {
	return []string{"WRANGLER_SEND_METRICS=false", "CI=1", "NODE_ENV=test"}
}

// findWrangler returns the wrangler to run: $WASMLIT_WRANGLER, or the one edge/package-lock.json
// installs in wasmlit's checkout.
func findWrangler(root string) (string, error) {
	if w := os.Getenv("WASMLIT_WRANGLER"); w != "" {
		return w, nil
	}
	w := filepath.Join(root, "edge", "node_modules", ".bin", "wrangler")
	if _, err := os.Stat(w); err == nil {
		return w, nil
	}
	return "", fmt.Errorf("no wrangler: run (cd edge && npm ci) in wasmlit's checkout, or install wrangler@%s and set WASMLIT_WRANGLER to it",
		wranglerVersion)
}
