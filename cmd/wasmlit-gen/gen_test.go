package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests write small modules (module example.com/app) into temporary
// directories and compute their tables in process. Files are given as
// path → content; "go.mod" is added.

const appMain = `package main

import (
	"fmt"

	"example.com/app/util"
)

const scale = 10

const unused = 1

type Rides struct {
	N int
}

type shape interface{ Area() int }

type square struct{ s int }

func (q square) Area() int { return q.s * q.s }

func cacheData[F any](f F) F { return f }

// loadData is cached.
func loadData(url string, _db int) (Rides, error) {
	return Rides{N: helper(len(url)) * scale}, nil
}

func helper(n int) int {
	return util.Twice(n) + 1
}

func unrelated() int { return 42 }

var cachedLoad = cacheData(func(_session string, rows int) int {
	return rows * 2
})

func area(s shape) int { return s.Area() }

func ping(n int) int {
	if n == 0 {
		return 0
	}
	return pong(n - 1)
}

func pong(n int) int { return ping(n) }

func (r *Rides) Add(k int, _ string, more ...int) { r.N += k }

func unnamed(int, string) {}

func main() {
	fmt.Println(loadData("x", 0))
	local := cacheData(func() int { return 1 })
	_ = local
	_ = []func(){func() {}, func() {}}
}
`

const appUtil = `package util

// Twice doubles n.
func Twice(n int) int { return inner(n) * 2 }

func inner(n int) int { return n }
`

