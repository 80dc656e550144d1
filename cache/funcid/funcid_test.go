package funcid

import (
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"sync"
	"testing"

	"github.com/zeebo/xxh3"
)

const (
	fixtureFile = "github.com/wasmlit/wasmlit/cache/funcid/fixtures_test.go"
	pkgPrefix   = "github.com/wasmlit/wasmlit/cache/funcid"
)

// fixtureHash is the hash registered for a fixture entry.
func fixtureHash(display string) string {
	h := xxh3.HashString128("fixture " + display).Bytes()
	return hex.EncodeToString(h[:])
}

// fixtureEntries builds the source table of fixtures_test.go the way the
// generator does, from its syntax.
func fixtureEntries(t testing.TB) []Entry {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "fixtures_test.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var entries []Entry
	var node ast.Node // the function being added
	add := func(pos token.Pos, name, display string, params ...string) {
		line, end := fset.Position(pos).Line, fset.Position(node.End()).Line
		if name == pkgPrefix+".movedFunc" {
			line, end = line+1, end+1
		}
		entries = append(entries, Entry{File: fixtureFile, Line: line, EndLine: end, Name: name,
			Display: display, Hash: fixtureHash(display), Params: params})
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			node = d
			switch d.Name.Name {
			case "loadData":
				add(d.Type.Func, pkgPrefix+".loadData", "loadData", "url", "_db")
			case "Predict":
				add(d.Type.Func, pkgPrefix+".model.Predict", "model.Predict", "m", "x")
			case "Scale":
				add(d.Type.Func, pkgPrefix+".(*model).Scale", "model.Scale", "m", "x")
			case "gen":
				add(d.Type.Func, pkgPrefix+".gen", "gen", "x")
			case "wrap":
				add(d.Type.Func, pkgPrefix+".wrap", "wrap", "f")
			case "makeClosure":
				add(d.Type.Func, pkgPrefix+".makeClosure", "makeClosure")
				lit := d.Body.List[0].(*ast.ReturnStmt).Results[0].(*ast.FuncLit)
				node = lit
				add(lit.Type.Func, pkgPrefix+".makeClosure.func", "makeClosure.func1", "n")
			case "movedFunc":
				add(d.Type.Func, pkgPrefix+".movedFunc", "movedFunc")
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				vs, ok := s.(*ast.ValueSpec)
				if !ok {
					continue
				}
				for i, v := range vs.Values {
					lit := v.(*ast.CallExpr).Args[0].(*ast.FuncLit)
					name := vs.Names[i].Name
					node = lit
					add(lit.Type.Func, pkgPrefix+".init.func", name, lit.Type.Params.List[0].Names[0].Name)
					if name == "cachedLoad" {
						entries[len(entries)-1].Params = []string{"_session", "rows"}
					}
				}
			}
		}
	}
	return entries
}

// withTable resets the package state, registers the fixtures' table and
// collects warnings for the duration of the test.
func withTable(t *testing.T, register bool) *[]string {
	t.Helper()
	var mu sync.Mutex
	var warnings []string
	oldWarn := Warn
	reset := func() {
		table.mu.Lock()
		table.byFile, table.byName, table.pkgs = nil, nil, nil
		table.mu.Unlock()
		warnMu.Lock()
		warnedMissing, warnedStale, warnedInit, warnedUnresolved = false, false, false, false
		warnMu.Unlock()
		cache.reset()
	}
	reset()
	Warn = func(s string) {
		mu.Lock()
		defer mu.Unlock()
		warnings = append(warnings, s)
	}
	t.Cleanup(func() {
		Warn = oldWarn
		reset()
	})
	if register {
		Register(fixtureEntries(t)...)
	}
	return &warnings
}

func hashOf(t *testing.T, display string) [16]byte {
	t.Helper()
	b, err := hex.DecodeString(fixtureHash(display))
	if err != nil {
		t.Fatal(err)
	}
	return [16]byte(b)
}

