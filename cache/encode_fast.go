package cache

import (
	"bytes"
	"reflect"
	"sync"
)

// The record encoder's fast path for structs of typed arrays (the shape of a data table).
//
// cbor.Marshaler returns a new slice, which the encoder then copies into its buffer: for a
// typed array that is an allocation and a copy of every column before the copy into the record.
// For struct types whose encoding is plain (a map of field name to value, in field order), this
// path writes the map itself and each typed array straight into the record's buffer; every other
// field is encoded by fxamacker/cbor, exactly as it would be inside the struct. The output is
// byte-for-byte what valueEncMode.Marshal writes (TestEncodeFastMatchesCBOR), so decoding and
// records are unchanged.

// structPlan is how the fast path encodes one struct type.
type structPlan struct {
	head   []byte // the CBOR map head
	fields []fieldPlan
}

type fieldPlan struct {
	index int
	key   []byte      // the field name as a CBOR text string
	typed bool        // the field's type is a typed array (typedArray)
	sub   *structPlan // a struct field, or a pointer-to-struct field (ptr), on the fast path
	ptr   bool
}

var (
	structPlans  sync.Map // reflect.Type -> *structPlan (nil: not on the fast path)
	typeTypedArr = reflect.TypeFor[typedArray]()
)

// planOf returns the fast-path plan of struct type t, or nil when t's encoding is not plain:
// any field unexported, embedded or tagged, t or *t with methods (a marshaler of its own), or
// a type that refers to itself. Plans are built once per type (two goroutines may both build
// one: they are equal).
func planOf(t reflect.Type) *structPlan {
	if p, ok := structPlans.Load(t); ok {
		return p.(*structPlan)
	}
	p := buildPlan(t, map[reflect.Type]bool{})
	structPlans.Store(t, p)
	return p
}

func buildPlan(t reflect.Type, building map[reflect.Type]bool) *structPlan {
	if t.Kind() != reflect.Struct || t.NumMethod() > 0 || reflect.PointerTo(t).NumMethod() > 0 || building[t] {
		return nil
	}
	building[t] = true
	defer delete(building, t)
	p := &structPlan{head: appendHead(nil, 5, uint64(t.NumField()))}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous || f.Tag != "" {
			return nil
		}
		fp := fieldPlan{index: i, key: append(appendHead(nil, 3, uint64(len(f.Name))), f.Name...)}
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Slice && ft.Implements(typeTypedArr):
			fp.typed = true
		case ft.Kind() == reflect.Struct:
			fp.sub = buildPlan(ft, building)
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct && ft.NumMethod() == 0:
			fp.sub, fp.ptr = buildPlan(ft.Elem(), building), true
		}
		p.fields = append(p.fields, fp)
	}
	return p
}

// encodeFast encodes v (a struct, or a pointer to one) into buf when its type is on the fast
// path, and reports whether it did.
func encodeFast(buf *bytes.Buffer, v reflect.Value) (bool, error) {
	if v.Kind() == reflect.Pointer {
		if v.Type().NumMethod() > 0 || v.Type().Elem().Kind() != reflect.Struct {
			return false, nil
		}
		p := planOf(v.Type().Elem())
		if p == nil {
			return false, nil
		}
		if v.IsNil() {
			buf.WriteByte(0xf6)
			return true, nil
		}
		return true, p.encode(buf, v.Elem())
	}
	if v.Kind() != reflect.Struct {
		return false, nil
	}
	p := planOf(v.Type())
	if p == nil {
		return false, nil
	}
	return true, p.encode(buf, v)
}

func (p *structPlan) encode(buf *bytes.Buffer, v reflect.Value) error {
	buf.Write(p.head)
	for _, f := range p.fields {
		buf.Write(f.key)
		fv := v.Field(f.index)
		switch {
		case f.typed:
			fv.Interface().(typedArray).writeCBOR(buf)
		case f.sub != nil && f.ptr && fv.IsNil():
			buf.WriteByte(0xf6)
		case f.sub != nil && f.ptr:
			if err := f.sub.encode(buf, fv.Elem()); err != nil {
				return err
			}
		case f.sub != nil:
			if err := f.sub.encode(buf, fv); err != nil {
				return err
			}
		default:
			if err := valueEncMode.MarshalToBuffer(fv.Interface(), buf); err != nil {
				return err
			}
		}
	}
	return nil
}
