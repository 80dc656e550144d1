package cache

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
)

// Exact round trip (B27): a data function's hit is deeply equal to what its miss returned, with
// the same dynamic types, or the result type is refused before anything is stored.
//
// The codec's options make what can be exact exact: a string that is not valid UTF-8 decodes
// as it was, a NaN keeps its payload, a map inside an interface decodes as map[string]any. What
// cannot be exact is refused, by one walk of the result type when the wrapper is made (cached
// per type, see valueInfoOf), reported on the first Call before the function runs:
//
//   - a field the encoder would drop: tagged json:"-" (fxamacker/cbor follows json tags when
//     there is no cbor tag), hidden by another field of the same name (encoding/json's rules
//     for embedded fields), in a struct embedded twice at one depth, or unexported;
//   - an interface other than any (the decoder cannot know which concrete type to make);
//   - a marshaler without its unmarshaler (stored, never readable), or a marshaler promoted
//     from an embedded field, which encodes that field only;
//   - a map keyed by pointers (the hit's keys would be new pointers, equal to none of the
//     miss's), and chans, funcs, unsafe pointers and complex numbers.
//
// Where the type cannot decide, the value is checked before it is encoded (checkValue): what an
// any holds (only what encoding/json puts in one round-trips: nil, bool, string, float64, []any,
// map[string]any) and a field tagged omitempty that holds an empty value that is not its zero
// value (an empty non-nil slice would come back nil).
//
// A field tagged cbor:"-" is left out on purpose: it is zero on a hit. Two pointers to one
// value come back as two values (reflect.DeepEqual does not tell them apart); a cycle is
// refused (ErrCycle). A time.Time comes back Equal, with the same offset, but not deeply equal:
// its zone becomes a fixed zone of that offset (UTC and Local stay UTC and Local) and its
// monotonic reading is dropped, as t.Round(0) does.

// ErrNoRoundTrip is the cause, through errors.Is, of an UnserializableReturnValueError for a
// result that would not come back from the cache as it went in (B27). The error's message says
// what would differ and how to change the type.
var ErrNoRoundTrip = errors.New("the value would not come back from the cache as it went in")

// roundTripError says what would differ on a hit, and what to do about it.
type roundTripError struct{ msg string }

func (e *roundTripError) Error() string { return e.msg }

// Unwrap returns ErrNoRoundTrip.
func (e *roundTripError) Unwrap() error { return ErrNoRoundTrip }

func noRoundTrip(format string, args ...any) error {
	return &roundTripError{msg: fmt.Sprintf(format, args...)}
}

// refuseAt returns err at path (a walkError, as checkValue's errors are).
func refuseAt(path string, err error) error { return &walkError{segs: []string{path}, cause: err} }

var (
	typeIsZeroer     = reflect.TypeFor[interface{ IsZero() bool }]()
	typeSliceAny     = reflect.TypeFor[[]any]()
	typeMapStringAny = reflect.TypeFor[map[string]any]()
)

// omitCheck is a struct field tagged omitempty or omitzero whose value may be omitted while it
// is not its type's zero value: it would come back as the zero value.
type omitCheck struct {
	index int
	zero  bool // omitzero with an IsZero method; else omitempty
}

// omitChecks returns the fields of struct type t whose values must be checked (checkOmitted).
func omitChecks(t reflect.Type) []omitCheck {
	if structToArray(t) {
		return nil
	}
	var cs []omitCheck
	for i := range t.NumField() {
		f := t.Field(i)
		tag := parseFieldTag(f)
		if tag.skip || f.Name == "_" {
			continue
		}
		ft := f.Type
		if tag.omitZero && (ft.Implements(typeIsZeroer) || reflect.PointerTo(ft).Implements(typeIsZeroer)) {
			cs = append(cs, omitCheck{index: i, zero: true})
			continue
		}
		if !tag.omitEmpty || ft == typeTime || ft == typeBigInt {
			continue
		}
		if enc, _ := codecMethods(ft); enc == methodsBinary && ft.Kind() != reflect.Pointer {
			cs = append(cs, omitCheck{index: i})
			continue
		} else if enc == methodsCBOR {
			continue // never empty
		}
		switch ft.Kind() {
		case reflect.Slice, reflect.Map, reflect.Float32, reflect.Float64:
			cs = append(cs, omitCheck{index: i})
		}
	}
	return cs
}

// checkOmitted refuses a field value that the encoder would omit but is not the zero value.
func checkOmitted(v reflect.Value, c omitCheck) error {
	if k := v.Kind(); !c.zero && (k == reflect.Float32 || k == reflect.Float64) {
		if v.Float() == 0 && math.Signbit(v.Float()) { // reflect's IsZero is true for -0
			return noRoundTrip("the field is tagged omitempty and holds -0: it would come back as 0; drop omitempty")
		}
		return nil
	}
	if v.IsZero() {
		return nil
	}
	if c.zero {
		zv := v
		if !zv.CanAddr() {
			zv = reflect.New(v.Type()).Elem()
			zv.Set(v)
		}
		z, ok := zv.Interface().(interface{ IsZero() bool })
		if !ok {
			z = zv.Addr().Interface().(interface{ IsZero() bool })
		}
		if z.IsZero() {
			return noRoundTrip("the field is tagged omitzero and its IsZero method reports true for a value "+
				"that is not %s's zero value: it would come back as the zero value; drop omitzero", typeName(v.Type()))
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			return noRoundTrip("the field is tagged omitempty and holds an empty %s that is not nil: it "+
				"would come back nil; drop omitempty, or store nil", v.Kind())
		}
		return nil
	}
	// A binary marshaler: omitted when MarshalBinary returns no bytes.
	mv := v
	if !mv.CanAddr() {
		mv = reflect.New(v.Type()).Elem()
		mv.Set(v)
	}
	b, err := mv.Addr().Interface().(encoding.BinaryMarshaler).MarshalBinary()
	if err == nil && len(b) == 0 {
		return noRoundTrip("the field is tagged omitempty and its MarshalBinary returns no bytes for a value "+
			"that is not %s's zero value: it would come back as the zero value; drop omitempty", typeName(v.Type()))
	}
	return nil
}

// checkInterfaceValue refuses what an interface holds unless it decodes to the same dynamic
// type: CBOR does not record Go types, and the decoder makes what encoding/json makes.
func checkInterfaceValue(e reflect.Value) error {
	switch t := e.Type(); t {
	case typeBool, typeString, typeFloat64:
		return nil
	case typeSliceAny, typeMapStringAny:
		if e.IsNil() {
			return noRoundTrip("a nil %s inside an interface would come back as a nil interface; store "+
				"an empty %s or nil", t, t)
		}
		return nil
	default:
		return noRoundTrip("a value of type %s inside an interface would come back as another type (CBOR "+
			"does not record Go types; an interface comes back holding nil, bool, string, float64, []any "+
			"or map[string]any, as with encoding/json); declare the field with a concrete type", typeName(t))
	}
}

var (
	typeBool    = reflect.TypeFor[bool]()
	typeString  = reflect.TypeFor[string]()
	typeFloat64 = reflect.TypeFor[float64]()
)
