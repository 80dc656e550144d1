package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/zeebo/xxh3"
)

// cachePath is the package whose wrapper constructors make cached functions.
const cachePath = "github.com/wasmlit/wasmlit/cache"

// A site is one call of a cache wrapper constructor (cache.Data1(...)): the
// cached function's identity at run time, found by the call's file and line.
type site struct {
	file    string // -trimpath form
	line    int    // line of the call's opening parenthesis
	name    string // runtime package prefix + "." + declared name
	display string
	hash    [16]byte
	params  []string // nil: not shown by the call
	// What the run time checks the wrapped function against, to notice a stale table: the
	// runtime name of a declared function or method, or the lines of a literal.
	fn                string
	fnLine, fnEndLine int
}

// A problem is a call site the generator refuses, reported like go vet.
type problem struct {
	pos token.Position
	msg string
}

func (p problem) String() string { return fmt.Sprintf("%s: %s", p.pos, p.msg) }

// isCtor reports whether name is a cache wrapper constructor: Data1,
// ResourceMethod0, ...
func isCtor(name string) bool {
	for _, kind := range []string{"DataMethod", "ResourceMethod", "Data", "Resource"} {
		if n, ok := strings.CutPrefix(name, kind); ok {
			_, err := strconv.Atoi(n)
			return n != "" && err == nil
		}
	}
	return false
}

// funcIdent returns the identifier that names the function e refers to (f, pkg.f,
// x.M, f[T]), or nil when e is not such a name (a literal, a call).
func funcIdent(e ast.Expr) *ast.Ident {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.IndexExpr:
		e = x.X
	case *ast.IndexListExpr:
		e = x.X
	}
	switch x := e.(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// ctorOf returns the constructor a call calls and the identifier naming it,
// or nil.
func ctorOf(p *pkg, call *ast.CallExpr) (*types.Func, *ast.Ident) {
	id := funcIdent(call.Fun)
	if id == nil {
		return nil, nil
	}
	f, ok := p.info.Uses[id].(*types.Func)
	if !ok || f.Pkg() == nil || f.Pkg().Path() != cachePath || !isCtor(f.Name()) {
		return nil, nil
	}
	return f, id
}

// sitesOf finds every cache wrapper constructor call of p, with its identity,
// and the calls it refuses.
func sitesOf(ix *index, p *pkg) ([]site, []problem) {
	env := envDigest(p)
	var out []site
	var probs []problem
	lines := map[string]token.Pos{} // file:line -> first call there
	names := map[string]int{}
	for _, f := range p.files {
		for _, decl := range f.ast.Decls {
			enc := "" // the enclosing function declaration, "" at package level
			if d, ok := decl.(*ast.FuncDecl); ok {
				enc = declName(d)
			}
			var path []ast.Node
			ast.Inspect(decl, func(n ast.Node) bool {
				if n == nil {
					path = path[:len(path)-1]
					return true
				}
				defer func() { path = append(path, n) }()
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				ctor, ctorID := ctorOf(p, call)
				if ctor == nil || len(call.Args) == 0 {
					return true
				}
				pos := call.Lparen
				line := f.tok.Line(pos)
				lk := f.rel + ":" + strconv.Itoa(line)
				if first, dup := lines[lk]; dup {
					probs = append(probs, problem{pos: ix.prog.fset.Position(pos), msg: fmt.Sprintf(
						"cache.%s: a second cached function on the line of the one at column %d; the cache "+
							"finds a cached function by its line: put each on its own line",
						ctor.Name(), ix.prog.fset.Position(first).Column)})
					return true
				}
				lines[lk] = pos
				probs = append(probs, refusals(ix, p, call, ctor)...)

				local := wrapperName(path, call)
				if local == "" {
					local = "wrapper"
				}
				name := p.prefix + "."
				if enc != "" {
					name += enc + "."
				}
				name += local
				names[name]++
				if k := names[name]; k > 1 {
					name += "~" + strconv.Itoa(k)
				}
				display, params, fnName := wrappedFunc(ix, p, call.Args[0])
				if display == "" {
					display = local
				}
				s := site{
					file: f.rel, line: line, name: name, display: display, params: params,
					hash: siteHash(ix, p, f, env, call, ctorID), fn: fnName,
				}
				if lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit); ok {
					s.fnLine, s.fnEndLine = f.tok.Line(lit.Pos()), f.tok.Line(lit.End())
				}
				out = append(out, s)
				return true
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].file != out[j].file {
			return out[i].file < out[j].file
		}
		return out[i].line < out[j].line
	})
	return out, probs
}

// siteHash hashes what a cached function's results depend on besides its
// arguments, as far as the source shows it: the wrapped function expression
// and every module declaration it uses, the options that change keys
// (HashFunc, HashFuncByName, Exclude, Key) and the type arguments of the
// constructor and of generic functions named in the expression.
func siteHash(ix *index, p *pkg, f *srcFile, env string, call *ast.CallExpr, ctorID *ast.Ident) [16]byte {
	h := xxh3.New128()
	for _, s := range []string{hashVersion, env, "site"} {
		_, _ = h.WriteString(s + "\x00")
	}
	typeArgs := func(id *ast.Ident) {
		if inst, ok := p.info.Instances[id]; ok {
			for i := 0; i < inst.TypeArgs.Len(); i++ {
				_, _ = h.WriteString("typearg " + types.TypeString(inst.TypeArgs.At(i), nil) + "\x00")
			}
		}
	}
	typeArgs(ctorID)
	hashExpr := func(e ast.Expr) {
		d := digest(f, e)
		_, _ = h.Write(d[:])
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				typeArgs(id)
			}
			return true
		})
		for _, u := range ix.closure(ix.refsOf(p, e)) {
			_, _ = h.WriteString(u.key + "\x00")
			_, _ = h.Write(u.digest[:])
		}
	}
	hashExpr(call.Args[0])
	for _, opt := range call.Args[1:] {
		if name := optionName(p, opt); name == "HashFunc" || name == "HashFuncByName" || name == "Exclude" || name == "Key" {
			_, _ = h.WriteString("option " + name + "\x00")
			hashExpr(opt)
		}
	}
	if call.Ellipsis.IsValid() {
		_, _ = h.WriteString("options...\x00")
		hashExpr(call.Args[len(call.Args)-1])
	}
	return h.Sum128().Bytes()
}

