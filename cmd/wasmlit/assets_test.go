package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeRoot is a module tree with everything copyAssets reads.
func fakeRoot(t *testing.T) (root string, b *Builder) {
	t.Helper()
	root = t.TempDir()
	writeFiles(t, root, map[string]string{
		"web/index.html":               "<title>{{TITLE}}</title><script src=\"./host/host.js\"></script>",
		"web/theme.css":                "body{}",
		"web/lib/lib-x/x.js":           "export const x = 1;",
		"host/host.js":                 "import './components/grid.js';",
		"host/components/grid.js":      "export {};",
		"host/components/grid.css":     ".g{}",
		"host/README.md":               "not copied",
		"host/components/notes.txt":    "not copied",
		"examples/app/main.go":         "// App is a test.\npackage main\n",
		"examples/app/static/d.csv":    "a,b\n1,2\n",
		"examples/app/static/s/x.txt":  "x",
		"goroot/lib/wasm/wasm_exec.js": "// wasm_exec",
	})
	return root, &Builder{Root: root, Out: filepath.Join(root, "dist"), wasmExec: filepath.Join(root, "goroot/lib/wasm/wasm_exec.js"), Assets: treeAssets(root)}
}

func listTree(t *testing.T, dir string) string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return strings.Join(files, " ")
}

func TestCopyAssets_C3(t *testing.T) {
	root, b := fakeRoot(t)
	app, err := loadApp(root, filepath.Join(root, "examples/app"))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(b.Out, "app")
	copyAll := func() error {
		if err := b.copyAssets(app, dst); err != nil {
			return err
		}
		return b.writeIndex(app, dst, nil)
	}
	if err := copyAll(); err != nil {
		t.Fatal(err)
	}
	want := "_headers host/bundle.js host/bundle.js.map host/components/grid.css host/components/grid.js host/host.js index.html " +
		"lib/lib-x/x.js static/d.csv static/s/x.txt theme.css wasm_exec.js"
	if got := listTree(t, dst); got != want {
		t.Errorf("dist/app holds\n %s\nwant\n %s", got, want)
	}
	page, _ := os.ReadFile(filepath.Join(dst, "index.html"))
	if !strings.Contains(string(page), "<title>App is a test</title>") {
		t.Errorf("index.html: %s", page)
	}

	// A second run removes what left the sources and keeps what did not change.
	os.Remove(filepath.Join(root, "host/components/grid.css"))
	os.Remove(filepath.Join(root, "web/lib/lib-x/x.js")) // a library no longer listed
	before, _ := os.Stat(filepath.Join(dst, "host/host.js"))
	bundleBefore, _ := os.Stat(filepath.Join(dst, "host/bundle.js"))
	if err := copyAll(); err != nil {
		t.Fatal(err)
	}
	want = "_headers host/bundle.js host/bundle.js.map host/components/grid.js host/host.js index.html static/d.csv static/s/x.txt theme.css wasm_exec.js"
	if got := listTree(t, dst); got != want {
		t.Errorf("after removal dist/app holds\n %s\nwant\n %s", got, want)
	}
	after, _ := os.Stat(filepath.Join(dst, "host/host.js"))
	bundleAfter, _ := os.Stat(filepath.Join(dst, "host/bundle.js"))
	if !after.ModTime().Equal(before.ModTime()) || !bundleAfter.ModTime().Equal(bundleBefore.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
}

func TestCopyAssetsNeedsTemplate_C3(t *testing.T) {
	root, b := fakeRoot(t)
	os.Remove(filepath.Join(root, "web/index.html"))
	app, _ := loadApp(root, filepath.Join(root, "examples/app"))
	if err := b.writeIndex(app, filepath.Join(b.Out, "app"), nil); err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Errorf("err = %v, want one naming index.html", err)
	}
}

func TestRenderIndexEscapesTitle(t *testing.T) {
	got := string(renderIndex([]byte("<title>{{TITLE}}</title><h1>{{TITLE}}</h1>"), `A <b> & "c"`, nil, ""))
	want := "<title>A &lt;b&gt; &amp; &#34;c&#34;</title><h1>A &lt;b&gt; &amp; &#34;c&#34;</h1>"
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestIndexPreloadsTheModule(t *testing.T) {
	tmpl := []byte("<head>\n<title>{{TITLE}}</title>\n{{WASM}}\n<script></script>\n</head>")
	meta := &appMeta{Name: `a"b`, Wasm: "app.wasm", Size: 1234, BuildID: "0123abcd"}
	got := string(renderIndex(tmpl, "x", meta, ""))
	want := "<head>\n<title>x</title>\n" +
		`<link rel="preload" id="wl-wasm" href="./app.wasm?v=0123abcd" as="fetch" crossorigin data-name="a&#34;b" data-size="1234" data-build-id="0123abcd">` +
		"\n<script></script>\n</head>"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// No module built yet (an assets-only build): no link, and no empty line where it was.
	if got, want := string(renderIndex(tmpl, "x", nil, "")), "<head>\n<title>x</title>\n<script></script>\n</head>"; got != want {
		t.Errorf("without a module: got\n%s\nwant\n%s", got, want)
	}
}
