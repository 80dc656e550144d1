package main

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"text/template"

	"github.com/wasmlit/wasmlit/internal/atomicfile"
)

// newTemplates are the files `wasmlit new` writes, by the name they get.
//
//go:embed newtmpl
var newTemplates embed.FS

var newFiles = map[string]string{
	"go.mod":       "newtmpl/go.mod.tmpl",
	"main.go":      "newtmpl/main.go.tmpl",
	"main_test.go": "newtmpl/main_test.go.tmpl",
	"README.md":    "newtmpl/README.md.tmpl",
	".gitignore":   "newtmpl/gitignore.tmpl",
}

// newParams fill the templates.
type newParams struct {
	Name    string // the folder's base name: the app's name, its URL path under dist/
	Module  string // module path
	Go      string // go directive
	Wasmlit string // modulePath
	Version string // the wasmlit version required
	Replace string // the local checkout the module uses, if any (absolute)
}

// appName is what a new app may be called: it names a folder, a URL path and a module.
var appName = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// runNew is the new command: it writes a module with an app, a headless test, a README and a
// .gitignore into the folder NAME, then runs go mod tidy there (SPEC F2).
func runNew(ctx context.Context, log *logger, args []string) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	replace := fs.String("replace", "", "use the wasmlit checkout in `dir` (a replace directive): the way until wasmlit is published")
	module := fs.String("module", "", "module `path` (default: the folder's name)")
	tidy := fs.Bool("tidy", true, "run go mod tidy in the new module (fills go.sum)")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("usage: wasmlit new [-replace DIR] [-module PATH] NAME")
	}
	dir := absFrom(rest[0])
	p := newParams{Name: filepath.Base(dir), Module: *module, Wasmlit: modulePath, Go: goDirective()}
	if !appName.MatchString(p.Name) {
		return fmt.Errorf("wasmlit new: %q is not a usable app name: use lower-case letters, digits, - and _, starting with a letter", p.Name)
	}
	if p.Module == "" {
		p.Module = p.Name
	}
	if *replace != "" {
		p.Replace = absFrom(*replace)
		if mod, _ := goModInfo(p.Replace); mod != modulePath {
			return fmt.Errorf("wasmlit new: -replace %s: no wasmlit checkout there (its go.mod must declare module %s)", *replace, modulePath)
		}
		p.Version = "v0.0.0"
	} else if p.Version = publishedVersion(); p.Version == "" {
		return errors.New("wasmlit new: this wasmlit command was built from a checkout, not a published version, so there is no version to require: " +
			"give the checkout with -replace DIR (wasmlit new -replace ~/src/wasmlit NAME)")
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("wasmlit new: %s exists and is not empty: pick a new name", rest[0])
	}
	for name, tmpl := range newFiles {
		src, err := newTemplates.ReadFile(tmpl)
		if err != nil {
			return err
		}
		t, err := template.New(name).Delims("[[", "]]").Parse(string(src))
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := t.Execute(&out, p); err != nil {
			return err
		}
		if err := atomicfile.Write(filepath.Join(dir, name), out.Bytes()); err != nil {
			return err
		}
	}
	if *tidy {
		cmd := exec.CommandContext(ctx, "go", "mod", "tidy")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("wasmlit new: wrote %s, but go mod tidy failed there (it fetches wasmlit's dependencies; run it again when online): %w\n%s",
				rest[0], err, bytes.TrimSpace(out))
		}
	}
	log.Printf("wrote the module %s in %s:\n  cd %s\n  go tool wasmlit serve   # http://127.0.0.1:8080/%s/, rebuilt on save\n  go tool wasmlit test    # the headless tests",
		p.Module, rest[0], rest[0], p.Name)
	return nil
}

// publishedVersion returns the version of wasmlit this command was built from, when it is one a
// go.mod can require (installed or run from the module cache); "" for a checkout's build.
func publishedVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Path != modulePath {
		return ""
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" || strings.Contains(v, "+") {
		return ""
	}
	return v
}

// goDirective is the go directive of a new module: the version of the go command (so that go mod
// tidy does not have to raise it), or wasmlit's own minimum when that cannot be read.
func goDirective() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	v := strings.TrimPrefix(strings.TrimSpace(string(out)), "go")
	if err != nil || !regexp.MustCompile(`^\d+\.\d+(\.\d+)?$`).MatchString(v) {
		return "1.26.0"
	}
	return v
}