// optionName returns the name of the cache package function an option
// argument calls (HashFunc for cache.HashFunc(f)), or "".
func optionName(p *pkg, e ast.Expr) string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return ""
	}
	fun := ast.Unparen(call.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	var id *ast.Ident
	switch x := fun.(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return ""
	}
	if f, ok := p.info.Uses[id].(*types.Func); ok && f.Pkg() != nil && f.Pkg().Path() == cachePath {
		return f.Name()
	}
	return ""
}

// wrapperName is the name a wrapper call is declared or assigned under, from
// the syntax around it (path holds its ancestors): "loadData" for `var
// loadData = cache.Data1(...)`, "app.load" for the field load of a composite
// literal assigned to app; "" when nothing names it.
func wrapperName(path []ast.Node, node ast.Node) string {
	child := node
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.ParenExpr:
			child = n
			continue
		case *ast.CallExpr:
			if isPrewarmMark(n, child) { // var f = cache.Prewarm1(cache.Data1(...), ...) names f
				child = n
				continue
			}
		case *ast.ValueSpec:
			for j, v := range n.Values {
				if v == child && j < len(n.Names) {
					return n.Names[j].Name
				}
			}
		case *ast.AssignStmt:
			for j, v := range n.Rhs {
				if v == child && j < len(n.Lhs) {
					return exprString(n.Lhs[j])
				}
			}
		case *ast.KeyValueExpr:
			if n.Value == child && i > 0 {
				k := exprString(n.Key)
				if outer := wrapperName(path[:i-1], path[i-1]); outer != "" {
					return outer + "." + k
				}
				return k
			}
		case *ast.CompositeLit:
			for j, e := range n.Elts {
				if e == child {
					return wrapperName(path[:i], n) + "[" + strconv.Itoa(j) + "]"
				}
			}
		case *ast.ReturnStmt:
			return "return"
		}
		return ""
	}
	return ""
}

