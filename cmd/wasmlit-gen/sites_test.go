package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The call-site tests write a program into testdata/tmp-sites-* (inside this
// module, so it can import the cache package), generate its table and run
// it. The program records the keys its cached functions write.

const keysApp = `package main

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/wasmlit/wasmlit/cache"
)

type keyStore struct {
	mu sync.Mutex
	m  map[string]bool
}

func (k *keyStore) Get(context.Context, string) ([]byte, bool, error) { return nil, false, nil }
func (k *keyStore) Set(_ context.Context, key string, _ []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[key] = true
	return nil
}
func (k *keyStore) Delete(context.Context, string) error { return nil }
func (k *keyStore) Clear(context.Context, string) error  { return nil }

var store = &keyStore{m: map[string]bool{}}

var engine = cache.NewEngine(cache.Config{Store: store})

// EXTRA

func double(h cache.NoSession, n int) (int, error) { return 2 * n, nil }

var loadA = cache.Data1(double, cache.WithEngine(engine))

var loadB = cache.Data1(func(h cache.NoSession, n int) (int, error) { return n + 1, nil }, cache.WithEngine(engine))

func written(label string) {
	engine.Flush()
	store.mu.Lock()
	defer store.mu.Unlock()
	var ks []string
	for k := range store.m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Println(label, k)
	}
	store.m = map[string]bool{}
}

func main() {
	loadA.Call(cache.NoSession{}, 1)
	written("A")
	loadB.Call(cache.NoSession{}, 1)
	written("B")
}
`

// moreDecls are declarations added above the cached functions: function
// variables, another cached function and a declared function.
const moreDecls = `var earlier = func() int { return 7 }

var earlierCached = cache.Data0(func(h cache.NoSession) (int, error) { return earlier(), nil }, cache.WithEngine(engine))

func alsoNew() int { return 1 }
`

// siteDir writes src as main.go of a new package under testdata.
func siteDir(t *testing.T, src string) string {
	t.Helper()
	dir, err := os.MkdirTemp("testdata", "tmp-sites-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runKeys generates dir's table, runs the program and returns the keys it
// wrote by label.
func runKeys(t *testing.T, dir string) map[string]string {
	t.Helper()
	if err := run([]string{dir}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "./"+filepath.ToSlash(dir))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run: %v\n%s", err, stderr.String())
	}
	keys := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		label, key, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		if _, dup := keys[label]; dup {
			t.Fatalf("%s wrote two keys:\n%s", label, stdout.String())
		}
		keys[label] = key
	}
	return keys
}

// Adding declarations (function variables, another cached function, a
// function) above cached functions keeps their keys after a rebuild (B25):
// a key no longer holds the compiler's closure number (main.init.func1).
func TestKeysSurviveNewDeclarations_B25(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	dir := siteDir(t, keysApp)
	before := runKeys(t, dir)
	// The same package (a function's hash covers the import paths of what it uses).
	v2 := strings.Replace(keysApp, "// EXTRA", moreDecls, 1)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(v2), 0o644); err != nil {
		t.Fatal(err)
	}
	after := runKeys(t, dir)
	for _, label := range []string{"A", "B"} {
		if before[label] == "" || before[label] != after[label] {
			t.Errorf("%s: key %q before, %q after declarations were added above it", label, before[label], after[label])
		}
	}
	if !strings.Contains(before["B"], "main.loadB") {
		t.Errorf("B's key %q does not name its declaration loadB", before["B"])
	}
}

// sitesOfSrc generates dir's table in process and returns the sites of its
// package by name.
func sitesOfSrc(t *testing.T, src string) (map[string]site, error) {
	t.Helper()
	dir := siteDir(t, src)
	prog, err := load([]string{dir}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	all, err := allSites(newIndex(prog), prog)
	if err != nil {
		return nil, err
	}
	out := map[string]site{}
	for _, s := range all[prog.targets[0]] {
		out[s.name] = s
	}
	return out, nil
}

const refusedApp = `package main

import "github.com/wasmlit/wasmlit/cache"

func loader(prefix string) *cache.DataFunc1[cache.NoSession, string, string] {
	return cache.Data1(func(h cache.NoSession, name string) (string, error) { return prefix + name, nil })
}

func keyedLoader(prefix string) *cache.DataFunc1[cache.NoSession, string, string] {
	return cache.Data1(func(h cache.NoSession, name string) (string, error) { return prefix + name, nil }, cache.Key(prefix))
}

type Model struct{ w int }

func (m *Model) Predict(h cache.NoSession, x int) (int, error) { return m.w * x, nil }

var modelA = &Model{w: 2}

var predictA = cache.Data1(modelA.Predict)

var predict = cache.DataMethod1((*Model).Predict)

func zero(h cache.NoSession) (int, error) { return 0, nil }

var one, two = cache.Data0(zero), cache.Data0(zero)

func main() { _, _ = loader("a/"), keyedLoader("b/") }
`

// The generator refuses, like go vet, what would make two wrappers share
// results: a captured variable not named with cache.Key, a bound method
// value, two wrappers on one line; each message names file:line and the fix
// (B26).
func TestGeneratorRefusesUnkeyedInputs_B26(t *testing.T) {
	_, err := sitesOfSrc(t, refusedApp)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		"main.go:6:", "uses prefix, a variable of the enclosing function", "cache.Key(prefix)",
		"main.go:19:", "bound method value modelA.Predict", "cache.DataMethod1((*Model).Predict)",
		"main.go:25:", "put each on its own line",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not say %q:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "\n"); n != 3 {
		t.Errorf("want 3 problems (the keyed loader and the method expression are fine), got %d:\n%s", n, msg)
	}
}

// Sites are named by declaration; two wrappers of one function, and one
// function with two HashFuncs, are two sites with their own hashes (B25, B26).
func TestSitesByDeclaration_B25(t *testing.T) {
	sites, err := sitesOfSrc(t, `package main

import "github.com/wasmlit/wasmlit/cache"

func double(h cache.NoSession, n int) (int, error) { return 2 * n, nil }

func logged[F any](f F) F { return f }

func kind[T any](h cache.NoSession, n int) (string, error) { var t T; _ = t; return "", nil }

var (
	plain  = cache.Data1(double)
	byte0  = cache.Data1(double, cache.HashFunc(func(n int) []byte { return []byte{0} }))
	byteN  = cache.Data1(double, cache.HashFunc(func(n int) []byte { return []byte{byte(n)} }))
	logFoo = cache.Data1(logged(double))
	kInt   = cache.Data1(kind[int])
	kStr   = cache.Data1(kind[string])
)

type app struct{ load *cache.DataFunc1[cache.NoSession, int, int] }

var theApp = app{load: cache.Data1(double)}

func main() {
	local := cache.Data1(double)
	_ = local
}
`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range sites {
		names = append(names, name)
	}
	for _, pair := range [][2]string{{"main.plain", "main.byte0"}, {"main.byte0", "main.byteN"},
		{"main.plain", "main.logFoo"}, {"main.kInt", "main.kStr"}} {
		if sites[pair[0]].hash == sites[pair[1]].hash {
			t.Errorf("%s and %s share a hash", pair[0], pair[1])
		}
	}
	sort.Strings(names)
	want := "main.byte0 main.byteN main.kInt main.kStr main.logFoo main.main.local main.plain main.theApp.load"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("names %s, want %s", got, want)
	}
	if s := sites["main.plain"]; s.display != "double" || fmt.Sprint(s.params) != "[h n]" {
		t.Errorf("plain: %+v", s)
	}
}
