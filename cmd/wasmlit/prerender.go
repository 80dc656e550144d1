package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/wasmlit/wasmlit/internal/atomicfile"
)

// The prerendered first paint (SPEC C7) and the prewarm bundle (C8). After a full build the app
// is compiled natively and run once with WASMLIT_PRERENDER set (wasm/prerender_other.go): it
// computes the calls marked with cache.Prewarm, runs the app's first run, and writes its elements
// as HTML and the marked records as prewarm/. The build puts the HTML into index.html, where the
// page shows it at once and the live session adopts it (host/adopt.js), and copies prewarm/ beside
// the page. An app that cannot run natively keeps the loader, with a line saying why.

const (
	// prerenderTimeout bounds the native run; an app slower than this keeps the loader.
	prerenderTimeout = 2 * time.Minute
	// noPrerenderEnv, set to any value, turns the prerender off for every app of a build.
	noPrerenderEnv = "WASMLIT_NO_PRERENDER"
	// prerenderFile keeps the last prerendered HTML beside the page, for assets-only rebuilds.
	prerenderFile = ".prerender.html"
	// appDiv is where web/index.html's page holds the app; the HTML goes inside it.
	appDiv = `<div id="app"></div>`
)

// prerenderReport is prerender.json, what the native run tells the build.
type prerenderReport struct {
	StoppedAt string   `json:"stoppedAt"`
	Prewarmed []string `json:"prewarmed"`
	Warnings  []string `json:"warnings"`
}

// prerender runs the native first run after a full build (and only re-injects the last one
// after an assets-only build), then puts its HTML into dst/index.html. A failure of the native
// run is not a build error: the page keeps its loader and the log says why.
func (b *Builder) prerender(ctx context.Context, app App, dst string, mode buildMode) error {
	if mode == fullBuild {
		if os.Getenv(noPrerenderEnv) != "" {
			clearPrerender(dst)
			return nil
		}
		if err := b.runPrerender(ctx, app, dst); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			clearPrerender(dst)
			b.Log.Printf("%-6s %-14s no prerendered first paint: %v. The page shows its loader until the module has loaded (docs/PRERENDER.md).", "note", app.Name, err)
			return nil
		}
	}
	frag, err := os.ReadFile(filepath.Join(dst, prerenderFile))
	if err != nil {
		return nil // none: the loader stays
	}
	page := filepath.Join(dst, "index.html")
	html, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	out, ok := injectPrerender(html, frag)
	if !ok {
		b.Log.Printf("%-6s %-14s no prerendered first paint: the page template has no %s to put it in", "note", app.Name, appDiv)
		return nil
	}
	return atomicfile.Write(page, out)
}

// injectPrerender puts frag into the page's app element and hides the loader, which the
// prerendered content replaces. It reports false when the page has no app element.
func injectPrerender(page, frag []byte) ([]byte, bool) {
	if !bytes.Contains(page, []byte(appDiv)) {
		return page, false
	}
	out := bytes.Replace(page, []byte(appDiv), []byte(`<div id="app" data-wl-prerendered>`+string(frag)+`</div>`), 1)
	out = bytes.Replace(out, []byte(`<div id="wl-loader" class="wl-loader"`), []byte(`<div id="wl-loader" class="wl-loader" hidden`), 1)
	return out, true
}

// clearPrerender removes what an earlier prerender left beside the page.
func clearPrerender(dst string) {
	os.Remove(filepath.Join(dst, prerenderFile))
	os.RemoveAll(filepath.Join(dst, "prewarm"))
}

// runPrerender builds app natively, runs it, and installs its HTML (dst/.prerender.html) and
// its prewarm bundle (dst/prewarm/).
func (b *Builder) runPrerender(ctx context.Context, app App, dst string) error {
	tmp, err := os.MkdirTemp(filepath.Dir(dst), ".prerender-"+app.Name+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "app-native")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, app.Rel)
	build.Dir = b.Root
	build.Env = nativeEnv()
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("it does not build natively (go build %s: %v: %s)", app.Rel, err, firstLine(string(out)))
	}
	out := filepath.Join(tmp, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		return err
	}
	rctx, cancel := context.WithTimeout(ctx, prerenderTimeout)
	defer cancel()
	run := exec.CommandContext(rctx, bin)
	run.Dir = app.Dir
	run.Env = append(nativeEnv(), "WASMLIT_PRERENDER="+out, "WASMLIT_PRERENDER_ROOT="+dst)
	var stderr bytes.Buffer
	run.Stderr = &stderr
	if err := run.Run(); err != nil {
		if rctx.Err() != nil && ctx.Err() == nil {
			return fmt.Errorf("its first run did not finish natively within %v", prerenderTimeout)
		}
		return fmt.Errorf("its first run failed natively: %s", lastLine(stderr.String(), err))
	}
	frag, err := os.ReadFile(filepath.Join(out, "prerender.html"))
	if err != nil {
		return errors.New("the native run wrote no HTML (it did not reach wasm.Run)")
	}
	var rep prerenderReport
	if data, err := os.ReadFile(filepath.Join(out, "prerender.json")); err == nil {
		_ = json.Unmarshal(data, &rep)
	}
	for _, w := range rep.Warnings {
		b.Log.Printf("%-6s %-14s %s", "note", app.Name, w)
	}
	if rep.StoppedAt != "" {
		b.Log.Printf("%-6s %-14s prerendered up to %s, which the browser computes (mark it with cache.Prewarm to ship it computed)", "note", app.Name, rep.StoppedAt)
	}
	os.RemoveAll(filepath.Join(dst, "prewarm"))
	if _, err := os.Stat(filepath.Join(out, "prewarm")); err == nil {
		if err := os.Rename(filepath.Join(out, "prewarm"), filepath.Join(dst, "prewarm")); err != nil {
			return err
		}
	}
	return atomicfile.Write(filepath.Join(dst, prerenderFile), frag)
}

// nativeEnv is the environment with GOOS and GOARCH taken out, so go build targets this machine.
func nativeEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOOS=") && !strings.HasPrefix(kv, "GOARCH=") {
			env = append(env, kv)
		}
	}
	return env
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func lastLine(s string, err error) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return err.Error()
	}
	lines := strings.Split(s, "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "panic:") {
			return l
		}
	}
	return lines[len(lines)-1]
}
