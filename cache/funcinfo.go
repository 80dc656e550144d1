package cache

import (
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/cache/funcid"
)

const (
	dataKeyPrefix     = "d:"
	resourceKeyPrefix = "r:"
)

// funcInfo is what data and resource functions share: identity, options,
// the parameter layout and key building.
type funcInfo struct {
	fn      any
	once    sync.Once
	id      funcid.Identity // valid after resolve
	opts    *options
	hc      *hashConfig
	nParams int  // parameters of fn, session and receiver included
	method  bool // position 0 is a receiver
	session int  // position of the Session parameter
	kind    string
	site    callSite // where the wrapper was made
	inst    [16]byte // instance(): what the call site's record does not cover
	prefix  string   // kind + name + "@" + instance + "#": every version of this wrapper
	keyPfx  string   // prefix + function hash + ":"
	counters
}

func newFuncInfo(kind string, fn any, nParams int, method bool, opts []Option) *funcInfo {
	o := newOptions(opts)
	f := &funcInfo{
		fn: fn, kind: kind, opts: o, nParams: nParams, method: method,
		hc: &hashConfig{byType: o.hashByType, byName: o.hashByName},
	}
	if method {
		f.session = 1
	}
	f.site = captureSite()
	f.checkWrap()
	claimWrapper(o.engine, f)
	return f
}

// resolve computes the identity on first use, not when the wrapper is made:
// package variables are initialised before the package's source table is
// registered (see funcid.Of). funcid warns about fallback identities.
func (f *funcInfo) resolve() {
	f.once.Do(func() {
		id, fromSite := f.siteIdentity()
		f.id = id
		f.inst = f.instance(fromSite)
		f.prefix = f.kind + f.id.Name + "@" + hex.EncodeToString(f.inst[:8]) + "#"
		f.keyPfx = f.prefix + hex.EncodeToString(f.id.Hash[:]) + ":"
	})
}

// paramName returns the source name of the parameter at pos, if known.
func (f *funcInfo) paramName(pos int) (string, bool) {
	ps := f.id.Params
	switch {
	case len(ps) == f.nParams:
		return ps[pos], ps[pos] != ""
	case f.method && len(ps) == f.nParams-1: // names without the receiver
		if pos == 0 {
			return "receiver", false
		}
		return ps[pos-1], ps[pos-1] != ""
	}
	if f.method && pos == 0 {
		return "receiver", false
	}
	return "arg" + itoa(pos), false
}

func (f *funcInfo) excluded(pos int) bool {
	if pos == f.session || f.opts.exclude[pos] {
		return true
	}
	name, ok := f.paramName(pos)
	return ok && strings.HasPrefix(name, "_")
}

// arg is one argument with its static type (v is addressable: &a's Elem).
type arg struct {
	pos int
	v   reflect.Value
}

func argOf[T any](pos int, p *T) arg { return arg{pos: pos, v: reflect.ValueOf(p).Elem()} }

// key hashes the non-excluded arguments into the entry's key.
func (f *funcInfo) key(args ...arg) (string, error) {
	f.resolve()
	w := newHashWalker(f.hc)
	for _, a := range args {
		if f.excluded(a.pos) {
			continue
		}
		w.tag(tagList, uint64(a.pos))
		if err := w.value(a.v); err != nil {
			name, named := f.paramName(a.pos)
			e := &UnhashableParamError{
				Func: f.id.Display, Param: name, Named: named, Index: a.pos,
				Type: typeName(a.v.Type()), Cause: err,
			}
			var we *walkError
			if errors.As(err, &we) {
				e.Path, e.Cause = we.path(), we.cause
			}
			return "", asUserHashError(e)
		}
	}
	sum := w.h.Sum128().Bytes()
	return f.keyPfx + hex.EncodeToString(sum[:]), nil
}

// expired reports whether an entry created at created has outlived the function's TTL: the one
// place TTL is checked, for data records and resource entries alike.
func (f *funcInfo) expired(created time.Time) bool {
	return f.opts.ttl > 0 && f.opts.engine.now().Sub(created) > f.opts.ttl
}

// missSpec describes a miss of this function, or a wait for another caller's miss, to the runtime.
func (f *funcInfo) missSpec() driver.MissSpec {
	return driver.MissSpec{Spinner: f.spinner(), Func: f.id.Display, AllowWidgets: f.opts.allowWidgets}
}

func (f *funcInfo) spinner() driver.SpinnerSpec {
	text := f.opts.spinnerText
	if text == "" {
		text = "Running `" + f.id.Display + "(...)`."
	}
	return driver.SpinnerSpec{Show: !f.opts.hideSpinner, Text: text, ShowTime: f.opts.showTime}
}