// wrappedFunc returns the display name, parameter names and runtime name of
// the function a wrapper call wraps, when the call names a declared function
// or method or writes a literal (no runtime name); "", nil and "" otherwise.
func wrappedFunc(ix *index, p *pkg, e ast.Expr) (string, []string, string) {
	if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok {
		return "", params(nil, lit.Type), ""
	}
	id := funcIdent(e)
	if id == nil {
		return "", nil, ""
	}
	f, ok := p.info.Uses[id].(*types.Func)
	if !ok {
		return "", nil, ""
	}
	u := ix.units[f.Origin()]
	if u == nil {
		return "", nil, ""
	}
	d, ok := u.node.(*ast.FuncDecl)
	if !ok {
		return "", nil, ""
	}
	return declDisplay(d), params(d.Recv, d.Type), u.pkg.prefix + "." + declName(d)
}

// allSites finds the wrapper call sites of every loaded package. Calls it
// refuses make the error, one line per call, like go vet.
func allSites(ix *index, prog *program) (map[*pkg][]site, error) {
	out := map[*pkg][]site{}
	var probs []problem
	for _, p := range prog.order {
		s, pr := sitesOf(ix, p)
		out[p] = s
		probs = append(probs, pr...)
	}
	if len(probs) == 0 {
		return out, nil
	}
	sort.Slice(probs, func(i, j int) bool {
		a, b := probs[i].pos, probs[j].pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	lines := make([]string, len(probs))
	for i, pr := range probs {
		lines[i] = pr.String()
	}
	return nil, fmt.Errorf("cached functions whose results would be shared by mistake:\n%s", strings.Join(lines, "\n"))
}

// renderSites writes the registration of p's call sites; a main package
// registers those of every main-module package it links, as the program's
// complete list.
func renderSites(b *bytes.Buffer, prog *program, p *pkg, sites map[*pkg][]site) {
	list := sites[p]
	if p.name == "main" {
		list = nil
		var pkgs []string
		for _, q := range prog.order {
			if q.name == "main" && q != p {
				continue
			}
			pkgs = append(pkgs, strconv.Quote(q.prefix))
			list = append(list, sites[q]...)
		}
		// go test compiles a main package under its import path.
		fmt.Fprintf(b, "\twasmlitfuncid.AliasMain(%q)\n", escapePath(p.path))
		fmt.Fprintf(b, "\twasmlitfuncid.RegisterProgram([]string{%s}, []wasmlitfuncid.Site{\n", strings.Join(pkgs, ", "))
	} else {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(b, "\twasmlitfuncid.RegisterSites(%q, []wasmlitfuncid.Site{\n", p.prefix)
	}
	for _, s := range list {
		ps := "nil"
		if s.params != nil {
			q := make([]string, len(s.params))
			for i, n := range s.params {
				q[i] = strconv.Quote(n)
			}
			ps = "[]string{" + strings.Join(q, ", ") + "}"
		}
		fmt.Fprintf(b, "\t\t{File: %q, Line: %d, Name: %q, Display: %q, Hash: %q, Params: %s, Func: %q, FuncLine: %d, FuncEndLine: %d},\n",
			s.file, s.line, s.name, s.display, hex.EncodeToString(s.hash[:]), ps, s.fn, s.fnLine, s.fnEndLine)
	}
	b.WriteString("\t}...)\n")
}

// isPrewarmMark reports whether call is cache.PrewarmN(child, ...), which returns its first
// argument: the wrapper takes the name of what the mark is assigned to.
func isPrewarmMark(call *ast.CallExpr, child ast.Node) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 || call.Args[0] != child {
		return false
	}
	name := sel.Sel.Name
	return len(name) == len("Prewarm0") && strings.HasPrefix(name, "Prewarm") && name[7] >= '0' && name[7] <= '9'
}
