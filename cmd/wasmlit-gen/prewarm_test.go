package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// A wrapper marked with cache.PrewarmN takes the name of the variable the mark is assigned to
// (SPEC C8): its records keep the name the unmarked wrapper had.
func TestWrapperNameThroughPrewarm_C8(t *testing.T) {
	src := `package main
var loadRides = cache.Prewarm1(cache.Data1(readRides, cache.SpinnerText("x")), "static/a.csv")
var plain = cache.Data1(readRides)
var other = wrap(cache.Data1(readRides))`
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var path []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			path = path[:len(path)-1]
			return true
		}
		defer func() { path = append(path, n) }()
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Data1" {
				got = append(got, wrapperName(path, call))
			}
		}
		return true
	})
	want := []string{"loadRides", "plain", ""}
	if len(got) != len(want) {
		t.Fatalf("names = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("names = %q, want %q", got, want)
			break
		}
	}
}
