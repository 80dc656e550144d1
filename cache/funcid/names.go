package funcid

import "strings"

// pkgOf returns the package part of a runtime function name:
// "main" of "main.(*T).M", "example.com/app/sub" of "example.com/app/sub.F".
// The runtime escapes dots in the last path element ("gopkg.in/yaml%2ev3"),
// so the package ends at the first dot after the last slash.
func pkgOf(name string) string {
	slash := strings.LastIndexByte(name, '/')
	if i := strings.IndexByte(name[slash+1:], '.'); i >= 0 {
		return name[:slash+1+i]
	}
	return name
}

// closureDepth returns the literal nesting depth of a runtime name, 0 if it
// is not a function literal's: 1 for "main.init.func1" and "main.main.f.func1"
// (f inlined into main), 2 for "main.f.func2.1" and "main.main.f.func2.func3".
func closureDepth(name string) int {
	depth := 0
	for _, seg := range strings.Split(name[len(pkgOf(name)):], ".") {
		switch {
		case isNumbered(seg, "func"):
			depth++
		case depth > 0 && isNumbered(seg, ""):
			depth++
		case depth > 0:
			depth = 0 // a closure of a function inlined into a closure: count again
		}
	}
	return depth
}

// isNumbered reports whether seg is prefix followed by decimal digits.
func isNumbered(seg, prefix string) bool {
	digits, ok := strings.CutPrefix(seg, prefix)
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// displayName is the fallback display name of a runtime name: without the
// package, generic brackets and the "-fm" of a method value, and with "(*T)"
// written "T": "loadData", "Model.Predict", "init.func1".
func displayName(name string) string {
	name = strings.ReplaceAll(name, "[...]", "")
	name = strings.TrimPrefix(name, pkgOf(name)+".")
	name = strings.TrimSuffix(name, "-fm")
	if t, ok := strings.CutPrefix(name, "(*"); ok {
		if i := strings.Index(t, ")."); i >= 0 {
			name = t[:i] + t[i+1:]
		}
	}
	return name
}
