package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Builder builds apps into Out. The zero value is not usable: Root and Out are required.
// Build may be called again (serve -watch does) but not concurrently with itself.
type Builder struct {
	Root string  // module root (holds go.mod, host/, web/, examples/)
	Out  string  // output directory, usually Root/dist
	Log  *logger // progress lines; nil discards them

	// Jobs is how many apps build at once; 0 means runtime.NumCPU().
	Jobs int
	// BrotliQuality (0..11) for app.wasm.br; 0 means defaultBrotliQuality.
	BrotliQuality int
	// GzipLevel (1..9, or -1 for the default) for app.wasm.gz; 0 means defaultGzipLevel.
	GzipLevel int

	once     sync.Once
	onceErr  error
	wasmExec string // $(go env GOROOT)/lib/wasm/wasm_exec.js
}

// buildMode says how much of an app to rebuild.
type buildMode int

const (
	fullBuild  buildMode = iota // data step, generator, go build, compression, assets
	assetsOnly                  // host/, web/ and static/ files only (after a host or theme edit)
)

// Build builds the apps named by dirs (every example when none) and, when dirs is empty, the
// gallery. It returns the apps it built; errors of several apps are joined.
func (b *Builder) Build(ctx context.Context, dirs []string) ([]App, error) {
	apps, err := resolveApps(b.Root, dirs)
	if err != nil {
		return nil, err
	}
	if len(apps) == 0 {
		b.Log.Printf("no apps found (examples/* with a main package)")
	}
	err = b.BuildApps(ctx, apps, fullBuild)
	if err == nil && len(dirs) == 0 {
		err = b.WriteGallery(apps)
	}
	return apps, err
}

// BuildApps builds apps in parallel, at most Jobs at a time, and joins their errors.
func (b *Builder) BuildApps(ctx context.Context, apps []App, mode buildMode) error {
	return errors.Join(b.buildEach(ctx, apps, mode)...)
}

// buildEach builds apps in parallel and returns one error (or nil) per app, in order.
func (b *Builder) buildEach(ctx context.Context, apps []App, mode buildMode) []error {
	errs := make([]error, len(apps))
	if err := b.prepare(ctx); err != nil {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	jobs := b.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, app := range apps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			if err := b.buildApp(ctx, app, mode); err != nil {
				errs[i] = fmt.Errorf("%s: %w", app.Rel, err)
				return
			}
			what := "built"
			if mode == assetsOnly {
				what = "assets"
			}
			b.Log.Printf("%-6s %-14s -> %s (%.1fs)", what, app.Name, b.rel(filepath.Join(b.Out, app.Name)), time.Since(start).Seconds())
		}()
	}
	wg.Wait()
	return errs
}

// prepare does the once-per-process work shared by every app: locate wasm_exec.js and install
// the npm libraries when web/node_modules is missing.
func (b *Builder) prepare(ctx context.Context) error {
	b.once.Do(func() {
		out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
		if err != nil {
			b.onceErr = fmt.Errorf("go env GOROOT: %w", err)
			return
		}
		b.wasmExec = filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js")
		b.onceErr = b.ensureNodeModules(ctx)
	})
	return b.onceErr
}

func (b *Builder) buildApp(ctx context.Context, app App, mode buildMode) error {
	dst := filepath.Join(b.Out, app.Name)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	var wasm *builtWasm
	if mode == fullBuild {
		if err := b.runDataStep(ctx, app); err != nil { // the app's gen.go, if any (datastep.go)
			return err
		}
		if err := b.runGenerator(ctx, app); err != nil {
			return err
		}
		var err error
		if wasm, err = b.compile(ctx, app, dst); err != nil {
			return err
		}
		defer wasm.cleanup()
	}
	if err := b.copyAssets(app, dst); err != nil {
		return err
	}
	if wasm != nil {
		return wasm.install(app, dst)
	}
	return nil
}

