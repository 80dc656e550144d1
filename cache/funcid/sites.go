package funcid

import (
	"encoding/hex"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
)

// Site is one call of a cache wrapper constructor (cache.Data1(...),
// cache.ResourceMethod0(...)) as the generator recorded it: a cached
// function is known by its call site's declaration, not by the name the
// compiler gives the function it wraps. Generated code builds sites; they
// are not meant to be written by hand.
type Site struct {
	// File is the source file in -trimpath form, as in Entry.
	File string
	// Line is the line of the call's opening parenthesis, which is the line
	// runtime.Caller reports for the call.
	Line int
	// Name is the runtime package prefix, a dot and the name the wrapper is
	// declared or assigned under: "main.loadData" for `var loadData =
	// cache.Data1(...)`, "main.app.load" for a field of a composite literal
	// assigned to app, "main.main.f" for a local variable f of func main. A
	// name that would repeat in the package gets "~2", "~3", ... in source
	// order. Name does not depend on the position of other declarations.
	Name string
	// Display is the name to show people: the wrapped function's declared
	// name when the call wraps a declared function, else the declared name
	// of the wrapper.
	Display string
	// Hash is 32 hex digits: the hash of the wrapped function expression's
	// source, of every module declaration it uses (transitively), of the
	// wrapper's HashFunc, HashFuncByName, Exclude and Key options, and of
	// the constructor's type arguments.
	Hash string
	// Params holds the wrapped function's parameter names (the receiver
	// first for a method expression), or nil when the call does not show
	// them (a function value held in a variable).
	Params []string
	// Func is the runtime name of the wrapped function when the call names
	// a declared function or method ("main.loadData"); FuncLine and
	// FuncEndLine are the lines of a wrapped function literal. LookupSite
	// checks the function it is given against them, so that a table
	// generated from older source is noticed instead of lending one
	// wrapper's identity to another.
	Func                  string
	FuncLine, FuncEndLine int
}

// SiteIdentity is what the cache gets for a call site found in a table.
type SiteIdentity struct {
	Name, Display string
	Hash          [16]byte
	Params        []string

	fn                string
	file              string
	fnLine, fnEndLine int
}

// siteKey finds a site by runtime package, file name and line.
type siteKey struct {
	pkg, base string
	line      int
}

// sites holds the registered call sites and the program's list, if any.
type sites struct {
	mu     sync.RWMutex
	byLine map[siteKey]SiteIdentity
	pkgs   map[string]bool // packages with a registered site table
	prog   *Program
	alias  string // the import path of package main under go test
}

var siteTable sites

// Program is the list of every cached call site of a program, registered by
// the generated table of its main package: what the cache may keep in a
// persistent store. Records of the listed packages' functions whose name or
// hash is not in Sites belong to code that no longer exists.
type Program struct {
	// Packages holds the runtime package prefixes the list is complete for
	// (the packages of the main module that the program links).
	Packages map[string]bool
	// Sites maps each call site's Name to its Hash.
	Sites map[string][16]byte
}

// RegisterSites adds the call sites of one package; generated init functions
// call it. It panics on a malformed site (generated code never makes one).
func RegisterSites(pkg string, list ...Site) {
	siteTable.add(pkg, list)
}

// RegisterProgram registers the call sites of every package in pkgs (runtime
// package prefixes) as the complete list of the program's cached functions;
// the generated table of a main package calls it. The cache then drops
// persisted records of those packages' functions that are not in the list.
func RegisterProgram(pkgs []string, list ...Site) {
	p := &Program{Packages: map[string]bool{}, Sites: map[string][16]byte{}}
	for _, pkg := range pkgs {
		p.Packages[pkg] = true
	}
	for _, s := range list {
		p.Sites[s.Name] = parseSiteHash(s)
		siteTable.add(pkgOf(s.Name), []Site{s})
	}
	siteTable.mu.Lock()
	siteTable.prog = p
	siteTable.mu.Unlock()
}

// AliasMain tells that package main is compiled as importPath (a runtime
// package prefix) in a test binary: go test gives the package under test its
// import path, so call sites found there are looked up among main's.
func AliasMain(importPath string) {
	siteTable.mu.Lock()
	siteTable.alias = importPath
	siteTable.mu.Unlock()
}

// ProgramSites returns the program's list of cached call sites, or false when
// no main package registered one (a build without the generator, or a test
// binary of a library package).
func ProgramSites() (Program, bool) {
	siteTable.mu.RLock()
	defer siteTable.mu.RUnlock()
	if siteTable.prog == nil {
		return Program{}, false
	}
	return *siteTable.prog, true
}

func parseSiteHash(s Site) [16]byte {
	var h [16]byte
	b, err := hex.DecodeString(s.Hash)
	if err != nil || len(b) != len(h) {
		panic(fmt.Sprintf("funcid.RegisterSites: %s: hash %q is not 32 hex digits", s.Name, s.Hash))
	}
	copy(h[:], b)
	return h
}

