package cache

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// The tests of B25 and B26: every input of a cached function is in its key or
// refused. These tests run without a source table (the fallback identity);
// cmd/wasmlit-gen's tests cover the generated call-site table, and
// site_test.go a registered one.

// recovered runs f and returns what it panicked with, or nil.
func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

// loaderOf is a factory: one call site, one wrapper per prefix.
func loaderOf(env *testEnv, prefix string) *DataFunc1[NoSession, string, string] {
	return Data1(func(_ NoSession, name string) (string, error) { return prefix + name, nil }, env.opt())
}

// Two wrappers made by one factory with different captured values never
// share entries: the second, whose identity is the first's, is refused when
// it is made (B26). Streamlit shares them.
func TestClosuresOfOneFactoryAreRefused_B26(t *testing.T) {
	env := newEnv(t, nil)
	a := loaderOf(env, "a/")
	var b *DataFunc1[NoSession, string, string]
	r := recovered(func() { b = loaderOf(env, "b/") })
	if r == nil {
		va := must[string](t)(a.Call(NoSession{}, "x"))
		vb := must[string](t)(b.Call(NoSession{}, "x"))
		t.Fatalf("the second wrapper of one call site was made, not refused (a gives %q, b gives %q)", va, vb)
	}
	if msg := fmt.Sprint(r); !strings.Contains(msg, "cache.Key") || !strings.Contains(msg, "identity_test.go:") {
		t.Errorf("the refusal does not name the call site and the fix: %s", msg)
	}
}

// keyedLoaderOf names its captured prefix with Key.
func keyedLoaderOf(env *testEnv, prefix string, opts ...Option) *DataFunc1[NoSession, string, string] {
	return Data1(func(_ NoSession, name string) (string, error) { return prefix + name, nil }, append(opts, env.opt(), Key(prefix))...)
}

// With the captured value named by Key, the factory's wrappers are two cached
// functions everywhere: results, Clear, statistics (B26).
func TestKeyedClosuresAreTwoFunctions_B26(t *testing.T) {
	env := newEnv(t, nil)
	a, b := keyedLoaderOf(env, "a/"), keyedLoaderOf(env, "b/")
	if va, vb := must[string](t)(a.Call(NoSession{}, "x")), must[string](t)(b.Call(NoSession{}, "x")); va != "a/x" || vb != "b/x" {
		t.Fatalf("a gives %q, b gives %q", va, vb)
	}
	a.Clear()
	if s := b.Stats(); s.Entries != 1 {
		t.Fatalf("a's Clear removed b's entry: %+v", s)
	}
	_ = must[string](t)(b.Call(NoSession{}, "x"))
	if s := b.Stats(); s.Misses != 1 || s.Hits != 1 {
		t.Fatalf("b recomputed after a's Clear: %+v", s)
	}
	sa, sb := a.Stats(), b.Stats()
	if sa.ID == sb.ID || sa.ID == "" {
		t.Errorf("ids %q and %q: two wrappers must be two rows", sa.ID, sb.ID)
	}
	if n := env.e.ClearFunction(sa.ID); n != 1 {
		t.Errorf("ClearFunction(id) cleared %d functions, want 1", n)
	}
	if r := recovered(func() { keyedLoaderOf(env, "a/") }); r == nil {
		t.Errorf("a second wrapper with an equal Key was made, not refused")
	}
}

//go:noinline
func logged(f func(NoSession) (string, error)) func(NoSession) (string, error) {
	return func(h NoSession) (string, error) { return f(h) }
}

func foo(NoSession) (string, error) { return "foo", nil }
func bar(NoSession) (string, error) { return "bar", nil }

// A decorator's closures share the runtime name logged.func1: Data0(logged(foo))
// and Data0(logged(bar)) are still two cached functions (B25).
func TestDecoratedFunctionsNeverShare_B25(t *testing.T) {
	env := newEnv(t, nil)
	f := Data0(logged(foo), env.opt())
	b := Data0(logged(bar), env.opt())
	if vf, vb := must[string](t)(f.Call(NoSession{})), must[string](t)(b.Call(NoSession{})); vf != "foo" || vb != "bar" {
		t.Fatalf("logged(foo) gives %q, logged(bar) gives %q", vf, vb)
	}
}

type model struct{ w int }

func (m *model) Predict(_ NoSession, x int) (int, error) { return m.w * x, nil }

// A bound method value hides its receiver from the key: it is refused when
// the wrapper is made, with the fix; the method expression keys the receiver
// (B26).
func TestBoundMethodValueIsRefused_B26(t *testing.T) {
	env := newEnv(t, nil)
	ma, mb := &model{w: 2}, &model{w: 3}
	r := recovered(func() { Data1(ma.Predict, env.opt()) })
	if r == nil {
		t.Fatalf("Data1(ma.Predict) was made, not refused")
	}
	if msg := fmt.Sprint(r); !strings.Contains(msg, "DataMethodN((*T).Predict)") || !strings.Contains(msg, "bound method value") {
		t.Errorf("the refusal does not say how to fix it: %s", msg)
	}
	p := DataMethod1((*model).Predict, env.opt())
	if va, vb := must[int](t)(p.Call(ma, NoSession{}, 5)), must[int](t)(p.Call(mb, NoSession{}, 5)); va != 10 || vb != 15 {
		t.Fatalf("method expression: %d, %d", va, vb)
	}
}

