package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBundleHostRunsLikeModules bundles a tree that uses every form the bundler takes and runs the
// bundle in Node (when it is installed): the values that reach the entry must be those the modules
// would give.
func TestBundleHostRunsLikeModules(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"host.js": `// The entry.
import { a, twice as double } from './lib/a.js';
import * as b from './b.js';
import {
  C,
  later,
} from './lib/c.js'
import './side.js';
const order = globalThis.order;
export const unused = 1;
console.log(JSON.stringify({ a, double: double(21), b: b.b, c: new C().name, later: later(), order, reexport: b.fromA, meta: typeof import.meta.url }));
`,
		"b.js": `import { a } from './lib/a.js';
export { a as fromA } from './lib/a.js';
const b = a + '+b';
export { b };
globalThis.order.push('b');
`,
		"lib/a.js": `globalThis.order = ['a'];
export const a = 'A';
export function twice(x) { return 2 * x; }
`,
		"lib/c.js": `import { twice } from './a.js';
export class C { constructor() { this.name = 'C' + twice(1); } }
export async function* gen() {}
export function later() { return h(); }
function h() { return 'hoisted'; }
globalThis.order.push('c');
`,
		"side.js": `globalThis.order.push('side');
export {};
`,
	})
	out, sourceMap, err := bundleHost(os.DirFS(dir), "host.js")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "sourceMappingURL=bundle.js.map") || !strings.Contains(string(sourceMap), "lib/c.js") {
		t.Errorf("the bundle does not link a source map naming its modules")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the bundle is not run")
	}
	file := filepath.Join(dir, "bundle.mjs")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command(node, file).CombinedOutput()
	if err != nil {
		t.Fatalf("node %s: %v\n%s\n--- bundle:\n%s", file, err, got, out)
	}
	// Evaluation order as ES modules: a, then b (imports a), then c, then side, then the entry.
	want := `{"a":"A","double":42,"b":"A+b","c":"C2","later":"hoisted","order":["a","b","c","side"],"reexport":"A","meta":"string"}`
	if strings.TrimSpace(string(got)) != want {
		t.Errorf("the bundle printed\n %s\nwant\n %s", got, want)
	}
}

// TestBundleHostErrors checks that a module that cannot be bundled is a build error naming the
// file and line.
func TestBundleHostErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing module", map[string]string{"host.js": "import { a } from './gone.js';\n"}, "host/host.js:1"},
		{"missing export", map[string]string{"host.js": "\nimport { nope } from './a.js';\nconsole.log(nope);\n", "a.js": "export const y = 1;\n"}, "host/host.js:2"},
		{"syntax error", map[string]string{"host.js": "import { y } from './a.js';\n", "a.js": "export const y = ;\n"}, "host/a.js:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			_, _, err := bundleHost(os.DirFS(dir), "host.js")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestBundleHostOfThisRepo bundles the real host/ (what every page loads): every module host.js
// imports is in it (its source map names them), and Node parses it when installed.
func TestBundleHostOfThisRepo(t *testing.T) {
	root, err := findRoot()
	if err != nil {
		t.Skip("not inside the wasmlit module")
	}
	out, sourceMap, err := bundleHost(os.DirFS(filepath.Join(root, "host")), "host.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, mod := range []string{"host.js", "boot.js", "session.js", "events.js", "idb.js", "components/index.js", "components/dom.js"} {
		if !strings.Contains(string(sourceMap), `"`+mod+`"`) {
			t.Errorf("the bundle lacks host/%s", mod)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the bundle is not parsed")
	}
	file := filepath.Join(t.TempDir(), "bundle.mjs")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := exec.Command(node, "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("node --check: %v\n%s", err, got)
	}
}