func writeModule(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = "module example.com/app\n\ngo 1.26\n"
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func baseFiles() map[string]string {
	return map[string]string{"main.go": appMain, "util/util.go": appUtil}
}

// table loads dir and returns its table by display name.
func table(t *testing.T, dir string) map[string]entry {
	t.Helper()
	prog, err := load([]string{dir}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(prog)
	byDisplay := make(map[string]entry)
	for _, e := range tableOf(ix, prog.targets[0]) {
		if _, dup := byDisplay[e.display]; dup {
			t.Fatalf("two entries display %q", e.display)
		}
		byDisplay[e.display] = e
	}
	return byDisplay
}

// edited returns the table after replacing old with new in file.
func edited(t *testing.T, file, old, new string) map[string]entry {
	t.Helper()
	files := baseFiles()
	if !strings.Contains(files[file], old) {
		t.Fatalf("%s has no %q", file, old)
	}
	files[file] = strings.Replace(files[file], old, new, 1)
	dir := t.TempDir()
	writeModule(t, dir, files)
	return table(t, dir)
}

func baseTable(t *testing.T) map[string]entry {
	dir := t.TempDir()
	writeModule(t, dir, baseFiles())
	return table(t, dir)
}

func TestEditsAndHashes_B2(t *testing.T) {
	base := baseTable(t)
	tests := []struct {
		name, file, old, new string
		changed, kept        []string // display names whose hash must change / stay
	}{
		{"body edit", "main.go", "rows * 2", "rows * 3", []string{"cachedLoad"}, []string{"loadData", "helper"}},
		{"unrelated edit", "main.go", "return 42", "return 43", []string{"unrelated"}, []string{"loadData", "cachedLoad", "helper"}},
		{"helper edit", "main.go", "util.Twice(n) + 1", "util.Twice(n) + 2", []string{"helper", "loadData"}, []string{"cachedLoad"}},
		{"helper two levels down, other package", "util/util.go", "return n }", "return n + 0 }", []string{"helper", "loadData"}, []string{"cachedLoad", "unrelated"}},
		{"constant read", "main.go", "const scale = 10", "const scale = 11", []string{"loadData"}, []string{"helper"}},
		{"unread constant", "main.go", "const unused = 1", "const unused = 2", nil, []string{"loadData", "helper"}},
		{"result type", "main.go", "N int", "N int `cbor:\"n\"`", []string{"loadData"}, []string{"helper", "cachedLoad"}},
		{"interface method implementation", "main.go", "q.s * q.s", "q.s + q.s", []string{"area", "square.Area"}, []string{"loadData"}},
		{"mutual recursion", "main.go", "return ping(n) }", "return ping(n + 0) }", []string{"ping", "pong"}, []string{"loadData"}},
		{"comment only", "main.go", "return rows * 2", "return rows * 2 // doubled\n\t/* more */", nil, []string{"cachedLoad"}},
		{"doc comment", "main.go", "// loadData is cached.", "// loadData is cached; see B2.", nil, []string{"loadData"}},
		{"gofmt only", "main.go", "func helper(n int) int {\n\treturn util.Twice(n) + 1\n}",
			"func helper(n   int)   int {\n\n\n      return util.Twice(n)+1;\n}", nil, []string{"helper", "loadData"}},
		{"trailing comma and braces", "main.go", "return Rides{N: helper(len(url)) * scale}, nil",
			"return Rides{\n\t\tN: helper(len(url)) * scale,\n\t}, nil", nil, []string{"loadData"}},
		{"string literal spelling", "main.go", `fmt.Println(loadData("x", 0))`, `fmt.Println(loadData("y", 0))`, []string{"main"}, []string{"loadData"}},
		{"parameter rename", "main.go", "func(_session string, rows int) int {\n\treturn rows * 2",
			"func(_s string, rows int) int {\n\treturn rows * 2", []string{"cachedLoad"}, []string{"loadData"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := edited(t, tt.file, tt.old, tt.new)
			for _, d := range tt.changed {
				if base[d].hash == after[d].hash {
					t.Errorf("%s: hash kept, want changed", d)
				}
			}
			for _, d := range tt.kept {
				if _, ok := base[d]; !ok {
					t.Fatalf("no entry %q", d)
				}
				if base[d].hash != after[d].hash {
					t.Errorf("%s: hash changed, want kept", d)
				}
			}
		})
	}
}

func TestEntries_B9(t *testing.T) {
	tab := baseTable(t)
	tests := []struct {
		display, name string
		params        []string
	}{
		{"loadData", "main.loadData", []string{"url", "_db"}},
		{"cachedLoad", "main.init.func", []string{"_session", "rows"}},
		{"Rides.Add", "main.(*Rides).Add", []string{"r", "k", "_", "more"}},
		{"square.Area", "main.square.Area", []string{"q"}},
		{"unnamed", "main.unnamed", []string{"_", "_"}},
		{"cacheData", "main.cacheData", []string{"f"}},
		{"local", "main.main.func", []string{}},
		{"main.func2", "main.main.func", []string{}},
		{"main.func3", "main.main.func", []string{}},
	}
	for _, tt := range tests {
		e, ok := tab[tt.display]
		if !ok {
			t.Errorf("no entry displayed %q; have %v", tt.display, keys(tab))
			continue
		}
		if e.name != tt.name || fmt.Sprint(e.params) != fmt.Sprint(tt.params) {
			t.Errorf("%s: name %q params %q, want %q %q", tt.display, e.name, e.params, tt.name, tt.params)
		}
		if e.file != "example.com/app/main.go" || e.line <= 0 || e.endLine < e.line {
			t.Errorf("%s: file %q lines %d-%d", tt.display, e.file, e.line, e.endLine)
		}
	}
	if e := tab["cachedLoad"]; e.line == e.endLine {
		t.Errorf("cachedLoad spans lines %d-%d, want the literal's lines", e.line, e.endLine)
	}
}

func keys(m map[string]entry) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestOutputDeterministic_B2(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, baseFiles())
	var log bytes.Buffer
	if err := run([]string{"-v", dir}, &log); err != nil {
		t.Fatal(err, log.String())
	}
	first, err := os.ReadFile(filepath.Join(dir, outName))
	if err != nil {
		t.Fatal(err)
	}
	info1, _ := os.Stat(filepath.Join(dir, outName))
	// The second run sees the generated file (whose import does not even
	// resolve here) and must leave it out.
	log.Reset()
	if err := run([]string{"-v", dir}, &log); err != nil {
		t.Fatal(err, log.String())
	}
	second, _ := os.ReadFile(filepath.Join(dir, outName))
	info2, _ := os.Stat(filepath.Join(dir, outName))
	if !bytes.Equal(first, second) {
		t.Errorf("rerun changed the output:\n%s\n---\n%s", first, second)
	}
	if !strings.Contains(log.String(), "unchanged") || !info1.ModTime().Equal(info2.ModTime()) {
		t.Errorf("rerun rewrote the file: %s", log.String())
	}
	src := string(first)
	for _, want := range []string{
		"// Code generated by wasmlit-gen; DO NOT EDIT.\n\npackage main\n",
		`import wasmlitfuncid "github.com/wasmlit/wasmlit/cache/funcid"`,
		"wasmlitfuncid.Register([]wasmlitfuncid.Entry{",
		`Name: "main.init.func", Display: "cachedLoad", Hash: "`,
		`Params: []string{"_session", "rows"}},`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated file lacks %q:\n%s", want, src)
		}
	}
	// -o writes elsewhere, and the same table.
	other := filepath.Join(t.TempDir(), "table.go")
	if err := run([]string{"-o", other, dir}, &log); err != nil {
		t.Fatal(err)
	}
	if third, _ := os.ReadFile(other); !bytes.Equal(first, third) {
		t.Errorf("-o output differs")
	}
}