func TestOfFromSource_B2(t *testing.T) {
	warnings := withTable(t, true)
	var m model
	byValue := Of(m.Predict)
	tests := []struct {
		name    string
		fn      any
		runtime string
		display string
		params  []string
		bound   bool
	}{
		{"declared", loadData, pkgPrefix + ".loadData", "loadData", []string{"url", "_db"}, false},
		{"package var literal", cachedLoad, pkgPrefix + ".init.func1", "cachedLoad", []string{"_session", "rows"}, false},
		{"literal in a function", makeClosure(), pkgPrefix + ".makeClosure.func1", "makeClosure.func1", []string{"n"}, false},
		{"generic instance", gen[int], pkgPrefix + ".gen[...]", "gen", []string{"x"}, false},
		{"method expression", model.Predict, pkgPrefix + ".model.Predict", "model.Predict", []string{"m", "x"}, false},
		{"method expression via pointer", (*model).Predict, pkgPrefix + ".(*model).Predict", "model.Predict", []string{"m", "x"}, false},
		{"pointer method expression", (*model).Scale, pkgPrefix + ".(*model).Scale", "model.Scale", []string{"m", "x"}, false},
		{"method value", m.Predict, pkgPrefix + ".model.Predict-fm", "model.Predict", []string{"x"}, true},
		{"pointer method value", (&m).Scale, pkgPrefix + ".(*model).Scale-fm", "model.Scale", []string{"x"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := Of(tt.fn)
			if !id.FromSource {
				t.Fatalf("Of = %+v, want FromSource", id)
			}
			// A closure's number depends on the other literals of the
			// package, and its name may carry an inlining caller's.
			if closureDepth(id.Name) > 0 {
				if !strings.HasPrefix(id.Name, pkgPrefix+".") {
					t.Errorf("Name = %q, want a closure of %s", id.Name, pkgPrefix)
				}
			} else if id.Name != tt.runtime {
				t.Errorf("Name = %q, want %q", id.Name, tt.runtime)
			}
			if id.Display != tt.display {
				t.Errorf("Display = %q, want %q", id.Display, tt.display)
			}
			if fmt.Sprint(id.Params) != fmt.Sprint(tt.params) {
				t.Errorf("Params = %q, want %q", id.Params, tt.params)
			}
			if id.Bound != tt.bound {
				t.Errorf("Bound = %v, want %v", id.Bound, tt.bound)
			}
			if want := hashOf(t, tt.display); !tt.bound && id.Hash != want {
				t.Errorf("Hash = %x, want the registered %x", id.Hash, want)
			}
		})
	}
	if byValue.Hash == Of(model.Predict).Hash {
		t.Errorf("a method value and the method expression share a hash; their arguments differ")
	}
	if len(*warnings) != 0 {
		t.Errorf("warnings: %q", *warnings)
	}
}

func TestOfMergesLiteralsOnOneLine_B2(t *testing.T) {
	withTable(t, true)
	a, b := Of(pairA), Of(pairB)
	if !a.FromSource || !b.FromSource {
		t.Fatalf("Of(pairA) = %+v, Of(pairB) = %+v: want merged identities from source", a, b)
	}
	if a.Hash == b.Hash {
		t.Errorf("two literals on one line share a hash: their cached results would mix")
	}
	for _, id := range []Identity{a, b} {
		if id.Hash == hashOf(t, "pairA") || id.Hash == hashOf(t, "pairB") {
			t.Errorf("merged hash equals one literal's: an edit to the other would not miss")
		}
		if id.Params != nil || id.Display != displayName(id.Name) {
			t.Errorf("Params, Display = %q, %q; want nil and the runtime's (the literals differ)", id.Params, id.Display)
		}
	}
}

func TestFallbackIdentity_B2(t *testing.T) {
	warnings := withTable(t, false)
	id := Of(strings.ToUpper)
	if id.FromSource || id.Params != nil || id.Name != "strings.ToUpper" || id.Display != "ToUpper" {
		t.Fatalf("Of(strings.ToUpper) = %+v, want a fallback", id)
	}
	if again := Of(strings.ToUpper); again.Hash != id.Hash {
		t.Errorf("fallback hash not stable within a process")
	}
	if other := Of(strings.ToLower); other.Hash == id.Hash {
		t.Errorf("two functions share a fallback hash")
	}
	SetBuildID("build-1")
	b1 := Of(strings.ToUpper)
	SetBuildID("build-2")
	b2 := Of(strings.ToUpper)
	SetBuildID("build-1")
	b1again := Of(strings.ToUpper)
	if b1.Hash == id.Hash || b1.Hash == b2.Hash {
		t.Errorf("a different build id gives the same fallback hash")
	}
	if b1again.Hash != b1.Hash {
		t.Errorf("the same build id gives a different fallback hash")
	}
	if len(*warnings) != 1 || !strings.Contains((*warnings)[0], "no source table for strings.ToUpper") ||
		!strings.Contains((*warnings)[0], "go run github.com/wasmlit/wasmlit/cmd/wasmlit-gen DIR") {
		t.Errorf("warnings = %q, want one that says how to generate the table", *warnings)
	}
}

