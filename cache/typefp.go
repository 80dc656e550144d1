package cache

import (
	"reflect"
	"strconv"
	"sync"

	"github.com/zeebo/xxh3"
)

// typeFingerprint returns a hash of t's structure, which records carry so that a record
// decodes only into the type its function declares (two functions that share a key, or one
// whose result type changed, miss instead of decoding into the wrong type).
//
// It covers what decides how a value is encoded and decoded: each type's kind and (for named
// types) package path and name, struct fields' names, tags, embedding and types, element, key
// and length of containers, recursively. It depends on the source only, so it is the same in
// every build of it (no addresses, no build ids).
func typeFingerprint(t reflect.Type) [16]byte {
	if fp, ok := typeFPs.Load(t); ok {
		return fp.([16]byte)
	}
	w := &typeFPWriter{seen: map[reflect.Type]int{}}
	w.typ(t)
	fp := xxh3.Hash128(w.b).Bytes()
	typeFPs.Store(t, fp)
	return fp
}

var typeFPs sync.Map // reflect.Type -> [16]byte

type typeFPWriter struct {
	b    []byte
	seen map[reflect.Type]int // types being or already written -> their order (cycles, repeats)
}

func (w *typeFPWriter) str(s string) {
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
}

func (w *typeFPWriter) typ(t reflect.Type) {
	if i, ok := w.seen[t]; ok {
		w.b = append(w.b, '^')
		w.b = strconv.AppendInt(w.b, int64(i), 10)
		return
	}
	w.seen[t] = len(w.seen)
	w.b = append(w.b, '(')
	w.str(t.Kind().String())
	w.str(t.PkgPath())
	w.str(t.Name())
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		w.typ(t.Elem())
	case reflect.Array:
		w.b = strconv.AppendInt(w.b, int64(t.Len()), 10)
		w.typ(t.Elem())
	case reflect.Map:
		w.typ(t.Key())
		w.typ(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			w.str(f.Name)
			w.str(string(f.Tag))
			if f.Anonymous {
				w.b = append(w.b, 'E')
			}
			w.typ(f.Type)
		}
	case reflect.Interface:
		// Its string names its methods. Not t.Method(i): a call of reflect.Type.Method anywhere
		// makes the linker keep every method of every type (hello grew from 5.5 MB to 25 MB).
		w.str(t.String())
	}
	w.b = append(w.b, ')')
}
