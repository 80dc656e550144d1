package cache

import (
	"encoding"
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

// valueInfo is what the data codec knows statically about a result type.
type valueInfo struct {
	path   string // where the type is unserializable; valid when reason != ""
	reason string // why the type cannot be stored as CBOR; "" when it can
	refs   bool   // values may hold pointers, maps, interfaces: walk them for cycles
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

func analyze(t reflect.Type, visiting map[reflect.Type]bool) valueInfo {
	if t == typeTime || t == typeBigInt || marshalKindOf(t) != marshalNone {
		return valueInfo{}
	}
	if visiting[t] { // a recursive type: its values may form cycles
		return valueInfo{refs: true}
	}
	visiting[t] = true
	defer delete(visiting, t)
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		return valueInfo{reason: "a " + t.Kind().String() + " cannot be stored as CBOR"}
	case reflect.Interface:
		return valueInfo{refs: true}
	case reflect.Pointer, reflect.Map:
		vi := analyze(t.Elem(), visiting)
		if t.Kind() == reflect.Map && vi.reason == "" {
			vi = analyze(t.Key(), visiting)
			vi.path = "[key]" + vi.path
		}
		vi.refs = true
		return vi
	case reflect.Slice, reflect.Array:
		vi := analyze(t.Elem(), visiting)
		if vi.reason != "" {
			vi.path = "[]" + vi.path
		}
		vi.refs = vi.refs || (t.Kind() == reflect.Slice && !isScalar(t.Elem().Kind()) && t.Elem().Kind() != reflect.String)
		return vi
	case reflect.Struct:
		var out valueInfo
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Tag.Get("cbor") == "-" || f.Name == "_" {
				continue
			}
			if !f.IsExported() && !(f.Anonymous && f.Type.Kind() == reflect.Struct) {
				return valueInfo{path: "." + f.Name, reason: "unexported field of " + typeName(t) +
					" would be dropped by CBOR"}
			}
			vi := analyze(f.Type, visiting)
			if vi.reason != "" {
				vi.path = "." + f.Name + vi.path
				return vi
			}
			out.refs = out.refs || vi.refs
		}
		return out
	}
	return valueInfo{}
}