func TestStaleTableFallsBack_B2(t *testing.T) {
	warnings := withTable(t, true)
	id := Of(movedFunc)
	if id.FromSource {
		t.Fatalf("Of(movedFunc) = %+v, want a fallback: its entry is on another line", id)
	}
	if len(*warnings) != 1 || !strings.Contains((*warnings)[0], "generated from older source") {
		t.Errorf("warnings = %q", *warnings)
	}
}

func TestRegisterAfterOfIsSeen_B2(t *testing.T) {
	withTable(t, false)
	if Of(loadData).FromSource {
		t.Fatal("FromSource before Register")
	}
	Register(fixtureEntries(t)...)
	if !Of(loadData).FromSource {
		t.Fatal("Of still returns the fallback cached before Register")
	}
}

// initIdentity is computed while package variables are initialised, before
// any table is registered, like `var f = st.CacheData(func...)` with an
// eager Of.
var initIdentity, initWarnings = func() (Identity, []string) {
	var got []string
	old := Warn
	Warn = func(s string) { got = append(got, s) }
	defer func() { Warn = old }()
	return Of(loadData), got
}()

func TestOfDuringPackageInit_B2(t *testing.T) {
	if initIdentity.FromSource {
		t.Fatalf("Of during init = %+v", initIdentity)
	}
	if len(initWarnings) != 1 || !strings.Contains(initWarnings[0], "during package initialisation") {
		t.Errorf("warnings = %q", initWarnings)
	}
	withTable(t, true)
	if !Of(loadData).FromSource {
		t.Error("the fallback from package init was cached")
	}
}

func TestOfConcurrent_B2(t *testing.T) {
	withTable(t, true)
	fns := []any{loadData, cachedLoad, model.Predict, strings.ToUpper}
	want := make([]Identity, len(fns))
	for i, fn := range fns {
		want[i] = Of(fn)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				k := (g + i) % len(fns)
				if g == 0 && i%100 == 0 {
					Register(fixtureEntries(t)...) // duplicates are ignored; the cache resets
				}
				if id := Of(fns[k]); id.Hash != want[k].Hash || id.Display != want[k].Display {
					t.Errorf("Of(%s) = %+v, want %+v", want[k].Name, id, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestOfCachedDoesNotAllocate_B2(t *testing.T) {
	withTable(t, true)
	Of(cachedLoad)
	if n := testing.AllocsPerRun(100, func() { Of(cachedLoad) }); n != 0 {
		t.Errorf("Of allocates %v times per cached call", n)
	}
}

func TestOfPanicsOnNonFunc(t *testing.T) {
	for _, v := range []any{nil, 3, (func())(nil)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Of(%#v) did not panic", v)
				}
			}()
			Of(v)
		}()
	}
}

func TestRegisterRejectsMalformed(t *testing.T) {
	withTable(t, false)
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "32 hex digits") {
			t.Errorf("recover() = %v", r)
		}
	}()
	Register(Entry{File: "m/a.go", Line: 1, Name: "m.f", Hash: "xyz"})
}

func TestNames(t *testing.T) {
	tests := []struct{ name, pkg, display string }{
		{"main.loadData", "main", "loadData"},
		{"main.init.func1", "main", "init.func1"},
		{"main.(*Model).Scale-fm", "main", "Model.Scale"},
		{"example.com/app/sub.Model.Predict", "example.com/app/sub", "Model.Predict"},
		{"gopkg.in/yaml%2ev3.Marshal", "gopkg.in/yaml%2ev3", "Marshal"},
		{"main.gen[...]", "main", "gen"},
	}
	for _, tt := range tests {
		if got := pkgOf(strings.ReplaceAll(tt.name, "[...]", "")); got != tt.pkg {
			t.Errorf("pkgOf(%q) = %q, want %q", tt.name, got, tt.pkg)
		}
		if got := displayName(tt.name); got != tt.display {
			t.Errorf("displayName(%q) = %q, want %q", tt.name, got, tt.display)
		}
	}
	for name, want := range map[string]int{
		"main.init.func1": 1, "main.outer.func2.1": 2, "main.main.outer.main.outer.func2.func3": 2,
		"main.main.withRange.R.main.withRange-range1.func4": 1, "main.funcs": 0, "main.function1": 0,
		"main.(*T).M.func1": 1, "main.loadData": 0,
	} {
		if got := closureDepth(name); got != want {
			t.Errorf("closureDepth(%q) = %v, want %v", name, got, want)
		}
	}
}