func kind[T any](_ NoSession, n int) (string, error) {
	var t T
	return fmt.Sprintf("%T %d", t, n), nil
}

// kind[int] and kind[string] have one runtime name (kind[...]): they are two
// cached functions (B26).
func TestGenericInstantiationsNeverShare_B26(t *testing.T) {
	env := newEnv(t, nil)
	ki := Data1(kind[int], env.opt())
	ks := Data1(kind[string], env.opt())
	if vi, vs := must[string](t)(ki.Call(NoSession{}, 1)), must[string](t)(ks.Call(NoSession{}, 1)); vi != "int 1" || vs != "string 1" {
		t.Fatalf("kind[int] gives %q, kind[string] gives %q", vi, vs)
	}
}

func ident[T any](_ NoSession, v T) (T, error) { return v, nil }

func wrapIdent[T any](env *testEnv) *DataFunc1[NoSession, T, T] { return Data1(ident[T], env.opt()) }

func wrapKind[T any](env *testEnv) *DataFunc1[NoSession, int, string] {
	return Data1(kind[T], env.opt())
}

// One call site in a generic function makes a wrapper per instantiation: the
// function's type is in the key; instantiations of one type that the key
// cannot tell apart are refused, never shared (B26).
func TestGenericCallSite_B26(t *testing.T) {
	env := newEnv(t, nil)
	wi, ws := wrapIdent[int](env), wrapIdent[string](env)
	if vi, vs := must[int](t)(wi.Call(NoSession{}, 7)), must[string](t)(ws.Call(NoSession{}, "7")); vi != 7 || vs != "7" {
		t.Fatalf("ident[int] gives %v, ident[string] gives %v", vi, vs)
	}
	if wi.Stats().ID == ws.Stats().ID {
		t.Errorf("one id for two instantiations")
	}
	_ = wrapKind[int](env)
	if r := recovered(func() { wrapKind[string](env) }); r == nil {
		t.Errorf("kind[string] after kind[int] at one call site, with one type, was made, not refused")
	}
}

func square(_ NoSession, n int) (int, error) { return n * n, nil }

// Two wrappers of one function with different HashFuncs never share entries,
// even when their hash functions return the same bytes (B26).
func TestTwoHashFuncsNeverShare_B26(t *testing.T) {
	env := newEnv(t, nil)
	coarse := Data1(square, HashFunc(func(n int) []byte { return []byte{0} }), env.opt())
	exact := Data1(square, HashFunc(func(n int) []byte { return []byte{byte(n)} }), env.opt())
	if v := must[int](t)(coarse.Call(NoSession{}, 3)); v != 9 {
		t.Fatalf("coarse(3) = %d", v)
	}
	if v := must[int](t)(exact.Call(NoSession{}, 0)); v != 0 {
		t.Fatalf("exact(0) = %d: it read coarse's entry", v)
	}
}

// One wrapper's MaxEntries never evicts another wrapper's entries, and its
// Clear never clears them (B26).
func TestMaxEntriesAndClearAreOneWrappers_B26(t *testing.T) {
	for _, persist := range []bool{false, true} {
		var ps driver.Store
		if persist {
			ps = &memoryStore{}
		}
		env := newEnv(t, ps)
		small := Data1(square, MaxEntries(1), env.opt())
		big := Data1(square, env.opt())
		_ = must[int](t)(big.Call(NoSession{}, 1))
		for n := 1; n <= 3; n++ {
			_ = must[int](t)(small.Call(NoSession{}, n))
		}
		env.e.Flush()
		_ = must[int](t)(big.Call(NoSession{}, 1))
		if s := big.Stats(); s.Misses != 1 || s.Hits != 1 {
			t.Fatalf("persist=%v: big after small evicted: %+v, want 1 miss and 1 hit", persist, s)
		}
		if s := small.Stats(); s.Misses != 3 {
			t.Fatalf("persist=%v: small: %+v, want 3 misses (it never reads big's entry)", persist, s)
		}
		small.Clear()
		_ = must[int](t)(big.Call(NoSession{}, 1))
		if s := big.Stats(); s.Misses != 1 {
			t.Fatalf("persist=%v: small.Clear cleared big: %+v", persist, s)
		}
	}
}

// A package variable initialised by a constructor call with no options keeps
// its call site's line: the compiler's static initialisation would otherwise
// inline it at <autogenerated>:1, where two such wrappers look alike (B25).
var plainSquare = Data1(square)

func TestPackageVariableKeepsItsLine_B25(t *testing.T) {
	if s := plainSquare.Stats(); !strings.Contains(s.Name, "identity_test.go:") {
		t.Fatalf("name %q does not name its call site", s.Name)
	}
}
