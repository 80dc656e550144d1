package main

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// A unit is a module-level declaration whose source goes into the hash of the
// functions that use it: a function or method, a type, a variable (its spec),
// or a constant (its whole const block, because of iota).
type unit struct {
	key    string // kind and qualified name; stable across unrelated edits
	pkg    *pkg
	file   *srcFile
	node   ast.Node
	digest [16]byte
	refs   []*unit // filled by index.refsOf
	done   bool
}

// index maps the main module's package-level objects to their units.
type index struct {
	prog  *program
	units map[types.Object]*unit
	// named lists the module's non-generic named types, for calls of
	// interface methods.
	named []*types.TypeName
	// dispatch caches the concrete methods an interface method may run.
	dispatch map[*types.Func][]*unit
}

func newIndex(prog *program) *index {
	ix := &index{prog: prog, units: make(map[types.Object]*unit), dispatch: make(map[*types.Func][]*unit)}
	for _, p := range prog.order {
		for _, f := range p.files {
			ix.addFile(p, f)
		}
	}
	sort.Slice(ix.named, func(i, j int) bool {
		a, b := ix.named[i], ix.named[j]
		return a.Pkg().Path()+"."+a.Name() < b.Pkg().Path()+"."+b.Name()
	})
	return ix
}

func (ix *index) addFile(p *pkg, f *srcFile) {
	add := func(obj types.Object, u *unit) {
		if obj != nil {
			ix.units[obj] = u
		}
	}
	for _, decl := range f.ast.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			u := &unit{key: "func " + p.path + "." + declName(d), pkg: p, file: f, node: d}
			add(p.info.Defs[d.Name], u)
		case *ast.GenDecl:
			if d.Tok == token.CONST {
				var names []string
				for _, s := range d.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						names = append(names, n.Name)
					}
				}
				u := &unit{key: "const " + p.path + "." + strings.Join(names, ","), pkg: p, file: f, node: d}
				for _, s := range d.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						add(p.info.Defs[n], u)
					}
				}
				continue
			}
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					var names []string
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
					u := &unit{key: "var " + p.path + "." + strings.Join(names, ","), pkg: p, file: f, node: s}
					for _, n := range s.Names {
						add(p.info.Defs[n], u)
					}
				case *ast.TypeSpec:
					u := &unit{key: "type " + p.path + "." + s.Name.Name, pkg: p, file: f, node: s}
					// The type and everything defined inside it (fields,
					// interface methods) lead to the type's declaration.
					ast.Inspect(s, func(n ast.Node) bool {
						if id, ok := n.(*ast.Ident); ok {
							add(p.info.Defs[id], u)
						}
						return true
					})
					if tn, ok := p.info.Defs[s.Name].(*types.TypeName); ok && !tn.IsAlias() {
						if named, ok := tn.Type().(*types.Named); ok && named.TypeParams().Len() == 0 {
							if _, isIface := named.Underlying().(*types.Interface); !isIface {
								ix.named = append(ix.named, tn)
							}
						}
					}
				}
			}
		}
	}
}

// refsOf returns the units that node (inside package p) uses directly.
func (ix *index) refsOf(p *pkg, node ast.Node) []*unit {
	seen := make(map[*unit]bool)
	var refs []*unit
	addUnit := func(u *unit) {
		if u != nil && !seen[u] {
			seen[u] = true
			refs = append(refs, u)
		}
	}
	ast.Inspect(node, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := p.info.Uses[id]
		switch o := obj.(type) {
		case nil:
			return true
		case *types.Func:
			obj = o.Origin()
			if iface := ifaceOf(o); iface != nil {
				for _, u := range ix.implementations(o.Origin(), iface) {
					addUnit(u)
				}
			}
		case *types.Var:
			obj = o.Origin()
		}
		addUnit(ix.units[obj])
		return true
	})
	return refs
}

// ifaceOf returns the interface of an interface method, else nil.
func ifaceOf(f *types.Func) *types.Interface {
	sig, ok := f.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	iface, _ := sig.Recv().Type().Underlying().(*types.Interface)
	return iface
}

// implementations returns the module's methods that a call of the interface
// method m may run: m's name on every module type that implements the
// interface. It over-approximates, which can only cause extra misses.
func (ix *index) implementations(m *types.Func, iface *types.Interface) []*unit {
	if us, ok := ix.dispatch[m]; ok {
		return us
	}
	var us []*unit
	for _, tn := range ix.named {
		t := tn.Type()
		if !types.Implements(t, iface) && !types.Implements(types.NewPointer(t), iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
		if f, ok := obj.(*types.Func); ok {
			if u := ix.units[f.Origin()]; u != nil {
				us = append(us, u)
			}
		}
	}
	ix.dispatch[m] = us
	return us
}

// unitRefs fills in and returns u's digest and direct references.
func (ix *index) unitRefs(u *unit) []*unit {
	if !u.done {
		u.done = true
		u.digest = digest(u.file, u.node)
		u.refs = ix.refsOf(u.pkg, u.node)
	}
	return u.refs
}

// closure returns every unit reachable from the direct references refs,
// sorted by key. Cycles are fine: each unit is visited once.
func (ix *index) closure(refs []*unit) []*unit {
	seen := make(map[*unit]bool)
	var all []*unit
	stack := append([]*unit(nil), refs...)
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[u] {
			continue
		}
		seen[u] = true
		all = append(all, u)
		stack = append(stack, ix.unitRefs(u)...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })
	return all
}
