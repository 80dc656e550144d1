package cache

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/fxamacker/cbor/v2"
)

// Value codec for data functions: CBOR, never code that runs when decoded.
//
// Times keep nanoseconds and their zone offset (RFC 3339 text, tag 0).
// Decoding uses explicit limits raised far above fxamacker's defaults
// (131,072 elements, 32 levels): cached values are trusted, produced by this
// program, and checked by the record checksum before they are decoded.

var valueEncMode = func() cbor.EncMode {
	em, err := cbor.EncOptions{
		Time:    cbor.TimeRFC3339Nano,
		TimeTag: cbor.EncTagRequired,
	}.EncMode()
	if err != nil {
		panic(err)
	}
	return em
}()

var valueDecMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		MaxArrayElements: 2147483647,
		MaxMapPairs:      2147483647,
		MaxNestedLevels:  1024,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// encodeValue encodes a data function's result. A result that is a plain
// numeric slice is encoded as an RFC 8746 typed array.
func encodeValue[R any](v R) ([]byte, error) {
	switch x := any(v).(type) {
	case []float64:
		return Float64s(x).MarshalCBOR()
	case []float32:
		return Float32s(x).MarshalCBOR()
	case []int64:
		return Int64s(x).MarshalCBOR()
	case []int32:
		return Int32s(x).MarshalCBOR()
	case []int:
		return Ints(x).MarshalCBOR()
	}
	if err := checkValue(reflect.ValueOf(&v).Elem()); err != nil {
		return nil, err
	}
	b, err := valueEncMode.Marshal(v)
	if err != nil {
		return nil, &walkError{cause: err}
	}
	return b, nil
}

// decodeValue decodes a fresh copy: the caller owns the result.
func decodeValue[R any](b []byte) (R, error) {
	var r R
	var err error
	switch p := any(&r).(type) {
	case *[]float64:
		err = (*Float64s)(p).UnmarshalCBOR(b)
	case *[]float32:
		err = (*Float32s)(p).UnmarshalCBOR(b)
	case *[]int64:
		err = (*Int64s)(p).UnmarshalCBOR(b)
	case *[]int32:
		err = (*Int32s)(p).UnmarshalCBOR(b)
	case *[]int:
		err = (*Ints)(p).UnmarshalCBOR(b)
	default:
		err = valueDecMode.Unmarshal(b, &r)
	}
	return r, err
}

// checkValue rejects, before encoding, what CBOR would encode wrongly or
// crash on: chans, funcs, unexported fields (silently dropped: a hit would
// differ from the first run) and reference cycles (a fatal stack overflow in
// the encoder). Types with only scalars, strings and numeric slices are
// checked once per type and never walked.
func checkValue(v reflect.Value) error {
	vi := valueInfoOf(v.Type())
	if vi.reason != "" {
		return &walkError{segs: []string{vi.path}, cause: errors.New(vi.reason)}
	}
	if !vi.refs {
		return nil
	}
	c := &checker{seen: map[visit]bool{}}
	return c.walk(v)
}

type checker struct {
	seen  map[visit]bool
	depth int
}

func (c *checker) walk(v reflect.Value) error {
	if !v.IsValid() {
		return nil
	}
	t := v.Type()
	vi := valueInfoOf(t)
	if vi.reason != "" {
		return &walkError{segs: []string{vi.path}, cause: errors.New(vi.reason)}
	}
	if !vi.refs || t == typeTime || marshalKindOf(t) != marshalNone {
		return nil
	}
	if c.depth++; c.depth > 1000 {
		return fail("nested deeper than 1000 levels")
	}
	defer func() { c.depth-- }()
	enter := func(p unsafe.Pointer, n int) (func(), error) {
		k := visit{p: p, t: t, n: n}
		if c.seen[k] {
			return nil, &walkError{cause: ErrCycle}
		}
		c.seen[k] = true
		return func() { delete(c.seen, k) }, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		leave, err := enter(v.UnsafePointer(), 0)
		if err != nil {
			return err
		}
		defer leave()
		return at(c.walk(v.Elem()), "*")
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return at(c.walk(v.Elem()), "("+typeName(v.Elem().Type())+")")
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		leave, err := enter(v.UnsafePointer(), 0)
		if err != nil {
			return err
		}
		defer leave()
		it := v.MapRange()
		for it.Next() {
			if err := c.walk(it.Key()); err != nil {
				return at(err, "[key]")
			}
			if err := c.walk(it.Value()); err != nil {
				return at(err, fmt.Sprintf("[%v]", it.Key()))
			}
		}
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice {
			if v.IsNil() || v.Len() == 0 {
				return nil
			}
			leave, err := enter(v.UnsafePointer(), v.Len())
			if err != nil {
				return err
			}
			defer leave()
		}
		for i := range v.Len() {
			if err := c.walk(v.Index(i)); err != nil {
				return at(err, "["+itoa(i)+"]")
			}
		}
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Tag.Get("cbor") == "-" || f.Name == "_" {
				continue
			}
			if err := c.walk(v.Field(i)); err != nil {
				return at(err, "."+f.Name)
			}
		}
	}
	return nil
}
