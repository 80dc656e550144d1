package cache

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"testing"

	"github.com/wasmlit/wasmlit/cache/internal/genwrappers"
)

// TestWrappersAreGenerated fails when the committed wrapper files differ from
// what internal/genwrappers/wrappers.go.tmpl makes: a hand edit of a
// generated file, or a template edit without go generate ./cache.
func TestWrappersAreGenerated(t *testing.T) {
	files, err := genwrappers.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("genwrappers.Generate made no files")
	}
	for _, f := range files {
		got, err := os.ReadFile(f.Name)
		if err != nil {
			t.Fatalf("%v: run go generate ./cache and commit the file", err)
		}
		// ast.IsGenerated is how Go tools (gopls, staticcheck, go vet's
		// analyzers) tell generated code: the "Code generated ... DO NOT
		// EDIT." line before the package clause.
		file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Data, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if !ast.IsGenerated(file) {
			t.Errorf("%s is not marked as generated: its first line must be genwrappers.Header", f.Name)
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("%s is stale (%s): run go generate ./cache and commit it with the template", f.Name, firstDiff(got, f.Data))
		}
	}
}

// firstDiff names the first line where the committed file differs from the
// generated one.
func firstDiff(committed, generated []byte) string {
	a, b := bytes.Split(committed, []byte("\n")), bytes.Split(generated, []byte("\n"))
	for i := 0; i < len(a) && i < len(b); i++ {
		if !bytes.Equal(a[i], b[i]) {
			return fmt.Sprintf("line %d: committed %q, template makes %q", i+1, a[i], b[i])
		}
	}
	return fmt.Sprintf("committed %d lines, template makes %d", len(a), len(b))
}
