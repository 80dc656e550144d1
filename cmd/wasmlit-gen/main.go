// Command wasmlit-gen writes the source table of cached functions into app
// packages, so that github.com/wasmlit/wasmlit/cache/funcid can key cached results by the
// source of the function (and of the module functions it uses) at run time.
//
// Usage:
//
//	wasmlit-gen [-o FILE] [-tags TAGS] [-goos GOOS -goarch GOARCH] [-v] DIR...
//
// For each package DIR it writes DIR/wasmlit_srcindex.gen.go (or FILE, with a
// single DIR): an init function that registers, for every function
// declaration and function literal of the package, its file and line, names,
// parameter names and source hash. The file is rewritten only when its content
// changes, and regenerating without source edits gives identical bytes.
//
// The package is loaded for the GOOS and GOARCH of the environment or of the
// -goos and -goarch flags; give the build's (js and wasm for a wasm app), so
// the table lists the same files the binary is built from.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// outName is the generated file's name in the package directory.
const outName = "wasmlit_srcindex.gen.go"

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "wasmlit-gen:", err)
		os.Exit(1)
	}
}

func run(args []string, logw io.Writer) error {
	fs := flag.NewFlagSet("wasmlit-gen", flag.ContinueOnError)
	fs.SetOutput(logw)
	out := fs.String("o", "", "output `file` (only with a single DIR; default DIR/"+outName+")")
	tags := fs.String("tags", "", "comma-separated build `tags`, as for go build")
	verbose := fs.Bool("v", false, "print what was written and how long it took")
	goos := fs.String("goos", "", "load the package for this `GOOS` (default: $GOOS, or the host's)")
	goarch := fs.String("goarch", "", "load the package for this `GOARCH` (default: $GOARCH, or the host's)")
	fs.Usage = func() {
		fmt.Fprintf(logw, "usage: wasmlit-gen [-o FILE] [-tags TAGS] [-goos GOOS -goarch GOARCH] [-v] DIR...\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		fs.Usage()
		return errors.New("no package directory given")
	}
	if *out != "" && len(dirs) > 1 {
		return errors.New("-o needs a single DIR")
	}
	// The go list the loader runs inherits the environment: the target platform is set there, so
	// the generator itself can be built and run natively for a js/wasm app.
	for name, v := range map[string]string{"GOOS": *goos, "GOARCH": *goarch} {
		if v != "" {
			if err := os.Setenv(name, v); err != nil {
				return err
			}
		}
	}
	start := time.Now()
	prog, err := load(dirs, *tags, *out)
	if err != nil {
		return err
	}
	loaded := time.Since(start)
	ix := newIndex(prog)
	sites, err := allSites(ix, prog)
	if err != nil {
		return err
	}
	for _, pkg := range prog.targets {
		src, n, err := generate(prog, ix, pkg, sites)
		if err != nil {
			return err
		}
		path := *out
		if path == "" {
			path = filepath.Join(pkg.dir, outName)
		}
		changed, err := writeIfChanged(path, src)
		if err != nil {
			return err
		}
		if *verbose {
			state := "unchanged"
			if changed {
				state = "written"
			}
			fmt.Fprintf(logw, "wasmlit-gen: %s: %d functions, %s\n", path, n, state)
		}
	}
	if *verbose {
		fmt.Fprintf(logw, "wasmlit-gen: load %v, total %v\n",
			loaded.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// writeIfChanged writes src to path unless the file already holds it, so
// file watchers do not see a write when nothing changed.
func writeIfChanged(path string, src []byte) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, src) {
		return false, nil
	}
	return true, os.WriteFile(path, src, 0o644)
}
