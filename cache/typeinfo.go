package cache

import (
	"encoding"
	"errors"
	"math/big"
	"reflect"
	"sync"
	"time"

	"github.com/fxamacker/cbor/v2"
)

var (
	typeCBORMarshaler   = reflect.TypeFor[cbor.Marshaler]()
	typeBinaryMarshaler = reflect.TypeFor[encoding.BinaryMarshaler]()
	typeTime            = reflect.TypeFor[time.Time]()
	typeBigInt          = reflect.TypeFor[big.Int]()
)

// marshalKind says how a type marshals itself, if it does.
type marshalKind uint8

const (
	marshalNone      marshalKind = iota
	marshalCBOR                  // value receiver cbor.Marshaler
	marshalCBORPtr               // pointer receiver cbor.Marshaler
	marshalBinary                // value receiver encoding.BinaryMarshaler
	marshalBinaryPtr             // pointer receiver encoding.BinaryMarshaler
)

var marshalKinds sync.Map // reflect.Type -> marshalKind

func marshalKindOf(t reflect.Type) marshalKind {
	if k, ok := marshalKinds.Load(t); ok {
		return k.(marshalKind)
	}
	k := marshalNone
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		switch {
		case t.Implements(typeCBORMarshaler):
			k = marshalCBOR
		case reflect.PointerTo(t).Implements(typeCBORMarshaler):
			k = marshalCBORPtr
		case t.Implements(typeBinaryMarshaler):
			k = marshalBinary
		case reflect.PointerTo(t).Implements(typeBinaryMarshaler):
			k = marshalBinaryPtr
		}
	}
	marshalKinds.Store(t, k)
	return k
}

// isScalar reports kinds whose values are plain bytes in memory.
func isScalar(k reflect.Kind) bool {
	switch k {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return true
	}
	return false
}

// typeName is the fully-qualified name used by HashFuncByName and in error
// messages: "time.Time", "main.MyCustomClass", "*main.T", "[]float64".
func typeName(t reflect.Type) string {
	if t.Name() != "" && t.PkgPath() != "" {
		return t.PkgPath() + "." + t.Name()
	}
	if t.Kind() == reflect.Pointer {
		return "*" + typeName(t.Elem())
	}
	return t.String()
}

// valueInfo is what the data codec knows about a result type from the type alone: whether its
// values can round-trip (B27), and whether a value must be walked before it is encoded.
type valueInfo struct {
	path  string // where the type cannot round-trip; valid when cause != nil
	cause error  // why a value of the type cannot be stored and read back as it was; nil when it can
	walk  bool   // values may hold pointers, maps, interfaces or omitted fields: walk them (checkValue)
	omits []omitCheck
}

var valueInfos sync.Map // reflect.Type -> valueInfo

func valueInfoOf(t reflect.Type) valueInfo {
	if vi, ok := valueInfos.Load(t); ok {
		return vi.(valueInfo)
	}
	vi := analyze(t, map[reflect.Type]bool{})
	valueInfos.Store(t, vi)
	return vi
}

// typeError returns the error of type t's walk (a walkError with the path), or nil when values of
// t can round-trip, maybe after a check of the value (checkValue).
func typeError(t reflect.Type) error {
	if vi := valueInfoOf(t); vi.cause != nil {
		return refuseAt(vi.path, vi.cause)
	}
	return nil
}

func analyze(t reflect.Type, visiting map[reflect.Type]bool) valueInfo {
	if t == typeTime || t == typeBigInt {
		return valueInfo{}
	}
	if visiting[t] { // a recursive type: its values may form cycles
		return valueInfo{walk: true}
	}
	visiting[t] = true
	defer delete(visiting, t)
	switch t.Kind() {
	case reflect.Interface:
		if t.NumMethod() > 0 {
			return valueInfo{cause: noRoundTrip("an interface type (%s) cannot be stored: the decoder cannot "+
				"know which concrete type to make; declare a concrete type (for an error, its message as a string)", t)}
		}
		return valueInfo{walk: true}
	case reflect.Pointer:
		vi := analyze(t.Elem(), visiting)
		vi.walk, vi.omits = true, nil
		return vi
	}
	if self, err := checkMethods(t); err != nil || self {
		return valueInfo{cause: err}
	}
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		return valueInfo{cause: errors.New("a " + t.Kind().String() + " cannot be stored as CBOR")}
	case reflect.Map:
		if keyHasPointer(t.Key()) {
			return valueInfo{path: "[key]", cause: noRoundTrip("map keys of type %s hold pointers, and a hit "+
				"would have new pointers as keys, equal to none of these; key the map by values", typeName(t.Key()))}
		}
		vi := analyze(t.Elem(), visiting)
		if vi.cause == nil {
			vi = analyze(t.Key(), visiting)
			vi.path = "[key]" + vi.path
		}
		vi.walk, vi.omits = true, nil
		return vi
	case reflect.Slice, reflect.Array:
		vi := analyze(t.Elem(), visiting)
		if vi.cause != nil {
			vi.path = "[]" + vi.path
		}
		vi.walk = vi.walk || (t.Kind() == reflect.Slice && !isScalar(t.Elem().Kind()) && t.Elem().Kind() != reflect.String)
		vi.omits = nil
		return vi
	case reflect.Struct:
		if err := checkStructFields(t); err != nil {
			var we *walkError
			errors.As(err, &we)
			return valueInfo{path: we.path(), cause: we.cause}
		}
		out := valueInfo{omits: omitChecks(t)}
		out.walk = len(out.omits) > 0
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Tag.Get("cbor") == "-" || f.Name == "_" {
				continue
			}
			if !f.IsExported() && !(f.Anonymous && f.Type.Kind() == reflect.Struct) {
				return valueInfo{path: "." + f.Name, cause: errors.New("unexported field of " + typeName(t) +
					" would be dropped by CBOR")}
			}
			vi := analyze(f.Type, visiting)
			if vi.cause != nil {
				vi.path = "." + f.Name + vi.path
				return vi
			}
			out.walk = out.walk || vi.walk
		}
		return out
	}
	return valueInfo{}
}
