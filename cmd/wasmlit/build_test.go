package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestBuildTinyApp_C3 does one real GOOS=js build of a tiny module (a few seconds) with a
// generator, then checks a failed rebuild keeps the last good build.
func TestBuildTinyApp_C3(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"go.mod":                     "module tiny\n\ngo 1.26\n",
		"web/index.html":             "<!doctype html><title>{{TITLE}}</title>{{WASM}}<script type=module src=\"./host/bundle.js\"></script>",
		"web/theme.css":              "body{}",
		"host/host.js":               "export {};",
		"examples/tiny/main.go":      "// Tiny proves the build.\npackage main\n\nfunc main() { println(\"hi\"); select {} }\n",
		"examples/tiny/static/d.csv": "x\n1\n",
		// A stand-in for cmd/wasmlit-gen: it must be run for js/wasm with the app directory last.
		"cmd/wasmlit-gen/main.go": `package main

import (
	"os"
	"path/filepath"
)

func main() {
	args := os.Args[1:]
	if len(args) != 5 || args[0] != "-goos" || args[1] != "js" || args[2] != "-goarch" || args[3] != "wasm" {
		os.Exit(2)
	}
	os.WriteFile(filepath.Join(args[4], "wasmlit_srcindex.gen.go"), []byte("package main\n\nvar generated = true\n"), 0o644)
}
`,
	})
	var logBuf bytes.Buffer
	// Fast levels: the compression code is the same, and -race makes brotli slow.
	b := &Builder{Root: root, Out: filepath.Join(root, "dist"), Log: newLogger(&logBuf), BrotliQuality: 4, GzipLevel: 1, Assets: treeAssets(root)}
	ctx := context.Background()
	apps, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, logBuf.String())
	}
	if len(apps) != 1 || apps[0].Name != "tiny" {
		t.Fatalf("apps %+v", apps)
	}
	if _, err := os.Stat(filepath.Join(root, "examples/tiny/wasmlit_srcindex.gen.go")); err != nil {
		t.Errorf("generator did not run: %v", err)
	}
	dist := filepath.Join(root, "dist")
	want := "_headers app.json app.wasm app.wasm.br app.wasm.gz host/bundle.js host/bundle.js.map host/host.js index.html static/d.csv sw.js theme.css wasm_exec.js"
	if got := listTree(t, filepath.Join(dist, "tiny")); got != want {
		t.Errorf("dist/tiny holds\n %s\nwant\n %s", got, want)
	}
	if got := listTree(t, dist); !strings.HasPrefix(got, "_headers gallery.css gallery.js index.html sw.js theme.css tiny/") {
		t.Errorf("dist holds %s", got)
	}

	raw, err := os.ReadFile(filepath.Join(dist, "tiny/app.wasm"))
	if err != nil || !bytes.HasPrefix(raw, []byte("\x00asm")) {
		t.Fatalf("app.wasm: %v", err)
	}
	br, _ := os.ReadFile(filepath.Join(dist, "tiny/app.wasm.br"))
	if got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br))); err != nil || !bytes.Equal(got, raw) {
		t.Errorf("app.wasm.br does not decode to app.wasm: %v", err)
	}
	gz, _ := os.ReadFile(filepath.Join(dist, "tiny/app.wasm.gz"))
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, raw) {
		t.Errorf("app.wasm.gz does not decode to app.wasm: %v", err)
	}
	t.Logf("tiny app.wasm %d bytes, br %d, gz %d", len(raw), len(br), len(gz))

	var meta map[string]any
	data, _ := os.ReadFile(filepath.Join(dist, "tiny/app.json"))
	if err := json.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	wantMeta := map[string]any{
		"name": "tiny", "title": "Tiny proves the build", "wasm": "app.wasm",
		"size": float64(len(raw)), "buildID": hex.EncodeToString(sum[:16]),
	}
	for k, v := range wantMeta {
		if meta[k] != v {
			t.Errorf("app.json %s = %v, want %v", k, meta[k], v)
		}
	}
	page, _ := os.ReadFile(filepath.Join(dist, "tiny/index.html"))
	if !strings.Contains(string(page), "<title>Tiny proves the build</title>") {
		t.Errorf("index.html: %s", page)
	}
	// The page preloads the module it was built with, and says what host.js needs to start.
	preload := fmt.Sprintf(`<link rel="preload" id="wl-wasm" href="./app.wasm?v=%s" as="fetch" crossorigin data-name="tiny" data-size="%d" data-build-id="%s" data-sw="./sw.js">`,
		meta["buildID"], len(raw), meta["buildID"])
	if !strings.Contains(string(page), preload) {
		t.Errorf("index.html does not preload the module with\n %s\n%s", preload, page)
	}
	gallery, _ := os.ReadFile(filepath.Join(dist, "index.html"))
	if !strings.Contains(string(gallery), `<a href="./tiny/">tiny</a> <span class="wl-doc">Tiny proves the build.</span>`) {
		t.Errorf("gallery: %s", gallery)
	}

	// A compile error fails the build and leaves the last good build in place.
	writeFiles(t, root, map[string]string{"examples/tiny/main.go": "package main\n\nfunc main() { undefinedThing() }\n"})
	_, err = b.Build(ctx, []string{filepath.Join(root, "examples/tiny")})
	if err == nil || !strings.Contains(err.Error(), "undefinedThing") {
		t.Fatalf("broken build: err = %v, want the compiler's message", err)
	}
	after, _ := os.ReadFile(filepath.Join(dist, "tiny/app.wasm"))
	if !bytes.Equal(after, raw) {
		t.Error("a failed build replaced app.wasm")
	}
	if got := listTree(t, filepath.Join(dist, "tiny")); got != want {
		t.Errorf("after a failed build dist/tiny holds\n %s\nwant\n %s", got, want)
	}
}

// A production build adds wasmlit_nodevstate to the tags GOFLAGS sets, which its -tags flag
// would otherwise replace (C1: what hello links).
func TestWithTagKeepsGOFLAGSTags_C1(t *testing.T) {
	for _, tc := range []struct{ goflags, want string }{
		{"", "wasmlit_nodevstate"},
		{"-mod=mod", "wasmlit_nodevstate"},
		{"-tags=a,b -mod=mod", "a,b,wasmlit_nodevstate"},
		{"--tags=a -tags=c", "c,wasmlit_nodevstate"},
		{"-tags=", "wasmlit_nodevstate"},
	} {
		if got := withTag(tc.goflags, "wasmlit_nodevstate"); got != tc.want {
			t.Errorf("withTag(%q) = %q, want %q", tc.goflags, got, tc.want)
		}
	}
}
