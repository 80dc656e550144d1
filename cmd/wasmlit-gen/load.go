package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// The loader asks `go list` for the packages and their dependencies, parses
// and type-checks the main module's packages from source (their function
// bodies are what gets hashed) and reads every other dependency from the
// compiler's export data, which is faster than checking the standard library
// from source. It needs nothing beyond the standard library and the go
// command.

// listPkg is the part of `go list -json` output the generator reads.
type listPkg struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	CgoFiles   []string
	Export     string
	Standard   bool
	DepOnly    bool
	Module     *listModule
	Imports    []string
	ImportMap  map[string]string
}

type listModule struct {
	Path    string
	Version string
	Dir     string
	Main    bool
	Replace *listModule
}

// pkg is a type-checked package of the main module.
type pkg struct {
	path    string // import path
	name    string // package name
	dir     string
	prefix  string // the runtime's name prefix: "main" or the escaped import path
	files   []*srcFile
	types   *types.Package
	info    *types.Info
	modules []string // path@version of the non-main modules it depends on, sorted
}

// srcFile is a parsed source file with its bytes, for hashing.
type srcFile struct {
	name string // absolute path
	rel  string // -trimpath form: module path + path inside the module
	src  []byte
	ast  *ast.File
	tok  *token.File
}

// program is everything loaded for one run.
type program struct {
	fset    *token.FileSet
	module  *listModule
	pkgs    map[string]*pkg // main-module packages by import path
	order   []*pkg          // main-module packages, dependencies first
	targets []*pkg          // the packages named on the command line
}

const listFields = "ImportPath,Name,Dir,GoFiles,CgoFiles,Export,Standard,DepOnly,Module,Imports,ImportMap"

// load lists, parses and type-checks the packages in dirs. skip names an
// output file (besides generated source tables) to leave out.
func load(dirs []string, tags, skip string) (*program, error) {
	abs := make([]string, len(dirs))
	for i, d := range dirs {
		a, err := filepath.Abs(d)
		if err != nil {
			return nil, err
		}
		abs[i] = a
	}
	if skip != "" {
		s, err := filepath.Abs(skip)
		if err != nil {
			return nil, err
		}
		skip = s
	}
	args := []string{"list", "-e", "-deps", "-export", "-json=" + listFields}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	args = append(args, "--")
	args = append(args, abs...)
	cmd := exec.Command("go", args...)
	cmd.Dir = abs[0]
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.Bytes())
	}
	var listed []*listPkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listPkg)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %v", err)
		}
		listed = append(listed, p)
	}

	prog := &program{fset: token.NewFileSet(), pkgs: make(map[string]*pkg)}
	byPath := make(map[string]*listPkg)
	exports := make(map[string]string)
	for _, lp := range listed {
		byPath[lp.ImportPath] = lp
		exports[lp.ImportPath] = lp.Export
		if !lp.DepOnly {
			if lp.Module == nil || !lp.Module.Main {
				return nil, fmt.Errorf("%s: not in a module", lp.Dir)
			}
			if prog.module != nil && prog.module.Path != lp.Module.Path {
				return nil, fmt.Errorf("%s and %s are in different modules", prog.module.Path, lp.Module.Path)
			}
			prog.module = lp.Module
		}
	}
	if prog.module == nil {
		return nil, errors.New("no packages found")
	}
	gc := importer.ForCompiler(prog.fset, "gc", func(path string) (io.ReadCloser, error) {
		if f := exports[path]; f != "" {
			return os.Open(f)
		}
		return nil, fmt.Errorf("no export data for %s", path)
	})
	for _, lp := range listed {
		if lp.Module == nil || lp.Module.Path != prog.module.Path || lp.Standard {
			continue
		}
		// lp.Error is not checked: it may be a compile error of the
		// generated file we leave out (say, after a funcid change), and real
		// errors come back from parsing and type-checking below.
		if lp.ImportPath == funcidPath {
			if !lp.DepOnly {
				return nil, fmt.Errorf("%s cannot have a source table", funcidPath)
			}
			continue // never hashed: it is part of wasmlit, keyed by the module's version
		}
		p, err := check(prog, lp, gc, skip)
		if err != nil {
			return nil, err
		}
		p.modules = depModules(lp, byPath)
		prog.pkgs[p.path] = p
		prog.order = append(prog.order, p)
		if !lp.DepOnly {
			prog.targets = append(prog.targets, p)
		}
	}
	return prog, nil
}

// check parses and type-checks one main-module package.
func check(prog *program, lp *listPkg, gc types.Importer, skip string) (*pkg, error) {
	if len(lp.CgoFiles) > 0 {
		return nil, fmt.Errorf("%s: cgo packages are not supported", lp.ImportPath)
	}
	p := &pkg{path: lp.ImportPath, name: lp.Name, dir: lp.Dir, prefix: runtimePrefix(lp)}
	var files []*ast.File
	for _, name := range lp.GoFiles {
		path := filepath.Join(lp.Dir, name)
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if path == skip || bytes.HasPrefix(src, []byte(genHeader)) {
			continue // our own output: hashing it would make every run differ
		}
		f, err := parser.ParseFile(prog.fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(prog.module.Dir, path)
		if err != nil {
			return nil, err
		}
		p.files = append(p.files, &srcFile{
			name: path, rel: prog.module.Path + "/" + filepath.ToSlash(rel),
			src: src, ast: f, tok: prog.fset.File(f.Pos()),
		})
		files = append(files, f)
	}
	p.info = &types.Info{
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Instances:  make(map[*ast.Ident]types.Instance),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	var errs []string
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if to, ok := lp.ImportMap[path]; ok {
				path = to
			}
			if dep := prog.pkgs[path]; dep != nil {
				return dep.types, nil
			}
			return gc.Import(path)
		}),
		Error: func(err error) {
			if len(errs) < 10 {
				errs = append(errs, err.Error())
			}
		},
	}
	p.types, _ = conf.Check(lp.ImportPath, prog.fset, files, p.info)
	if len(errs) > 0 {
		return nil, fmt.Errorf("type errors in %s:\n\t%s", lp.ImportPath, strings.Join(errs, "\n\t"))
	}
	return p, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// depModules lists the modules other than the main one that provide the
// package's transitive dependencies, as path@version (with the replacement,
// if any). Their code is not hashed; a version change misses instead.
func depModules(lp *listPkg, byPath map[string]*listPkg) []string {
	seen := map[string]bool{}
	set := map[string]bool{}
	var walk func(path string)
	walk = func(path string) {
		if seen[path] {
			return
		}
		seen[path] = true
		dep := byPath[path]
		if dep == nil {
			return
		}
		if m := dep.Module; m != nil && !m.Main {
			s := m.Path + "@" + m.Version
			if r := m.Replace; r != nil {
				s += "=>" + r.Path + "@" + r.Version
			}
			set[s] = true
		}
		for _, imp := range dep.Imports {
			walk(imp)
		}
	}
	walk(lp.ImportPath)
	mods := make([]string, 0, len(set))
	for s := range set {
		mods = append(mods, s)
	}
	sort.Strings(mods)
	return mods
}

// runtimePrefix is the package part of the runtime's function names: "main"
// for a command, else the import path with the runtime's escaping
// (cmd/internal/objabi.PathToPrefix).
func runtimePrefix(lp *listPkg) string {
	if lp.Name == "main" {
		return "main"
	}
	return escapePath(lp.ImportPath)
}

// escapePath is an import path as the runtime's function names spell it.
func escapePath(s string) string {
	slash := strings.LastIndexByte(s, '/')
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || (c == '.' && i > slash) || c == '%' || c == '"' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02x", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
