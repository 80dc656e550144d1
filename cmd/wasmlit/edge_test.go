package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goListDeps lists the packages a js/wasm build of pkg links, with an optional overlay.
func goListDeps(t *testing.T, root, pkg, overlay string) string {
	t.Helper()
	args := []string{"list", "-deps"}
	if overlay != "" {
		args = append(args, "-overlay", overlay)
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return string(out)
}

// syumai/workers panics at init in a page: only the Worker's binary (the overlay the edge build
// adds) links it, never the browser's (E1).
func TestBrowserBinaryDoesNotLinkWorkers_E1(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	const workers = "github.com/syumai/workers"
	if deps := goListDeps(t, root, "./examples/shared", ""); strings.Contains(deps, workers) {
		t.Fatalf("the browser's binary of examples/shared links %s", workers)
	}
	tmp := t.TempDir()
	src := filepath.Join(tmp, edgeMainFile)
	if err := os.WriteFile(src, []byte(edgeMainSource), 0o644); err != nil {
		t.Fatal(err)
	}
	ov, _ := json.Marshal(map[string]map[string]string{"Replace": {filepath.Join(root, "examples", "shared", edgeMainFile): src}})
	ovPath := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ovPath, ov, 0o644); err != nil {
		t.Fatal(err)
	}
	if deps := goListDeps(t, root, "./examples/shared", ovPath); !strings.Contains(deps, workers) || !strings.Contains(deps, edgePackage) {
		t.Fatalf("the Worker's binary does not link %s and %s", workers, edgePackage)
	}
}

// The Worker's wasm_exec.js is this Go's, with the runtime context syumai/workers reads (E1).
func TestEdgeWasmExecPatchesThisGo_E1(t *testing.T) {
	b := &Builder{Root: "../..", Out: t.TempDir()}
	if err := b.prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(b.wasmExec)
	if err != nil {
		t.Fatal(err)
	}
	got, err := edgeWasmExec(string(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"async run(instance, context)", "prop === \"context\"", "[globalProxy, 5]"} {
		if !strings.Contains(got, want) {
			t.Errorf("patched wasm_exec.js lacks %q", want)
		}
	}
	if _, err := edgeWasmExec("function nothing() {}"); err == nil {
		t.Error("a wasm_exec.js without the expected code is accepted")
	}
}

// site.mjs carries serve's policy, explicit types and the files with precompressed copies (E1).
func TestEdgeSiteHeaders_E1(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"index.html", "app.wasm", "app.wasm.br", "app.wasm.gz", "host/boot.js", "lonely.txt.gz"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, err := edgeSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{defaultCSP, `"/app.wasm":[".br",".gz"]`, `".wasm":"application/wasm"`, `".js":"text/javascript; charset=utf-8"`, "MAX_REQUEST = 1048576"} {
		if !strings.Contains(site, want) {
			t.Errorf("site.mjs lacks %s:\n%s", want, site)
		}
	}
	if strings.Contains(site, "lonely") {
		t.Error("a compressed copy without its file is listed")
	}
}
