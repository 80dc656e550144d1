package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The data step: an app whose data is made rather than committed (examples/rides writes a 50 MB
// CSV) says so in a file named gen.go in its folder:
//
//	package main
//
//	//wasmlit:generates static/rides-5mb.csv static/rides-50mb.csv
//	//go:generate go run github.com/wasmlit/wasmlit/cmd/ridesgen -size 5MB -o static/rides-5mb.csv
//	//go:generate go run github.com/wasmlit/wasmlit/cmd/ridesgen -size 50MB -o static/rides-50mb.csv
//
// Before compiling the app, the build runs `go generate gen.go` in the app's folder (for the
// machine it runs on, not for js/wasm) when one of the files named by //wasmlit:generates lines
// (relative to the folder) is missing, or always when gen.go names none. Generators should write
// their files atomically, so that a half-written file never counts as present. Delete a file to
// have it made again; `go generate` by hand does the same.

// dataStepFile is the name of the file that holds an app's data step.
const dataStepFile = "gen.go"

// generatesDirective starts the lines of dataStepFile that name the files the step makes.
const generatesDirective = "//wasmlit:generates "

// runDataStep runs the app's data step if it has one and one of its files is missing.
func (b *Builder) runDataStep(ctx context.Context, app App) error {
	src := filepath.Join(app.Dir, dataStepFile)
	outputs, err := declaredOutputs(src)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if allExist(app.Dir, outputs) {
		return nil
	}
	cmd := exec.CommandContext(ctx, "go", "generate", dataStepFile)
	cmd.Dir = app.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go generate %s (the data step): %w\n%s", dataStepFile, err, bytes.TrimSpace(out))
	}
	if !allExist(app.Dir, outputs) {
		return fmt.Errorf("go generate %s did not write every file its %s lines name: %s", dataStepFile, strings.TrimSpace(generatesDirective), strings.Join(outputs, " "))
	}
	b.Log.Printf("%-6s %-14s %s", "data", app.Name, strings.Join(outputs, " "))
	return nil
}

// declaredOutputs returns the files named by the //wasmlit:generates lines of the Go file at path.
func declaredOutputs(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var outputs []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), generatesDirective); ok {
			outputs = append(outputs, strings.Fields(rest)...)
		}
	}
	return outputs, sc.Err()
}

// allExist reports whether every file (relative to dir) exists; false when files is empty.
func allExist(dir string, files []string) bool {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return len(files) > 0
}
