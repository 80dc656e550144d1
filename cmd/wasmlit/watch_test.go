package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

func TestWatchClassify_D1(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"examples/hello/main.go": "package main\n",
		"examples/other/main.go": "package main\n",
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
		for _, tc := range []struct {
			path string
			app  string
			mode buildMode
			ok   bool
		}{
			{"examples/hello/main.go", "hello", fullBuild, true},
			{"examples/hello/static/data.csv", "hello", fullBuild, true},
			{"examples/hello/wasmlit_srcindex.gen.go", "", 0, false}, // the build writes it
			{"examples/hello/main_test.go", "", 0, false},
			{"examples/hello/.main.go.swp", "", 0, false},
			{"wasm/session.go", "", fullBuild, true},
			{"cache/funcid/table.go", "", fullBuild, true},
			{"go.mod", "", fullBuild, true},
			{"host/host.js", "", assetsOnly, true},
			{"host/components/grid.css", "", assetsOnly, true},
			{"web/theme.css", "", assetsOnly, true},
			{"docs/PROTOCOL.md", "", 0, false},
			{"README.md", "", 0, false},
		} {
			app, mode, ok := w.classify(filepath.Join(root, filepath.FromSlash(tc.path)))
			if app != tc.app || mode != tc.mode || ok != tc.ok {
				t.Errorf("gallery=%v %s: (%q, %v, %v), want (%q, %v, %v)", gallery, tc.path, app, mode, ok, tc.app, tc.mode, tc.ok)
			}
		}
		// Another example rebuilds only in gallery mode, where every example is served.
		app, _, ok := w.classify(filepath.Join(root, "examples/other/main.go"))
		if ok != gallery || (gallery && app != "other") {
			t.Errorf("gallery=%v examples/other: (%q, %v)", gallery, app, ok)
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
