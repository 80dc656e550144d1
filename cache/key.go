package cache

import (
	"fmt"
	"reflect"
)

// Key names inputs of a cached function that its call does not pass: the
// values a function literal captures from the function that makes the
// wrapper (a factory that makes one wrapper per prefix, per model, ...).
// The parts are hashed by value, like arguments, into the wrapper's
// identity: wrappers made at one call site with different parts are
// different cached functions (their own entries, eviction, clears and
// statistics), and with equal parts the second is refused as a duplicate.
//
//	func loader(prefix string) *cache.DataFunc1[*wasm.Session, string, []byte] {
//		return cache.Data1(func(st *wasm.Session, name string) ([]byte, error) {
//			return fetch(prefix + name)
//		}, cache.Key(prefix))
//	}
//
// The generator refuses a literal that captures a variable not named in a
// Key written at the call. Key panics if a part cannot be hashed.
func Key(parts ...any) Option {
	w := newHashWalker(nil)
	if err := w.value(reflect.ValueOf(&parts).Elem()); err != nil {
		panic(fmt.Sprintf("cache.Key: a part cannot be hashed: %v", err))
	}
	sum := w.h.Sum128().Bytes()
	return func(o *options) { o.keyParts = sum[:] }
}
