package main

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/host"
	"github.com/wasmlit/wasmlit/internal/weblibs"
	"github.com/wasmlit/wasmlit/web"
)

// TestWebLibCurrent_F1: the committed web/lib (embedded in the command) is what web/libs.json and
// web/package-lock.json give. When it fails: npm ci in web/, then go generate ./web.
func TestWebLibCurrent_F1(t *testing.T) {
	root, err := findRoot()
	if err != nil || !isCheckout(root) {
		t.Skip("not in wasmlit's checkout")
	}
	if err := weblibs.Check(filepath.Join(root, "web")); err != nil {
		t.Fatal(err)
	}
}

// TestEmbeddedAssets_F1: the command carries everything a page needs: the page template, the
// theme, the libraries and host modules that bundle without the checkout.
func TestEmbeddedAssets_F1(t *testing.T) {
	for _, name := range []string{"index.html", "theme.css", "lib/uplot/uPlot.esm.js", "lib/sqlite-wasm/sqlite3.wasm"} {
		if _, err := fs.Stat(web.Files, name); err != nil {
			t.Errorf("web/%s is not embedded: %v", name, err)
		}
	}
	bundle, _, err := bundleHost(host.Files, "host.js")
	if err != nil || len(bundle) == 0 {
		t.Fatalf("bundling the embedded host: %v", err)
	}
	if src := (&Builder{Root: t.TempDir()}).source(); src.tree != "" {
		t.Errorf("a module other than wasmlit reads assets from %s, want the embedded ones", src.tree)
	}
}

// TestServePortTaken_F3: serve on a taken port fails at once, naming the port, before it builds
// anything (the output folder is not even made).
func TestServePortTaken_F3(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	out := filepath.Join(t.TempDir(), "dist")
	err = runServe(context.Background(), nil, []string{"-addr", addr, "-dir", out, "-watch"})
	var taken *PortTakenError
	if !errors.As(err, &taken) || !strings.Contains(err.Error(), "port "+port+" is taken") || !strings.Contains(err.Error(), "-addr") {
		t.Fatalf("err = %v, want a PortTakenError naming port %s and -addr", err, port)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("serve made the output folder (started building) before finding the port taken")
	}
}

// TestServeAddrFromPORT_F3: without -addr, serve listens on 127.0.0.1:$PORT.
func TestServeAddrFromPORT_F3(t *testing.T) {
	t.Setenv("PORT", "")
	if got := defaultAddr(); got != "127.0.0.1:8080" {
		t.Errorf("without PORT: %s", got)
	}
	t.Setenv("PORT", "9123")
	if got := defaultAddr(); got != "127.0.0.1:9123" {
		t.Errorf("PORT=9123: %s", got)
	}
}

// TestCompilerLinesOnly_F3: the build error the page shows is the compiler's lines, without the go
// command's "# package" header and exit status.
func TestCompilerLinesOnly_F3(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"go.mod":      "module broken\n\ngo 1.26\n",
		"app/main.go": "package main\n\nfunc main() { undefinedThing() }\n",
	})
	b := &Builder{Root: root, Out: filepath.Join(root, "dist"), Assets: treeAssets(root)}
	app, err := loadApp(root, filepath.Join(root, "app"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.compile(context.Background(), app, t.TempDir())
	var te *ToolError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a ToolError", err)
	}
	if got, want := err.Error(), "app/main.go:3:15: undefined: undefinedThing"; got != want {
		t.Errorf("error shown:\n%s\nwant only the compiler's line:\n%s", got, want)
	}
}

func TestGoModInfo_F1(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"go.mod": "module example.com/app // comment\n\ngo 1.26\n\nrequire (\n\tgolang.org/x/sys v0.1.0\n\tgithub.com/wasmlit/wasmlit v0.0.0 // indirect\n)\n"})
	if mod, req := goModInfo(dir); mod != "example.com/app" || !req {
		t.Errorf("goModInfo = %q, %v", mod, req)
	}
	writeFiles(t, dir, map[string]string{"go.mod": "module other\n\nrequire golang.org/x/sys v0.1.0\n"})
	if mod, req := goModInfo(dir); mod != "other" || req {
		t.Errorf("goModInfo = %q, %v", mod, req)
	}
}

func TestParseInterleaved(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	r := fs.String("replace", "", "")
	rest, err := parseInterleaved(fs, []string{"demo", "-replace", "/src", "more"})
	if err != nil || *r != "/src" || strings.Join(rest, " ") != "demo more" {
		t.Errorf("rest %v, replace %q, err %v", rest, *r, err)
	}
}

// TestNewModuleOutsideTheRepo_F2 runs the command as a user would, in a temporary folder outside
// the checkout: wasmlit new demo -replace <checkout>, then wasmlit build and go test there. Its
// dependencies come from the module cache (GOFLAGS=-mod=mod works offline once they are there).
func TestNewModuleOutsideTheRepo_F2(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	root, err := findRoot()
	if err != nil || !isCheckout(root) {
		t.Skip("not in wasmlit's checkout")
	}
	tmp := t.TempDir()
	if rel, err := filepath.Rel(root, tmp); err == nil && !strings.HasPrefix(rel, "..") {
		t.Fatalf("the temp dir %s is inside the checkout", tmp)
	}
	bin := filepath.Join(tmp, "wasmlit")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := func(dir string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run(tmp, bin, "new", "demo", "-replace", root)
	demo := filepath.Join(tmp, "demo")
	for _, f := range []string{"go.mod", "go.sum", "main.go", "main_test.go", "README.md", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(demo, f)); err != nil {
			t.Errorf("wasmlit new wrote no %s", f)
		}
	}
	readme, _ := os.ReadFile(filepath.Join(demo, "README.md"))
	if !strings.Contains(string(readme), "go tool wasmlit serve") || !strings.Contains(string(readme), "go tool wasmlit test") {
		t.Errorf("README lacks the two commands:\n%s", readme)
	}
	run(demo, bin, "build", "-brotli", "1")
	for _, f := range []string{"index.html", "app.wasm", "host/bundle.js", "theme.css", "wasm_exec.js", "lib/uplot/uPlot.esm.js"} {
		if _, err := os.Stat(filepath.Join(demo, "dist", "demo", f)); err != nil {
			t.Errorf("the build wrote no dist/demo/%s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(demo, "wasmlit_srcindex.gen.go")); err != nil {
		t.Error("the build did not run the source-table generator on the app")
	}
	if out := run(demo, "go", "test", "./..."); !strings.Contains(out, "ok") {
		t.Errorf("go test:\n%s", out)
	}
	// wasmlit test: the source table first, then go test with the flags given.
	os.Remove(filepath.Join(demo, srcIndexName))
	if out := run(demo, bin, "test", "-count=1", "-run", "TestApp", "."); !strings.Contains(out, "ok") {
		t.Errorf("wasmlit test:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(demo, srcIndexName)); err != nil {
		t.Error("wasmlit test did not write the source table")
	}
}