func (t *sites) add(pkg string, list []Site) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byLine == nil {
		t.byLine = map[siteKey]SiteIdentity{}
		t.pkgs = map[string]bool{}
	}
	t.pkgs[pkg] = true
	for _, s := range list {
		if s.Line <= 0 || s.File == "" || s.Name == "" {
			panic(fmt.Sprintf("funcid.RegisterSites: incomplete site %+v", s))
		}
		k := siteKey{pkg: pkgOf(s.Name), base: s.File[strings.LastIndexByte(s.File, '/')+1:], line: s.Line}
		t.byLine[k] = SiteIdentity{Name: s.Name, Display: s.Display, Hash: parseSiteHash(s), Params: s.Params,
			fn: s.Func, file: k.base, fnLine: s.FuncLine, fnEndLine: s.FuncEndLine}
	}
}

// SiteMiss tells why LookupSite found nothing.
type SiteMiss int

const (
	// SiteFound: the site is in the table.
	SiteFound SiteMiss = iota
	// SiteMissing: the caller's package registered no site table.
	SiteMissing
	// SiteStale: the package has a table, but no site at that line.
	SiteStale
)

// LookupSite finds the call site at file and line, called from the function
// named caller (a runtime name, which gives the package), that wraps fn.
func LookupSite(caller, file string, line int, fn any) (SiteIdentity, SiteMiss) {
	id, miss := lookupSite(caller, file, line)
	if miss == SiteFound && !id.wraps(fn) {
		return SiteIdentity{}, SiteStale
	}
	return id, miss
}

// wraps reports whether fn can be the function the site's call wraps: the
// declared function it names, or a literal on its lines.
func (id SiteIdentity) wraps(fn any) bool {
	switch {
	case id.fn != "":
		f := runtimeFunc(funcPC(fn))
		if f == nil {
			return false
		}
		name := f.Name()
		siteTable.mu.RLock()
		alias := siteTable.alias
		siteTable.mu.RUnlock()
		if rest, ok := strings.CutPrefix(name, alias+"."); ok && alias != "" {
			name = "main." + rest // package main under go test
		}
		return sameFunc(name, id.fn)
	case id.fnLine > 0:
		f := runtimeFunc(funcPC(fn))
		if f == nil {
			return false
		}
		_, file, line := entryPos(f)
		base := file[strings.LastIndexAny(file, `/\`)+1:]
		return base == id.file && id.fnLine <= line && line <= id.fnEndLine
	}
	return true // an expression the table cannot check (a decorator's result)
}

// sameFunc compares a runtime name with a table's name for one function:
// generic brackets and the pointer receiver's parentheses do not count (a
// method expression through the other receiver kind is a wrapper of the
// method).
func sameFunc(runtimeName, tableName string) bool {
	norm := func(s string) string {
		s = strings.ReplaceAll(s, "[...]", "")
		return strings.NewReplacer("(*", "", ")", "").Replace(s)
	}
	return norm(runtimeName) == norm(tableName)
}

func lookupSite(caller, file string, line int) (SiteIdentity, SiteMiss) {
	pkg := pkgOf(strings.ReplaceAll(caller, "[...]", ""))
	base := file[strings.LastIndexAny(file, `/\`)+1:]
	siteTable.mu.RLock()
	defer siteTable.mu.RUnlock()
	if pkg == siteTable.alias && pkg != "" {
		pkg = "main"
	}
	if !siteTable.pkgs[pkg] {
		return SiteIdentity{}, SiteMissing
	}
	id, ok := siteTable.byLine[siteKey{pkg: pkg, base: base, line: line}]
	if !ok {
		return SiteIdentity{}, SiteStale
	}
	return id, SiteFound
}

// PackageOf returns the package part of a runtime function name or of a
// Site's Name: "main" of "main.loadData".
func PackageOf(name string) string { return pkgOf(name) }

// WarnSite tells Warn, once, that a call site could not be found in the
// source tables, and why.
func WarnSite(miss SiteMiss, caller, file string, line int) {
	switch miss {
	case SiteMissing:
		warnOnce(&warnedMissing, fmt.Sprintf("wasmlit: no source table for the cached function made at %s:%d (in %s), "+
			"so its cached results will not survive a rebuild. Generate the table: run ./build.sh build, or "+
			"go run github.com/wasmlit/wasmlit/cmd/wasmlit-gen DIR before go build.", file, line, caller))
	case SiteStale:
		warnOnce(&warnedStale, fmt.Sprintf("wasmlit: the source table does not list the cached function made at "+
			"%s:%d: it was generated from older source. Cached results of such functions will not survive a "+
			"rebuild. Regenerate it: run ./build.sh build, or go run github.com/wasmlit/wasmlit/cmd/wasmlit-gen DIR "+
			"before go build.", file, line))
	}
}

// IsMethodValue reports whether fn, a non-nil func value, is a bound method
// value (m.Predict): its receiver is inside the func value, where no key
// can see it. It needs no source table.
func IsMethodValue(fn any) bool {
	pc := funcPC(fn)
	f := runtimeFunc(pc)
	if f == nil {
		return false
	}
	name, _, _ := entryPos(f)
	return strings.HasSuffix(name, "-fm") || strings.HasSuffix(f.Name(), "-fm") || isMethodValue(f, name)
}

func funcPC(fn any) uintptr {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		panic(fmt.Sprintf("funcid: want a non-nil func, got %T", fn))
	}
	return v.Pointer()
}

func runtimeFunc(pc uintptr) *runtime.Func { return runtime.FuncForPC(pc) }
