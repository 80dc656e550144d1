package main

import (
	"go/ast"
	"strconv"
)

// declName is a function declaration's name as the runtime spells it, without
// the package: "loadData", "Model.Predict", "(*Model).Scale". Type parameters
// are left out (the runtime shows them as "[...]", which funcid drops).
func declName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	ptr := false
	if star, ok := t.(*ast.StarExpr); ok {
		ptr, t = true, star.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	if ptr {
		return "(*" + name + ")." + d.Name.Name
	}
	return name + "." + d.Name.Name
}

// declDisplay is the name shown to people: "loadData", "Model.Predict".
func declDisplay(d *ast.FuncDecl) string {
	n := declName(d)
	if len(n) > 2 && n[:2] == "(*" {
		for i := 2; i < len(n); i++ {
			if n[i] == ')' {
				return n[2:i] + n[i+1:]
			}
		}
	}
	return n
}

// params lists parameter names, the receiver first; an unnamed one is "_".
func params(recv *ast.FieldList, ft *ast.FuncType) []string {
	names := []string{}
	for _, fl := range []*ast.FieldList{recv, ft.Params} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			if len(f.Names) == 0 {
				names = append(names, "_")
			}
			for _, n := range f.Names {
				names = append(names, n.Name)
			}
		}
	}
	return names
}

// assignedName returns the name a function literal is given: the variable it
// is assigned to, possibly through calls that wrap it
// (`var loadData = st.CacheData(func...)`, `x := wrap(func...).With(o)`), or
// the field or map key it is stored under. path holds the literal's ancestors,
// innermost last.
func assignedName(lit *ast.FuncLit, path []ast.Node) string {
	var child ast.Node = lit
	for i := len(path) - 1; i >= 0; i-- {
		switch p := path[i].(type) {
		case *ast.ParenExpr:
		case *ast.CallExpr:
			if p.Fun == child && child == ast.Node(lit) {
				return "" // called on the spot: not a cached function value
			}
		case *ast.SelectorExpr:
			if p.X != child {
				return ""
			}
		case *ast.ValueSpec:
			for j, v := range p.Values {
				if v == child && len(p.Names) == len(p.Values) {
					return nameOf(p.Names[j])
				}
			}
			return ""
		case *ast.AssignStmt:
			for j, v := range p.Rhs {
				if v == child && len(p.Lhs) == len(p.Rhs) {
					return nameOf(p.Lhs[j])
				}
			}
			return ""
		case *ast.KeyValueExpr:
			if p.Value != child {
				return ""
			}
			switch k := p.Key.(type) {
			case *ast.Ident:
				return k.Name
			case *ast.BasicLit:
				if s, err := strconv.Unquote(k.Value); err == nil {
					return s
				}
			}
			return ""
		default:
			return ""
		}
		child = path[i]
	}
	return ""
}

// nameOf names an assignment target: x, or s.f as f.
func nameOf(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		if x.Name != "_" {
			return x.Name
		}
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return ""
}