// runGenerator runs the source-index generator cmd/wasmlit-gen on the app, if the module has
// one. It writes wasmlit_srcindex.gen.go into the app package (see package cache/funcid).
func (b *Builder) runGenerator(ctx context.Context, app App) error {
	if !isMainPackage(filepath.Join(b.Root, "cmd", "wasmlit-gen")) {
		return nil
	}
	cmd := exec.CommandContext(ctx, "go", "run", "./cmd/wasmlit-gen", "-goos", "js", "-goarch", "wasm", app.Rel)
	cmd.Dir = b.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go run ./cmd/wasmlit-gen -goos js -goarch wasm %s: %w\n%s", app.Rel, err, bytes.TrimSpace(out))
	}
	return nil
}

// builtWasm is a compiled module and its compressed copies, still under temporary names so that
// a failed build leaves the last good one in place.
type builtWasm struct {
	raw, br, gz string // temporary paths
	size        int
	sum         [sha256.Size]byte
}

func (w *builtWasm) cleanup() {
	for _, p := range []string{w.raw, w.br, w.gz} {
		if p != "" {
			os.Remove(p)
		}
	}
}

// compile runs GOOS=js GOARCH=wasm go build and writes the compressed copies beside it.
func (b *Builder) compile(ctx context.Context, app App, dst string) (*builtWasm, error) {
	w := &builtWasm{raw: filepath.Join(dst, fmt.Sprintf(".app.wasm.%d.tmp", os.Getpid()))}
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", w.raw, app.Rel)
	cmd.Dir = b.Root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Remove(w.raw)
		return nil, fmt.Errorf("go build: %w\n%s", err, bytes.TrimSpace(out))
	}
	data, err := os.ReadFile(w.raw)
	if err != nil {
		w.cleanup()
		return nil, err
	}
	w.size = len(data)
	w.sum = sha256.Sum256(data)
	w.br, w.gz = w.raw+".br", w.raw+".gz"
	if err := compressFiles(data, w.br, w.gz, b.BrotliQuality, b.GzipLevel); err != nil {
		w.cleanup()
		return nil, err
	}
	return w, nil
}

// install moves the module into place, then its compressed copies (so a copy is never newer
// than a module it does not match: the server serves a copy only when it is not older), then
// writes app.json.
func (w *builtWasm) install(app App, dst string) error {
	raw := filepath.Join(dst, "app.wasm")
	for _, m := range [][2]string{{w.raw, raw}, {w.br, raw + ".br"}, {w.gz, raw + ".gz"}} {
		if err := os.Rename(m[0], m[1]); err != nil {
			return err
		}
	}
	w.raw, w.br, w.gz = "", "", ""
	meta, err := json.MarshalIndent(appMeta{
		Name:    app.Name,
		Title:   app.Title,
		Wasm:    "app.wasm",
		Size:    w.size,
		BuildID: hex.EncodeToString(w.sum[:16]),
	}, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dst, "app.json"), append(meta, '\n'))
}

// appMeta is dist/<name>/app.json.
type appMeta struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Wasm    string `json:"wasm"`
	Size    int    `json:"size"`
	BuildID string `json:"buildID"`
}

// renderIndex fills the web/index.html template for an app.
func renderIndex(tmpl []byte, title string, preloads []string) []byte {
	var links bytes.Buffer
	for _, p := range preloads {
		fmt.Fprintf(&links, "<link rel=\"modulepreload\" href=\"./%s\">\n", html.EscapeString(p))
	}
	out := bytes.ReplaceAll(tmpl, []byte("{{TITLE}}"), []byte(html.EscapeString(title)))
	return bytes.ReplaceAll(out, []byte("{{PRELOAD}}\n"), links.Bytes())
}

// hostModules lists the host's JavaScript modules (host/**/*.js, slash-separated, sorted), which the
// page preloads: the browser then fetches them all at once instead of discovering them import by
// import, a round trip per level (measured: about a third of a warm start's time before the wasm
// download began).
func hostModules(root string) ([]string, error) {
	var mods []string
	host := filepath.Join(root, "host")
	err := filepath.WalkDir(host, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".js" {
			return err
		}
		rel, err := filepath.Rel(root, p)
		mods = append(mods, filepath.ToSlash(rel))
		return err
	})
	sort.Strings(mods)
	return mods, err
}

func (b *Builder) rel(p string) string {
	if r, err := filepath.Rel(b.Root, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
