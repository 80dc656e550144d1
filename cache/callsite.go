package cache

import (
	"encoding/hex"
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/wasmlit/wasmlit/cache/funcid"
	"github.com/zeebo/xxh3"
)

// A cached function is known by the call that made its wrapper (B25): the
// generator records every cache.DataN / ResourceN / DataMethodN call of the
// program with the name the wrapper is declared under and the hash of the
// wrapped expression's source (funcid.Site); the wrapper finds its record by
// its call site's file and line. The compiler's names for closures
// (main.init.func3) never enter a key, so declaring, removing or reordering
// other functions leaves keys alone.
//
// Inputs that the call does not pass are keyed or refused (B26): the
// generator refuses captured variables and bound method values at build
// time; the wrapper refuses a bound method value and a second wrapper with
// the same identity at wrap time; the wrapper's instance (function type,
// hash functions, exclusions, Key parts) is hashed into its key prefix.

// cachePkg is the runtime name prefix of this package's functions.
var cachePkg = reflect.TypeFor[options]().PkgPath() + "."

// callSite is where a wrapper was made.
type callSite struct {
	caller string // runtime name of the function that made it
	file   string
	line   int
}

func (s callSite) String() string {
	return s.file[strings.LastIndexAny(s.file, `/\`)+1:] + ":" + strconv.Itoa(s.line)
}

// captureSite returns the first frame outside this package's wrapper
// constructors: the call of cache.Data1 (or another constructor) in the app.
func captureSite() callSite {
	var pcs [16]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		fr, more := frames.Next()
		if !isCtorFrame(fr.Function) || !more {
			return callSite{caller: fr.Function, file: fr.File, line: fr.Line}
		}
	}
}

// isCtorFrame reports whether a frame belongs to the making of a wrapper.
func isCtorFrame(fn string) bool {
	rest, ok := strings.CutPrefix(fn, cachePkg)
	if !ok {
		return false
	}
	if i := strings.IndexByte(rest, '['); i >= 0 {
		rest = rest[:i]
	}
	switch rest {
	case "newFuncInfo", "newDataCore", "newResourceCore", "captureSite":
		return true
	}
	for _, kind := range []string{"DataMethod", "ResourceMethod", "Data", "Resource"} {
		if n, ok := strings.CutPrefix(rest, kind); ok {
			_, err := strconv.Atoi(n)
			return n != "" && err == nil
		}
	}
	return false
}

// RefusedWrapperError is the panic of a wrapper constructor (Data1, ...)
// that cannot key every input of the function it was given: the results of
// two computations would be shared by mistake.
type RefusedWrapperError struct {
	Site   string // file:line of the constructor call
	Func   string // the function's name
	Reason string
	Fix    string
}

func (e *RefusedWrapperError) Error() string {
	return fmt.Sprintf("cache: the cached function %s made at %s is refused: %s. %s", e.Func, e.Site, e.Reason, e.Fix)
}

// checkWrap refuses what can be seen when a wrapper is made: a bound method
// value.
func (f *funcInfo) checkWrap() {
	if funcid.IsMethodValue(f.fn) {
		name := runtime.FuncForPC(reflect.ValueOf(f.fn).Pointer()).Name()
		name = strings.TrimSuffix(name, "-fm")
		m := name[strings.LastIndexByte(name, '.')+1:]
		panic(&RefusedWrapperError{Site: f.site.String(), Func: name,
			Reason: "it is a bound method value (x." + m + "), whose receiver is inside the function where the cache key cannot see it, so two receivers would share results",
			Fix:    "Cache the method expression and pass the receiver: DataMethodN((*T)." + m + ") or ResourceMethodN, called as f.Call(x, ...)."})
	}
}

// instance hashes the inputs of a wrapper that its call site's record does
// not cover: the function's type (generic instantiations), the types or
// names the hash functions cover (and without a record, the functions), the excluded positions and
// the Key parts. Two wrappers of one declaration that differ in any of them
// have different key prefixes, so they never share entries, eviction or
// clears.
func (f *funcInfo) instance(fromSite bool) [16]byte {
	h := xxh3.New128()
	w := func(s string) { _, _ = h.WriteString(s + "\x00") }
	w("fn " + typeName(reflect.TypeOf(f.fn)))
	fp := typeFingerprint(reflect.TypeOf(f.fn))
	_, _ = h.Write(fp[:])
	var hs []string
	for t := range f.opts.hashByType {
		tf := typeFingerprint(t)
		hs = append(hs, "type "+typeName(t)+" "+hex.EncodeToString(tf[:]))
	}
	for name := range f.opts.hashByName {
		hs = append(hs, "name "+name)
	}
	if !fromSite {
		// With a call-site record the site's hash covers the hash functions' source (and what
		// they use); without one, their identities stand in.
		for _, fn := range f.opts.hashFns {
			id := funcid.Of(fn)
			hs = append(hs, "func "+id.Name+" "+hex.EncodeToString(id.Hash[:]))
		}
	}
	sort.Strings(hs)
	for _, s := range hs {
		w(s)
	}
	var ex []int
	for i := range f.opts.exclude {
		ex = append(ex, i)
	}
	sort.Ints(ex)
	for _, i := range ex {
		w("exclude " + strconv.Itoa(i))
	}
	if f.opts.keyParts != nil {
		w("key")
		_, _ = h.Write(f.opts.keyParts)
	}
	return h.Sum128().Bytes()
}

// wrapKey is what tells two wrappers of one call site apart when they are
// made, before any table is consulted: the site and the instance inputs, with
// hash functions by code address.
func (f *funcInfo) wrapKey() string {
	var b strings.Builder
	b.WriteString(f.kind + f.site.caller + "@" + f.site.file + ":" + strconv.Itoa(f.site.line))
	b.WriteString("|" + typeName(reflect.TypeOf(f.fn)))
	var hs []string
	for t := range f.opts.hashByType {
		hs = append(hs, typeName(t))
	}
	for name := range f.opts.hashByName {
		hs = append(hs, "name "+name)
	}
	for _, fn := range f.opts.hashFns {
		hs = append(hs, strconv.FormatUint(uint64(reflect.ValueOf(fn).Pointer()), 16))
	}
	for i := range f.opts.exclude {
		hs = append(hs, "x"+strconv.Itoa(i))
	}
	sort.Strings(hs)
	b.WriteString("|" + strings.Join(hs, ","))
	if f.opts.keyParts != nil {
		b.WriteString("|key " + hex.EncodeToString(f.opts.keyParts))
	}
	return b.String()
}

// siteIdentity resolves the wrapper's identity: the call site's record, or
// without one (a build that skipped the generator, a stale table) a
// fallback that names the call site and the function's runtime name, hashed
// with the build id, with funcid's warning.
func (f *funcInfo) siteIdentity() (id funcid.Identity, fromSite bool) {
	if s, miss := funcid.LookupSite(f.site.caller, f.site.file, f.site.line, f.fn); miss == funcid.SiteFound {
		return funcid.Identity{Name: s.Name, Display: s.Display, Hash: s.Hash, Params: s.Params, FromSource: true}, true
	} else if miss == funcid.SiteStale {
		funcid.WarnSite(miss, f.site.caller, f.site.file, f.site.line)
	}
	id = identify(f.fn)
	id.Name += "@" + f.site.String()
	return id, false
}

// wrappers records the wrappers made per engine, by wrapKey.
var wrappers sync.Map // wrapperKey -> bool

type wrapperKey struct {
	e *Engine
	k string
}

// claimWrapper refuses a second wrapper with the identity of one made
// before for the same engine: one call site run twice (in a loop, in a
// function called more than once) would make two cached functions that
// share every entry. Like http.Handle with a pattern registered twice, it
// panics.
func claimWrapper(e *Engine, f *funcInfo) {
	if _, dup := wrappers.LoadOrStore(wrapperKey{e, f.wrapKey()}, true); dup {
		panic(&RefusedWrapperError{Site: f.site.String(), Func: f.site.caller,
			Reason: "this call made a cached function with the same identity before (a call in a loop or in a function that runs more than once), and the two would share every entry",
			Fix:    "Make the wrapper once, in a package variable, or give each wrapper a distinct cache.Key(...) naming what tells them apart."})
	}
}
