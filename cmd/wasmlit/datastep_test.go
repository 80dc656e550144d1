package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataStep_D1: the build runs an app's gen.go only when a file it declares is missing, and
// says so when the step does not write what it declares.
func TestDataStep_D1(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go generate")
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"go.mod":                "module tiny\n\ngo 1.26\n",
		"examples/data/main.go": "// Data has a data step.\npackage main\n\nfunc main() {}\n",
		"examples/data/gen.go": "package main\n\n//wasmlit:generates static/d.csv\n" +
			`//go:generate sh -c "mkdir -p static && echo x,y > static/d.csv && echo run >> runs.log"` + "\n",
		"examples/broken/main.go": "package main\n\nfunc main() {}\n",
		"examples/broken/gen.go":  "package main\n\n//wasmlit:generates static/never.csv\n//go:generate true\n",
		"examples/plain/main.go":  "package main\n\nfunc main() {}\n",
	})
	b := &Builder{Root: root, Out: filepath.Join(root, "dist")}
	app := func(name string) App {
		a, err := loadApp(root, filepath.Join(root, "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	ctx := context.Background()
	runs := func() int {
		data, _ := os.ReadFile(filepath.Join(root, "examples", "data", "runs.log"))
		return strings.Count(string(data), "run")
	}
	for i, want := range []int{1, 1} {
		if err := b.runDataStep(ctx, app("data")); err != nil {
			t.Fatal(err)
		}
		if runs() != want {
			t.Fatalf("build %d: the step ran %d times, want %d", i+1, runs(), want)
		}
	}
	os.Remove(filepath.Join(root, "examples", "data", "static", "d.csv"))
	if err := b.runDataStep(ctx, app("data")); err != nil || runs() != 2 {
		t.Fatalf("after deleting the file: err %v, runs %d, want 2", err, runs())
	}
	if err := b.runDataStep(ctx, app("plain")); err != nil {
		t.Fatalf("an app without gen.go: %v", err)
	}
	err := b.runDataStep(ctx, app("broken"))
	if err == nil || !strings.Contains(err.Error(), "static/never.csv") {
		t.Fatalf("a step that does not write its file: %v", err)
	}
}
