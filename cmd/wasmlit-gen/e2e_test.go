package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEnd_B2 generates the table of a copy of testdata/e2eapp (inside
// this module, so its generated file can import github.com/wasmlit/wasmlit/cache/funcid), builds
// it natively, with -trimpath and for js/wasm (when node is installed), and
// checks that funcid.Of in the binary finds every function in the table.
func TestEndToEnd_B2(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	dir, err := os.MkdirTemp("testdata", "tmp-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, name := range []string{"main.go", "helpers.go"} {
		src, err := os.ReadFile(filepath.Join("testdata", "e2eapp", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A broken table left by an older wasmlit must not stop the generator.
	broken := genHeader + "\n\npackage main\n\nfunc init() { undefined() }\n"
	if err := os.WriteFile(filepath.Join(dir, outName), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{dir}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	before := table(t, dir)

	modes := []struct {
		name  string
		env   []string
		flags []string
	}{
		{"native", nil, nil},
		{"trimpath", nil, []string{"-trimpath"}},
		{"js-wasm", []string{"GOOS=js", "GOARCH=wasm"}, nil},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			ids, stderr := runApp(t, dir, m.env, m.flags)
			checkIdentities(t, ids, before)
			if stderr != "" {
				t.Errorf("warnings: %s", stderr)
			}
		})
	}

	t.Run("helper edited", func(t *testing.T) {
		path := filepath.Join(dir, "helpers.go")
		src, _ := os.ReadFile(path)
		if err := os.WriteFile(path, bytes.Replace(src, []byte("n * 10"), []byte("n * 11"), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := run([]string{dir}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		after := table(t, dir)
		ids, _ := runApp(t, dir, nil, nil)
		checkIdentities(t, ids, after)
		for _, d := range []string{"loadData", "parse", "Model.Predict"} {
			if ids[d].hash == before[d].hashHex() {
				t.Errorf("%s: hash kept after its helper changed", d)
			}
		}
		for _, d := range []string{"leaf", "summarize", "unrelated"} {
			if ids[d].hash != before[d].hashHex() {
				t.Errorf("%s: hash changed, though it does not use the helper", d)
			}
		}
	})

	t.Run("no table", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, outName)); err != nil {
			t.Fatal(err)
		}
		ids, stderr := runApp(t, dir, nil, nil)
		for label, id := range ids {
			if id.fromSource || id.params != "" {
				t.Errorf("%s: %+v, want a fallback", label, id)
			}
		}
		if strings.Count(stderr, "wasmlit: no source table") != 1 || !strings.Contains(stderr, "wasmlit-gen") {
			t.Errorf("want one warning that says how to fix it, got:\n%s", stderr)
		}
	})
}

// appID is one line of e2eapp's output.
type appID struct {
	name, display, hash, params string
	fromSource, bound           bool
}

func (e entry) hashHex() string { return fmt.Sprintf("%x", e.hash) }

// runApp builds the app in dir and returns its identities by label and its
// standard error.
func runApp(t *testing.T, dir string, env, flags []string) (map[string]appID, string) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "app")
	args := append([]string{"build", "-o", bin}, flags...)
	build := exec.Command("go", append(args, "./"+filepath.ToSlash(dir))...)
	build.Env = append(os.Environ(), env...)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	if strings.Contains(strings.Join(env, " "), "GOARCH=wasm") {
		node, err := exec.LookPath("node")
		if err != nil {
			t.Skip("node not installed")
		}
		goroot, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			t.Fatal(err)
		}
		shim := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js")
		cmd = exec.Command(node, shim, bin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	ids := make(map[string]appID)
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 7 {
			t.Fatalf("bad line %q", line)
		}
		ids[f[0]] = appID{name: f[1], display: f[2], hash: f[3], params: f[4],
			fromSource: f[5] == "true", bound: f[6] == "true"}
	}
	return ids, stderr.String()
}

func checkIdentities(t *testing.T, ids map[string]appID, tab map[string]entry) {
	t.Helper()
	if len(ids) != 7 {
		t.Errorf("got %d identities, want 7", len(ids))
	}
	for label, id := range ids {
		if !id.fromSource {
			t.Errorf("%s: %+v, want FromSource", label, id)
			continue
		}
		display, bound := strings.CutSuffix(label, "-bound")
		e, ok := tab[display]
		if !ok {
			t.Fatalf("%s: no table entry", label)
		}
		params := e.params
		if bound {
			params = params[1:]
		}
		if id.display != display || id.params != strings.Join(params, ",") || id.bound != bound {
			t.Errorf("%s: %+v, want display %q params %q", label, id, display, params)
		}
		if !bound && id.hash != e.hashHex() {
			t.Errorf("%s: hash %s, table has %s", label, id.hash, e.hashHex())
		}
	}
}
