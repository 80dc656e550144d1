package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWatchClassify_D1 (and F3): a change rebuilds only the apps it touches, never for a file the
// build writes itself.
func TestWatchClassify_D1(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"examples/hello/main.go": "package main\n",
		"examples/other/main.go": "package main\n",
		"examples/hello/gen.go":  "package main\n\n//wasmlit:generates static/made.csv\n",
		"go.mod":                 "module github.com/wasmlit/wasmlit\n",
		"host/host.js":           "export {};\n",
	})
	for _, gallery := range []bool{true, false} {
		var args []string
		if !gallery {
			args = []string{filepath.Join(root, "examples/hello")}
		}
		apps, err := resolveApps(root, args)
		if err != nil {
			t.Fatal(err)
		}
		w := &watcher{b: &Builder{Root: root, Out: filepath.Join(root, "dist")}, args: args, apps: apps}
		// What go list says each app compiles: hello uses wasm/, other uses cache/funcid too.
		w.deps = map[string]map[string]bool{
			"hello": {filepath.Join(root, "wasm"): true},
			"other": {filepath.Join(root, "wasm"): true, filepath.Join(root, "cache/funcid"): true},
		}
		both := "hello other"
		if !gallery {
			both = "hello"
		}
		for _, tc := range []struct {
			path string
			apps string // space-separated; "" with ok means every app
			mode buildMode
			ok   bool
		}{
			{"examples/hello/main.go", "hello", fullBuild, true},
			{"examples/hello/static/data.csv", "hello", fullBuild, true},
			{"examples/hello/wasmlit_srcindex.gen.go", "", 0, false}, // the build writes it
			{"examples/hello/static/made.csv", "", 0, false},         // so does the data step
			{"examples/hello/main_test.go", "", 0, false},
			{"examples/hello/.main.go.swp", "", 0, false},
			{"wasm/session.go", both, fullBuild, true},
			{"wasm/wasmlit_srcindex.gen.go", "", 0, false},
			{"go.mod", "", fullBuild, true},
			{"host/host.js", "", assetsOnly, true},
			{"host/components/grid.css", "", assetsOnly, true},
			{"web/theme.css", "", assetsOnly, true},
			{"docs/PROTOCOL.md", "", 0, false},
			{"README.md", "", 0, false},
			{"internal/unused/x.go", "", 0, false}, // no app compiles it
		} {
			names, mode, ok := w.classify(filepath.Join(root, filepath.FromSlash(tc.path)))
			if strings.Join(names, " ") != tc.apps || mode != tc.mode || ok != tc.ok {
				t.Errorf("gallery=%v %s: (%q, %v, %v), want (%q, %v, %v)", gallery, tc.path, names, mode, ok, tc.apps, tc.mode, tc.ok)
			}
		}
		// Only the apps that compile a package rebuild when it changes (F3).
		names, _, ok := w.classify(filepath.Join(root, "cache/funcid/table.go"))
		if want := map[bool]string{true: "other", false: ""}[gallery]; strings.Join(names, " ") != want || ok != gallery {
			t.Errorf("gallery=%v cache/funcid/table.go: (%q, %v), want %q", gallery, names, ok, want)
		}
		// Another example rebuilds only in gallery mode, where every example is served.
		names, _, ok = w.classify(filepath.Join(root, "examples/other/main.go"))
		if ok != gallery || (gallery && strings.Join(names, " ") != "other") {
			t.Errorf("gallery=%v examples/other: (%q, %v)", gallery, names, ok)
		}
	}
}

func TestWatchChangedIgnoresSameContent_D1(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.go")
	w := &watcher{sums: map[string][sha256.Size]byte{}}
	os.WriteFile(p, []byte("one"), 0o644)
	if !w.changed(p) {
		t.Error("first look: want changed")
	}
	os.WriteFile(p, []byte("one"), 0o644) // an editor saving without edits, a generator rerun
	if w.changed(p) {
		t.Error("same content: want unchanged")
	}
	os.WriteFile(p, []byte("two"), 0o644)
	if !w.changed(p) {
		t.Error("new content: want changed")
	}
	os.Remove(p)
	if !w.changed(p) || w.changed(p) {
		t.Error("removal counts once")
	}
}

// TestRefreshDeps_F3: the folders go list gives for an app are those of the packages it compiles,
// so a change to a package it does not import rebuilds nothing.
func TestRefreshDeps_F3(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	root, err := findRoot()
	if err != nil || !isCheckout(root) {
		t.Skip("not in wasmlit's checkout")
	}
	apps, err := resolveApps(root, []string{filepath.Join(root, "examples/hello")})
	if err != nil {
		t.Fatal(err)
	}
	w := &watcher{b: &Builder{Root: root}, apps: apps, deps: map[string]map[string]bool{}}
	w.refreshDeps(t.Context(), apps)
	deps := w.deps["hello"]
	if !deps[filepath.Join(root, "wasm")] || !deps[filepath.Join(root, "examples/hello")] {
		t.Errorf("hello's deps lack wasm/ or the app itself: %v", deps)
	}
	if deps[filepath.Join(root, "sqlite")] || deps[filepath.Join(root, "cmd/wasmlit")] {
		t.Errorf("hello's deps hold packages it does not import: %v", deps)
	}
}
