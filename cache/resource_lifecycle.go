package cache

import (
	"fmt"
	"reflect"
	"strings"
)

// Validate and OnRelease (B22, Streamlit's cache_resource validate= and on_release=).

// Validate makes a resource function check a cached resource before handing it out: when f
// returns false (a closed connection, a model file that changed), the entry is dropped, released
// (OnRelease) and the function runs again. f runs on every hit, so keep it cheap. R must be the
// function's result type; Validate is for resource functions only (a data function's caller gets
// a fresh copy every time).
func Validate[R any](f func(R) bool) Option {
	return func(o *options) { o.validate = f }
}

// OnRelease makes a resource function call f with a resource when it leaves the cache: dropped
// by Validate, expired by TTL, evicted by MaxEntries, or cleared (Clear, ClearArgs,
// ClearAllResources). Close connections and free what the resource holds there. f runs once per
// resource, on the goroutine that removed it, never under the cache's locks. R must be the
// function's result type; OnRelease is for resource functions only.
func OnRelease[R any](f func(R)) Option {
	return func(o *options) { o.onRelease = f }
}

// lifecycle is a resource function's Validate and OnRelease, typed.
type lifecycle[R any] struct {
	valid   func(R) bool // nil: every entry is valid
	release func(R)      // nil: nothing to do
}

// newLifecycle checks the functions given to Validate and OnRelease against R; a mismatch is a
// programming error, reported when the wrapper is made, as RefusedWrapperError is.
func newLifecycle[R any](o *options, display func() string) lifecycle[R] {
	var lc lifecycle[R]
	check := func(name string, given any, want reflect.Type) {
		if given != nil && reflect.TypeOf(given) != want {
			panic(fmt.Sprintf("cache.%s: the function given is %T, but the resource function %s returns %s: "+
				"pass a %s", name, given, display(), reflect.TypeFor[R](), want))
		}
	}
	check("Validate", o.validate, reflect.TypeFor[func(R) bool]())
	check("OnRelease", o.onRelease, reflect.TypeFor[func(R)]())
	lc.valid, _ = o.validate.(func(R) bool)
	lc.release, _ = o.onRelease.(func(R))
	return lc
}

// refuseMaxBytes panics when a resource function was given MaxBytes: a resource is kept as it
// is, never encoded, so it has no size to bound.
func refuseMaxBytes(o *options, display func() string) {
	if o.maxBytes > 0 {
		panic("cache.MaxBytes is for data functions (cache.DataN): the resource function " + display() +
			" keeps its values as they are, with no size to bound; use cache.MaxEntries")
	}
}

// refuseLifecycle panics when a data function was given Validate or OnRelease.
func refuseLifecycle(o *options, display func() string) {
	if o.validate != nil || o.onRelease != nil {
		panic("cache.Validate and cache.OnRelease are for resource functions (cache.ResourceN): " +
			"the data function " + display() + " hands every caller a fresh copy, so there is nothing to validate or release")
	}
}

// releaseAll calls release for each entry's resource.
func (lc lifecycle[R]) releaseAll(es []*resEntry[R]) {
	if lc.release == nil {
		return
	}
	for _, e := range es {
		lc.release(e.val)
	}
}

// take removes key and returns its value.
func (x *entryIndex[V]) take(key string) (V, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	v, ok := x.l.get(key)
	if ok {
		x.l.remove(key)
	}
	return v, ok
}

// takePrefix removes every key that starts with prefix ("" for all) and returns their values.
func (x *entryIndex[V]) takePrefix(prefix string) []V {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []V
	for k, e := range x.l.items {
		if strings.HasPrefix(k, prefix) {
			out = append(out, x.l.removeElement(e).val)
		}
	}
	return out
}

// putTake is put, returning the values evicted beyond max instead of their keys.
func (x *entryIndex[V]) putTake(key string, v V, size int64, max int) []V {
	x.mu.Lock()
	defer x.mu.Unlock()
	if old, ok := x.l.items[key]; ok {
		// Replaced: the old value leaves the cache too.
		prev := old.Value.(*lruEntry[V]).val
		x.l.add(key, v, size)
		return append(x.evictLocked(max), prev)
	}
	x.l.add(key, v, size)
	return x.evictLocked(max)
}

func (x *entryIndex[V]) evictLocked(max int) []V {
	var out []V
	for max > 0 && x.l.ll.Len() > max { // resources have no size: MaxBytes is for data functions
		out = append(out, x.l.removeElement(x.l.ll.Back()).val)
	}
	return out
}
