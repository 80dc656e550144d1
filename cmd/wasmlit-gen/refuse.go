package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// refusals checks a wrapper call for inputs its key cannot see: variables
// the wrapped expression captures from the enclosing function (unless the
// call names them with cache.Key) and bound method values.
func refusals(ix *index, p *pkg, call *ast.CallExpr, ctor *types.Func) []problem {
	var probs []problem
	fn := call.Args[0]
	at := func(pos token.Pos, format string, args ...any) {
		probs = append(probs, problem{pos: ix.prog.fset.Position(pos), msg: "cache." + ctor.Name() + ": " + fmt.Sprintf(format, args...)})
	}
	keyed := map[types.Object]bool{}
	for _, opt := range call.Args[1:] {
		if optionName(p, opt) == "Key" {
			ast.Inspect(opt, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && p.info.Uses[id] != nil {
					keyed[p.info.Uses[id]] = true
				}
				return true
			})
		}
	}
	reported := map[types.Object]bool{}
	var stack []ast.Node
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		parent := ast.Node(call)
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		stack = append(stack, n)
		switch x := n.(type) {
		case *ast.SelectorExpr:
			sel := p.info.Selections[x]
			if sel == nil || sel.Kind() != types.MethodVal {
				return true
			}
			if c, ok := parent.(*ast.CallExpr); ok && ast.Unparen(c.Fun) == x {
				return true // a method call, not a method value
			}
			recv := types.TypeString(sel.Recv(), types.RelativeTo(p.types))
			m := sel.Obj().Name()
			expr := "(" + recv + ")." + m
			if _, isPtr := sel.Recv().(*types.Pointer); !isPtr {
				expr = recv + "." + m
			}
			at(x.Pos(), "the bound method value %s.%s keeps its receiver inside the function, where the "+
				"cache key cannot see it, so two receivers would share results. Cache the method expression "+
				"and pass the receiver as an argument: cache.%sMethod%d(%s) called as f.Call(%s, ...)",
				exprString(x.X), m, kindOf(ctor.Name()), arity(ctor.Name()), expr, exprString(x.X))
		case *ast.Ident:
			v, ok := p.info.Uses[x].(*types.Var)
			if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || v.Parent() == types.Universe {
				return true
			}
			if fn.Pos() <= v.Pos() && v.Pos() < fn.End() {
				return true // declared inside the wrapped expression
			}
			if keyed[v] || reported[v] {
				return true
			}
			reported[v] = true
			at(x.Pos(), "the wrapped function uses %s, a variable of the enclosing function (declared at %s); "+
				"its value is not part of the cache key, so wrappers made with different values would share "+
				"results. Pass it as an argument of the cached function, or name it in the key with "+
				"cache.Key(%s)", x.Name, ix.prog.fset.Position(v.Pos()), x.Name)
		}
		return true
	})
	return probs
}

// kindOf is "Data" or "Resource" for a constructor name.
func kindOf(ctor string) string {
	if strings.HasPrefix(ctor, "Resource") {
		return "Resource"
	}
	return "Data"
}

// arity is the number in a constructor's name: Data1 -> 1. A bound method
// value cached with Data1 is cached with DataMethod1 as a method expression.
func arity(ctor string) int {
	i := strings.LastIndexFunc(ctor, func(r rune) bool { return r < '0' || r > '9' })
	n, _ := strconv.Atoi(ctor[i+1:])
	return n
}

// exprString renders a short expression (an identifier or a selector).
func exprString(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.StarExpr:
		return "*" + exprString(x.X)
	case *ast.IndexExpr:
		return exprString(x.X) + "[...]"
	case *ast.CallExpr:
		return exprString(x.Fun) + "(...)"
	}
	return "_"
}
