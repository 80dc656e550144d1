package cache

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"unsafe"

	"github.com/fxamacker/cbor/v2"
)

// Value codec for data functions: CBOR, never code that runs when decoded.
//
// Times keep nanoseconds and their zone offset (RFC 3339 text, tag 0). A hit is deeply equal to
// its miss, or the result type is refused (roundtrip.go, B27): the options below keep NaN
// payloads (NaNConvertNone) and strings that are not valid UTF-8 (UTF8DecodeInvalid), and decode
// a map inside an interface as map[string]any, as encoding/json does.
//
// Decoding has explicit limits (maxDecodeElements, maxDecodeNesting). Cached values are produced by this program and a
// persistent record's checksum is verified before its value is decoded, but a record can still
// be foreign or crafted (another build, another app on the origin, a damaged disk): any bytes
// must decode to a value or an error, without a panic, a hang, or an allocation much larger than
// the bytes (FuzzDecodeRecord). fxamacker/cbor checks that the whole input is well-formed before
// it decodes, so a declared length (array, map, byte string) can never exceed the bytes present;
// typed arrays check the same (unmarshalTyped).

// valueEncMode can also encode into a caller's buffer (MarshalToBuffer), which records use.
var valueEncMode = func() cbor.UserBufferEncMode {
	em, err := cbor.EncOptions{
		Time:       cbor.TimeRFC3339Nano,
		TimeTag:    cbor.EncTagRequired,
		NaNConvert: cbor.NaNConvertNone,   // a NaN keeps its payload
		OmitEmpty:  cbor.OmitEmptyGoValue, // a struct is never empty (checkOmitted covers the rest)
	}.UserBufferEncMode()
	if err != nil {
		panic(err)
	}
	return em
}()

// Decoding limits, far above fxamacker's defaults (131,072 elements, 32 levels), which a
// cached table exceeds: what bounds memory is that every element takes at least one byte of
// input.
const (
	maxDecodeElements = 1 << 30 // array elements or map pairs: each takes at least one input byte
	maxDecodeNesting  = 1024    // nested arrays, maps and tags (checkValue encodes up to 1,000)
)

var valueDecMode = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		MaxArrayElements: maxDecodeElements,
		MaxMapPairs:      maxDecodeElements,
		MaxNestedLevels:  maxDecodeNesting,
		UTF8:             cbor.UTF8DecodeInvalid, // a Go string may hold any bytes
		DefaultMapType:   typeMapStringAny,       // the only map an interface may hold (checkInterfaceValue)
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// encodeValueTo encodes a data function's result into buf, so that a record can hold the value
// without copying it (record.encodeWith). A result that is a plain numeric slice is encoded as an
// RFC 8746 typed array; typed arrays, at the top or in the fields of plain structs (encodeFast),
// are copied once, straight into buf. On an error buf may hold part of the value.
func encodeValueTo[R any](buf *bytes.Buffer, v R) error {
	switch x := any(v).(type) {
	case []float64:
		writeTyped(buf, tagFloat64LE, x)
		return nil
	case []float32:
		writeTyped(buf, tagFloat32LE, x)
		return nil
	case []int64:
		writeTyped(buf, tagSint64LE, x)
		return nil
	case []int32:
		writeTyped(buf, tagSint32LE, x)
		return nil
	case []int:
		Ints(x).writeCBOR(buf)
		return nil
	case typedArray:
		x.writeCBOR(buf)
		return nil
	}
	rv := reflect.ValueOf(&v).Elem()
	if err := checkValue(rv); err != nil {
		return err
	}
	ok, err := encodeFast(buf, rv)
	if !ok {
		err = valueEncMode.MarshalToBuffer(v, buf)
	}
	if err != nil {
		return &walkError{cause: err}
	}
	return nil
}

// sizeHint estimates the encoded size of the big parts of v, its numeric slices, so the record
// buffer can be allocated once. It looks into structs, pointers and interfaces down to a few
// levels (a value may be cyclic: it runs before the cycle check), not into the elements of
// slices and maps (which could be long): an estimate, not a bound.
func sizeHint(v reflect.Value) int { return sizeHintDepth(v, 8) }

func sizeHintDepth(v reflect.Value, depth int) int {
	if depth == 0 {
		return 9
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 1
		}
		return sizeHintDepth(v.Elem(), depth-1)
	case reflect.Struct:
		n := 1
		for i := range v.NumField() {
			n += 8 + sizeHintDepth(v.Field(i), depth-1)
		}
		return n
	case reflect.Slice:
		if v.Type().Implements(typeTypedArr) {
			return 18 + v.Len()*int(v.Type().Elem().Size())
		}
		switch v.Type().Elem().Kind() {
		case reflect.Float64, reflect.Int64, reflect.Uint64, reflect.Int, reflect.Uint:
			return 18 + 9*v.Len() // typed: 8 per element; plain: up to 9
		case reflect.Float32, reflect.Int32, reflect.Uint32:
			return 18 + 5*v.Len()
		case reflect.Uint8:
			return 9 + v.Len()
		}
		return 9 + 8*v.Len()
	case reflect.String:
		return 9 + v.Len()
	}
	return 9
}

// releaseAt is the size of an encoded value from which decodeValue first collects garbage. A
// large hit holds the record and the copy it decodes; without a collection it also holds what the
// previous hit's copy left, dead but not yet collected (Go collects when the heap doubles), so
// the heap reaches 4–5× the value: at wasm32's 4 GiB, "out of memory" where two copies fit, and
// a memory.grow that may move gigabytes. The collection frees that copy first, so the new one
// takes its place. Its cost follows the pointers on the heap, not the bytes of numeric columns:
// a few milliseconds against the copy of at least 32 MiB it precedes.
const releaseAt = 32 << 20

// decodeValue decodes a fresh copy: the caller owns the result.
func decodeValue[R any](b []byte) (R, error) {
	var r R
	var err error
	if len(b) >= releaseAt {
		runtime.GC()
	}
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

// checkValue refuses, before encoding, what would not come back from the cache as it went in
// (B27) or would crash the encoder: a type that cannot round-trip (typeError), a value in an
// interface that would decode to another type, a field the encoder would omit while it holds a
// value other than its zero value, and reference cycles (a fatal stack overflow in the encoder).
// Types with only scalars, strings, numeric slices and marshalers are checked once per type and
// never walked.
func checkValue(v reflect.Value) error {
	vi := valueInfoOf(v.Type())
	if vi.cause != nil {
		return refuseAt(vi.path, vi.cause)
	}
	if !vi.walk {
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
	if vi.cause != nil {
		return refuseAt(vi.path, vi.cause)
	}
	if !vi.walk {
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
		if err := checkInterfaceValue(v.Elem()); err != nil {
			return refuseAt("", err)
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
		for _, o := range vi.omits {
			if err := checkOmitted(v.Field(o.index), o); err != nil {
				return refuseAt("."+t.Field(o.index).Name, err)
			}
		}
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

// refused is the error of every Call of a data function whose result type cannot round-trip
// (B27): the type is refused before the function runs, so nothing is ever stored.
func (c *dataCore[R]) refused() error {
	c.resolve()
	e := &UnserializableReturnValueError{Func: c.id.Display, Type: typeName(reflect.TypeFor[R]()), Cause: c.rtErr}
	var we *walkError
	if errors.As(c.rtErr, &we) {
		e.Path, e.Cause = we.path(), we.cause
	}
	return e
}
