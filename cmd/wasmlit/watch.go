package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the watcher waits after the last change before it builds: an editor's
// save (write, rename, chmod) and a git checkout each arrive as a burst of events.
const debounce = 200 * time.Millisecond

// skipDirs are never watched: outputs, dependencies and tooling that no app build reads.
var skipDirs = map[string]bool{
	".git": true, "node_modules": true, "dist": true, "playwright": true, "bench": true,
	"test-results": true, "playwright-report": true, "docs": true,
}

// watcher rebuilds apps when their sources change and tells the pages through a broker.
// Run owns it after initialBuild; it is not safe for concurrent use.
type watcher struct {
	b      *Builder
	args   []string // app directories from the command line; none means every example + gallery
	apps   []App
	events *broker
	log    *logger
	fsw    *fsnotify.Watcher
	sums   map[string][sha256.Size]byte // content of every relevant file at the last look
	// deps holds, per app name, the folders of the packages its build compiles (not the standard
	// library's), as go list gives them after each build; a .go file elsewhere rebuilds only the
	// apps whose deps hold its folder. An app missing here (its deps unknown) is rebuilt by any.
	deps map[string]map[string]bool
}

func newWatcher(b *Builder, args []string, events *broker, log *logger) (*watcher, error) {
	apps, err := resolveApps(b.Root, args)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{b: b, args: args, apps: apps, events: events, log: log, fsw: fsw, sums: map[string][sha256.Size]byte{}, deps: map[string]map[string]bool{}}
	if err := w.addTree(b.Root); err != nil {
		fsw.Close()
		return nil, err
	}
	return w, nil
}

func (w *watcher) Close() error { return w.fsw.Close() }

// initialBuild builds every watched app (and the gallery), reporting failures to the pages.
func (w *watcher) initialBuild(ctx context.Context) {
	start := time.Now()
	full := map[string]bool{}
	for _, a := range w.apps {
		full[a.Name] = true
	}
	w.rebuild(ctx, full, nil)
	w.log.Printf("initial build took %.1fs", time.Since(start).Seconds())
}

// addTree watches dir and every folder below it that a build may read, and records the
// content of the relevant files in it.
func (w *watcher) addTree(dir string) error {
	out, _ := filepath.Abs(w.b.Out)
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != w.b.Root && (skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".") || p == out ||
				p == filepath.Join(w.b.Root, "cmd", "wasmlit")) {
				return fs.SkipDir
			}
			return w.fsw.Add(p)
		}
		if _, _, ok := w.classify(p); ok {
			w.changed(p)
		}
		return nil
	})
}

// classify says what a change to the file p rebuilds: the named apps (nil: every app), and how.
// ok is false for files no build reads, and for the files the build writes itself.
func (w *watcher) classify(p string) (apps []string, mode buildMode, ok bool) {
	rel, err := filepath.Rel(w.b.Root, p)
	if err != nil {
		return nil, 0, false
	}
	rel = filepath.ToSlash(rel)
	base := filepath.Base(p)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".tmp") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, "_test.go") || base == srcIndexName {
		return nil, 0, false
	}
	for _, a := range w.apps {
		if p == a.Dir || strings.HasPrefix(p, a.Dir+string(filepath.Separator)) {
			if strings.HasSuffix(base, ".gen.go") || w.isDataOutput(a, p) {
				// Written by the build itself (cmd/wasmlit-gen, the data step): watching it would loop.
				return nil, 0, false
			}
			return []string{a.Name}, fullBuild, true // any file: go:embed and static/ read them all
		}
	}
	switch {
	case strings.HasPrefix(rel, "examples/"):
		// An example that is not served; in gallery mode a new one is picked up by rediscovery.
		if parts := strings.Split(rel, "/"); len(w.args) == 0 && len(parts) > 2 {
			return []string{parts[1]}, fullBuild, true
		}
		return nil, 0, false
	case (strings.HasPrefix(rel, "host/") || strings.HasPrefix(rel, "web/")) && w.b.source().tree != "":
		// wasmlit's own checkout: the page's files (in a user's module they are embedded).
		return nil, assetsOnly, true
	case rel == "go.mod", rel == "go.sum", rel == "go.work":
		return nil, fullBuild, true
	case strings.HasSuffix(rel, ".go"):
		dir := filepath.Dir(p)
		for _, a := range w.apps {
			if deps, known := w.deps[a.Name]; !known || deps[dir] {
				apps = append(apps, a.Name)
			}
		}
		return apps, fullBuild, len(apps) > 0
	}
	return nil, 0, false
}

// srcIndexName is the file cmd/wasmlit-gen writes into each app package.
const srcIndexName = "wasmlit_srcindex.gen.go"

