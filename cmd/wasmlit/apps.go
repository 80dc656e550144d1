package main

import (
	"fmt"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// App is one app directory to build.
type App struct {
	Dir   string // absolute path of the main package
	Rel   string // Dir relative to the module root, slash separated, "./" prefixed
	Name  string // base name of Dir: the folder under dist/
	Title string // first sentence of the package doc, without its final period; Name if none
	Doc   string // first sentence of the package doc; empty if none
}

// discoverApps lists every examples/* directory that holds a main package, sorted by name.
// Like the go command, it skips directories whose names start with "." or "_".
func discoverApps(root string) ([]App, error) {
	entries, err := os.ReadDir(filepath.Join(root, "examples"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var apps []App
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue
		}
		dir := filepath.Join(root, "examples", name)
		if !isMainPackage(dir) {
			continue
		}
		app, err := loadApp(root, dir)
		if err != nil {
			return nil, err
		}
		apps = append(apps, app)
	}
	sort.Slice(apps, func(i, j int) bool { return apps[i].Name < apps[j].Name })
	return apps, nil
}

// resolveApps turns command-line app directories (relative to the working directory or
// absolute) into Apps. With none given it discovers the examples.
func resolveApps(root string, args []string) ([]App, error) {
	if len(args) == 0 {
		return discoverApps(root)
	}
	var apps []App
	seen := map[string]string{}
	for _, a := range args {
		dir := absFrom(a)
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("app %s: %w", a, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("app %s: not a directory", a)
		}
		if !isMainPackage(dir) {
			return nil, fmt.Errorf("app %s: no main package in it", a)
		}
		app, err := loadApp(root, dir)
		if err != nil {
			return nil, err
		}
		if other, ok := seen[app.Name]; ok {
			return nil, fmt.Errorf("apps %s and %s would both build into dist/%s", other, a, app.Name)
		}
		seen[app.Name] = a
		apps = append(apps, app)
	}
	return apps, nil
}

func loadApp(root, dir string) (App, error) {
	rel, err := filepath.Rel(root, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return App{}, fmt.Errorf("app %s is outside the module at %s", dir, root)
	}
	name := filepath.Base(dir)
	first := firstSentence(packageDoc(dir))
	title := strings.TrimSuffix(first, ".")
	if title == "" {
		title = name
	}
	if rel == "." {
		rel = "" // the module root itself: "./"
	}
	return App{Dir: dir, Rel: "./" + filepath.ToSlash(rel), Name: name, Title: title, Doc: first}, nil
}

// goFiles lists the non-test .go files of dir.
func goFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") &&
			!strings.HasPrefix(n, ".") && !strings.HasPrefix(n, "_") {
			files = append(files, filepath.Join(dir, n))
		}
	}
	sort.Strings(files)
	return files
}

// isMainPackage reports whether some non-test .go file in dir declares package main.
func isMainPackage(dir string) bool {
	fset := token.NewFileSet()
	for _, f := range goFiles(dir) {
		af, err := parser.ParseFile(fset, f, nil, parser.PackageClauseOnly)
		if err == nil && af.Name.Name == "main" {
			return true
		}
	}
	return false
}

// packageDoc returns the package doc comment of the main package in dir (the first file that
// has one, in name order, as go doc does for a package split over files).
func packageDoc(dir string) string {
	fset := token.NewFileSet()
	for _, f := range goFiles(dir) {
		af, err := parser.ParseFile(fset, f, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil || af.Name.Name != "main" || af.Doc == nil {
			continue
		}
		if text := strings.TrimSpace(af.Doc.Text()); text != "" {
			return text
		}
	}
	return ""
}

// firstSentence is the doc's synopsis: its first sentence, on one line, with doc markup removed.
func firstSentence(text string) string {
	var p doc.Package
	return strings.TrimSpace(p.Synopsis(text))
}
