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
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/wasmlit/wasmlit/internal/atomicfile"
	"github.com/wasmlit/wasmlit/internal/weblibs"
)

// Builder builds apps into Out. The zero value is not usable: Root and Out are required.
// Build may be called again (serve -watch does) but not concurrently with itself.
type Builder struct {
	Root string  // module root (holds go.mod; in wasmlit's own checkout also host/, web/, examples/)
	Out  string  // output directory, usually Root/dist
	Log  *logger // progress lines; nil discards them

	// Jobs is how many apps build at once; 0 means runtime.NumCPU().
	Jobs int
	// BrotliQuality (0..11) for app.wasm.br; 0 means defaultBrotliQuality.
	BrotliQuality int
	// GzipLevel (1..9, or -1 for the default) for app.wasm.gz; 0 means defaultGzipLevel.
	GzipLevel int
	// MetaCSP puts the Content-Security-Policy into each app's page as a <meta http-equiv>, for
	// hosts that cannot send headers (GitHub Pages; docs/DEPLOY.md).
	MetaCSP bool
	// NoServiceWorker builds every app without a service worker (sw.go; serve -watch sets it, so
	// that no worker serves a stale build during live reload).
	NoServiceWorker bool
	// DevState compiles keeping session state across the dev server's reload (F3) into the
	// modules; serve -watch sets it. Without it a module is built with the tag
	// wasmlit_nodevstate and links none of that code (devstate_off.go in package wasm).
	DevState bool
	// Assets is where the page's files come from; nil picks them (source.go): the checkout's
	// host/ and web/ when Root is wasmlit itself, else the files embedded in the command.
	Assets *assetSource

	once     sync.Once
	onceErr  error
	wasmExec string // $(go env GOROOT)/lib/wasm/wasm_exec.js
	goflags  string // $(go env GOFLAGS)
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
		return nil, errors.New("no app to build: run wasmlit in the folder of your app's main package, or name its folder (wasmlit build ./myapp)")
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
				if te := (*ToolError)(nil); errors.As(err, &te) {
					errs[i] = err // the compiler's lines name the files already
				} else {
					errs[i] = fmt.Errorf("%s: %w", app.Rel, err)
				}
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

// prepare does the work shared by every app of a build: locate wasm_exec.js of the Go that
// builds the apps (once per process) and, in wasmlit's own checkout, regenerate web/lib when
// libs.json or package-lock.json changed (libs.go).
func (b *Builder) prepare(ctx context.Context) error {
	b.once.Do(func() {
		out, err := exec.CommandContext(ctx, "go", "env", "GOROOT", "GOFLAGS").Output()
		if err != nil {
			b.onceErr = fmt.Errorf("go env GOROOT: %w (wasmlit needs the go command on PATH)", err)
			return
		}
		goroot, goflags, _ := strings.Cut(string(out), "\n")
		b.wasmExec = filepath.Join(strings.TrimSpace(goroot), "lib", "wasm", "wasm_exec.js")
		b.goflags = strings.TrimSpace(goflags)
	})
	if b.onceErr != nil {
		return b.onceErr
	}
	if src := b.source(); src.tree != "" {
		web := filepath.Join(src.tree, "web")
		if _, err := os.Stat(filepath.Join(web, "libs.json")); err == nil {
			return weblibs.Refresh(ctx, b.Log.Printf, web)
		}
	}
	return nil
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
	// The page last: it names the module it preloads, which must be in place by then.
	var meta *appMeta
	if wasm != nil {
		var err error
		if meta, err = wasm.install(app, dst); err != nil {
			return err
		}
	} else {
		meta = readMeta(dst) // an assets-only rebuild keeps the module of the last full build
	}
	sw := b.wantsServiceWorker(app)
	if meta != nil && sw {
		meta.SW = swFile // the page registers the worker (sw.go)
	}
	if err := b.writeIndex(app, dst, meta); err != nil {
		return err
	}
	if err := b.prerender(ctx, app, dst, mode); err != nil { // prerender.go (C7, C8): rewrites index.html
		return err
	}
	return b.writeServiceWorker(dst, meta, sw) // last: it hashes the files above
}

// runGenerator runs the source-index generator cmd/wasmlit-gen on the app. It writes
// wasmlit_srcindex.gen.go into the app package (see package cache/funcid). The generator is the
// module's own cmd/wasmlit-gen in wasmlit's checkout, and otherwise the one of the wasmlit version
// the module requires (so that the table matches the cache package the app links); a module that
// does not require wasmlit has no cached functions to index.
func (b *Builder) runGenerator(ctx context.Context, app App) error {
	gen := "./cmd/wasmlit-gen"
	if !isMainPackage(filepath.Join(b.Root, "cmd", "wasmlit-gen")) {
		if _, requires := goModInfo(b.Root); !requires {
			return nil
		}
		gen = modulePath + "/cmd/wasmlit-gen"
	}
	args := []string{"run", gen, "-goos", "js", "-goarch", "wasm", app.Rel}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = b.Root
	if out, err := cmd.CombinedOutput(); err != nil {
		return &ToolError{Cmd: "go " + strings.Join(args, " "), Output: string(out), Err: err}
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
	cmd := exec.CommandContext(ctx, "go", append(b.buildFlags(), "-o", w.raw, app.Rel)...)
	cmd.Dir = b.Root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Remove(w.raw)
		return nil, &ToolError{Cmd: "GOOS=js GOARCH=wasm go build " + app.Rel, Output: string(out), Err: err}
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

// buildFlags returns "build" and the flags of every js/wasm build of an app: -trimpath, and the tag
// wasmlit_nodevstate unless b.DevState.
func (b *Builder) buildFlags() []string {
	args := []string{"build", "-trimpath"}
	if !b.DevState {
		args = append(args, "-tags", withTag(b.goflags, "wasmlit_nodevstate"))
	}
	return args
}

// withTag returns the -tags value that adds tag to the build tags goflags (GOFLAGS) sets: a -tags
// flag on the command line replaces those of GOFLAGS.
func withTag(goflags, tag string) string {
	tags := ""
	for _, f := range strings.Fields(goflags) {
		if v, ok := strings.CutPrefix(strings.TrimLeft(f, "-"), "tags="); ok {
			tags = v // the last one counts
		}
	}
	if tags = strings.Trim(tags, ","); tags == "" {
		return tag
	}
	return tags + "," + tag
}

// install moves the module into place, then its compressed copies (so a copy is never newer
// than a module it does not match: the server serves a copy only when it is not older), then
// writes app.json. It returns what it wrote to app.json.
func (w *builtWasm) install(app App, dst string) (*appMeta, error) {
	raw := filepath.Join(dst, "app.wasm")
	for _, m := range [][2]string{{w.raw, raw}, {w.br, raw + ".br"}, {w.gz, raw + ".gz"}} {
		if err := os.Rename(m[0], m[1]); err != nil {
			return nil, err
		}
	}
	w.raw, w.br, w.gz = "", "", ""
	meta := &appMeta{
		Name:    app.Name,
		Title:   app.Title,
		Wasm:    "app.wasm",
		Size:    w.size,
		BuildID: hex.EncodeToString(w.sum[:16]),
	}
	data, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return nil, err
	}
	return meta, atomicfile.Write(filepath.Join(dst, "app.json"), append(data, '\n'))
}

// readMeta reads dir/app.json, or returns nil when it is missing or not what the build writes.
func readMeta(dir string) *appMeta {
	data, err := os.ReadFile(filepath.Join(dir, "app.json"))
	if err != nil {
		return nil
	}
	var m appMeta
	if json.Unmarshal(data, &m) != nil || m.Wasm == "" || !localPath(m.Wasm) {
		return nil
	}
	return &m
}

// appMeta is dist/<name>/app.json.
type appMeta struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Wasm    string `json:"wasm"`
	Size    int    `json:"size"`
	BuildID string `json:"buildID"`
	SW      string `json:"-"` // the service worker the page registers (sw.go); "" for none
}

// renderIndex fills the web/index.html template for an app: {{TITLE}}; {{CSP}} with a <meta
// http-equiv> of the policy csp (nothing when csp is empty); and {{WASM}} with the link that
// preloads its module (nothing when meta is nil: the host then reads app.json).
//
// The preload starts the module's download while the page is parsed, before any script runs, and
// carries what host/host.js needs to start (name, size, build id), so no request waits on app.json.
// Its URL holds the build id (app.wasm?v=…), so a browser never pairs a new page with a module it
// cached from an older build, whatever caching headers the host sends.
func renderIndex(tmpl []byte, title string, meta *appMeta, csp string) []byte {
	out := bytes.ReplaceAll(tmpl, []byte("{{TITLE}}"), []byte(html.EscapeString(title)))
	if csp == "" {
		out = bytes.ReplaceAll(out, []byte("{{CSP}}\n"), nil)
	} else {
		out = bytes.ReplaceAll(out, []byte("{{CSP}}"), []byte(`<meta http-equiv="Content-Security-Policy" content="`+html.EscapeString(csp)+`">`))
	}
	link := ""
	if meta != nil {
		href := "./" + meta.Wasm
		if meta.BuildID != "" {
			href += "?v=" + url.QueryEscape(meta.BuildID)
		}
		sw := ""
		if meta.SW != "" {
			sw = ` data-sw="./` + html.EscapeString(meta.SW) + `"`
		}
		link = fmt.Sprintf(`<link rel="preload" id="wl-wasm" href="%s" as="fetch" crossorigin data-name="%s" data-size="%d" data-build-id="%s"%s>`,
			html.EscapeString(href), html.EscapeString(meta.Name), meta.Size, html.EscapeString(meta.BuildID), sw)
	}
	if link == "" {
		return bytes.ReplaceAll(out, []byte("{{WASM}}\n"), nil)
	}
	return bytes.ReplaceAll(out, []byte("{{WASM}}"), []byte(link))
}

// writeIndex writes dst/index.html for app from web/index.html.
func (b *Builder) writeIndex(app App, dst string, meta *appMeta) error {
	tmpl, err := fs.ReadFile(b.source().web, "index.html")
	if err != nil {
		return fmt.Errorf("page template: %w", err)
	}
	csp := ""
	if b.MetaCSP {
		csp = metaCSP()
	}
	return atomicfile.Write(filepath.Join(dst, "index.html"), renderIndex(tmpl, app.Title, meta, csp))
}

func (b *Builder) rel(p string) string {
	if r, err := filepath.Rel(b.Root, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