// isDataOutput reports whether p is a file the app's data step declares (datastep.go).
func (w *watcher) isDataOutput(a App, p string) bool {
	outputs, err := declaredOutputs(filepath.Join(a.Dir, dataStepFile))
	if err != nil {
		return false
	}
	for _, o := range outputs {
		if filepath.Join(a.Dir, filepath.FromSlash(o)) == p {
			return true
		}
	}
	return false
}

// refreshDeps asks go list for the package folders each app's build compiles (for js/wasm, as
// the build does). An app whose list fails keeps no entry, so that any .go change rebuilds it.
func (w *watcher) refreshDeps(ctx context.Context, apps []App) {
	for _, a := range apps {
		cmd := exec.CommandContext(ctx, "go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.Dir}}{{end}}", a.Rel)
		cmd.Dir = w.b.Root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			delete(w.deps, a.Name)
			continue
		}
		dirs := map[string]bool{}
		for _, d := range strings.Fields(string(out)) {
			dirs[d] = true
		}
		w.deps[a.Name] = dirs
	}
}

// changed reports whether p's content differs from the last look, and records it.
// A file that disappeared counts as changed once.
func (w *watcher) changed(p string) bool {
	data, err := os.ReadFile(p)
	if err != nil {
		_, had := w.sums[p]
		delete(w.sums, p)
		return had
	}
	sum := sha256.Sum256(data)
	old, had := w.sums[p]
	w.sums[p] = sum
	return !had || old != sum
}

// Run handles file events until ctx is done.
func (w *watcher) Run(ctx context.Context) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.log.Printf("watch: %v", err)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					// A new folder (a new example, a package): watch it and take its files.
					w.addTreeChanged(ev.Name, pending)
				}
			}
			pending[ev.Name] = true
			timer.Reset(debounce)
		case <-timer.C:
			w.process(ctx, pending)
			pending = map[string]bool{}
		}
	}
}

// addTreeChanged watches a new folder and marks its files as pending.
func (w *watcher) addTreeChanged(dir string, pending map[string]bool) {
	if err := w.addTree(dir); err != nil {
		w.log.Printf("watch %s: %v", dir, err)
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			pending[p] = true
			delete(w.sums, p) // addTree recorded it; it is new all the same
		}
		return nil
	})
}

// process rebuilds what the pending changes touch.
func (w *watcher) process(ctx context.Context, pending map[string]bool) {
	full := map[string]bool{}
	assets := false
	allFull := false
	var files []string
	for p := range pending {
		apps, mode, ok := w.classify(p)
		if !ok || !w.changed(p) {
			continue
		}
		files = append(files, w.b.rel(p))
		switch {
		case apps != nil:
			for _, a := range apps {
				full[a] = true
			}
		case mode == fullBuild:
			allFull = true
		default:
			assets = true
		}
	}
	if len(files) == 0 {
		return
	}
	sort.Strings(files)
	w.log.Printf("changed: %s", strings.Join(files, ", "))
	if len(w.args) == 0 { // gallery mode: pick up new and removed examples
		if apps, err := discoverApps(w.b.Root); err == nil {
			w.apps = apps
		}
	}
	var assetApps map[string]bool
	for _, a := range w.apps {
		if allFull {
			full[a.Name] = true
		} else if assets && !full[a.Name] {
			if assetApps == nil {
				assetApps = map[string]bool{}
			}
			assetApps[a.Name] = true
		}
	}
	w.rebuild(ctx, full, assetApps)
}

// rebuild builds the named apps (full) and refreshes the assets of others, then tells the pages.
func (w *watcher) rebuild(ctx context.Context, full, assets map[string]bool) {
	var fullApps, assetApps []App
	for _, a := range w.apps {
		if full[a.Name] {
			fullApps = append(fullApps, a)
		} else if assets[a.Name] {
			assetApps = append(assetApps, a)
		}
	}
	errs := append(w.b.buildEach(ctx, fullApps, fullBuild), w.b.buildEach(ctx, assetApps, assetsOnly)...)
	if ctx.Err() != nil {
		return
	}
	var ok []string
	var failed []error
	var built []App
	for i, a := range append(fullApps, assetApps...) {
		if errs[i] != nil {
			failed = append(failed, errs[i])
		} else {
			ok = append(ok, a.Name)
			if i < len(fullApps) {
				built = append(built, a)
			}
		}
	}
	w.refreshDeps(ctx, built) // imports may have changed
	if len(w.args) == 0 {
		if err := w.b.WriteGallery(w.apps); err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		err := errors.Join(failed...)
		w.log.Printf("BUILD FAILED (pages keep the last good build):\n%v", err)
		w.events.Failed(err.Error())
		if len(ok) > 0 {
			w.events.Reloaded(ok)
			w.events.Failed(err.Error()) // Reloaded cleared it; the failure still stands
		}
		return
	}
	w.log.Printf("rebuilt %s", strings.Join(ok, ", "))
	w.events.Reloaded(ok)
}