func TestLibraryPackage(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, baseFiles())
	prog, err := load([]string{filepath.Join(dir, "util")}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	entries := tableOf(newIndex(prog), prog.targets[0])
	if len(entries) != 2 || entries[0].name != "example.com/app/util.Twice" || entries[0].file != "example.com/app/util/util.go" {
		t.Errorf("entries = %+v", entries)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	writeModule(t, dir, map[string]string{"main.go": "package main\n\nfunc main() { undefined() }\n"})
	if err := run([]string{dir}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "undefined: undefined") {
		t.Errorf("type error: err = %v", err)
	}
	if err := run([]string{"-o", "x.go", dir, dir}, &bytes.Buffer{}); err == nil {
		t.Errorf("-o with two dirs: no error")
	}
	if err := run(nil, &bytes.Buffer{}); err == nil {
		t.Errorf("no dirs: no error")
	}
}

func TestRuntimePrefix(t *testing.T) {
	for path, want := range map[string]string{
		"example.com/app/sub": "example.com/app/sub",
		"gopkg.in/yaml.v3":    "gopkg.in/yaml%2ev3",
		"a.b/c.d/e.f":         "a.b/c.d/e%2ef",
	} {
		if got := runtimePrefix(&listPkg{ImportPath: path, Name: "x"}); got != want {
			t.Errorf("runtimePrefix(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestTokensIgnoreLayout(t *testing.T) {
	norm := func(src string) string {
		var b strings.Builder
		writeTokens(&b, []byte(src))
		return b.String()
	}
	same := [][2]string{
		{"f(a, b)", "f(a,\n\tb,\n)"},
		{"if x { y() }", "if x {\n\ty()\n}"},
		{"x := []int{1, 2}", "x := []int{\n1,\n2,\n}"},
		{"a; b", "a\nb"},
		{"a /* c */ + b // d", "a+b"},
	}
	for _, p := range same {
		if norm(p[0]) != norm(p[1]) {
			t.Errorf("%q and %q normalise differently", p[0], p[1])
		}
	}
	differ := [][2]string{{"a+b", "a-b"}, {`"x"`, "`x`"}, {"0x10", "16"}, {"a\nb", "a b"}, {"f(a, b)", "f(a b)"}}
	for _, p := range differ {
		if norm(p[0]) == norm(p[1]) {
			t.Errorf("%q and %q normalise the same", p[0], p[1])
		}
	}
}
