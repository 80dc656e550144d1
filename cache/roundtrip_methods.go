package cache

import (
	"encoding"
	"reflect"

	"github.com/fxamacker/cbor/v2"
)

// The marshaler half of the round-trip walk (roundtrip.go, B27): a type that encodes itself must
// decode itself by the matching method, and must not get its method from one of its fields.

var (
	typeCBORUnmarshaler   = reflect.TypeFor[cbor.Unmarshaler]()
	typeBinaryUnmarshaler = reflect.TypeFor[encoding.BinaryUnmarshaler]()
)

// Methods by which fxamacker/cbor encodes or decodes a type itself.
const (
	methodsNone   = ""
	methodsCBOR   = "cbor"
	methodsBinary = "binary"
)

// codecMethods returns the method pair that fxamacker/cbor uses to encode a value of the
// non-pointer type t and the one it uses to decode into it: cbor.Marshaler before
// encoding.BinaryMarshaler, on T or *T (text and JSON marshalers are off in the codec's modes).
func codecMethods(t reflect.Type) (enc, dec string) {
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(typeCBORMarshaler):
		enc = methodsCBOR
	case pt.Implements(typeBinaryMarshaler):
		enc = methodsBinary
	}
	switch {
	case pt.Implements(typeCBORUnmarshaler):
		dec = methodsCBOR
	case pt.Implements(typeBinaryUnmarshaler):
		dec = methodsBinary
	}
	return enc, dec
}

// checkMethods refuses a type whose encoding method has no matching decoding method, and a
// struct whose marshaler is promoted from one embedded field while it has others. It reports
// whether t encodes itself (and so is not walked further).
func checkMethods(t reflect.Type) (self bool, err error) {
	enc, dec := codecMethods(t)
	if enc == dec {
		if enc == methodsNone {
			return false, nil
		}
		return true, checkPromoted(t, enc)
	}
	name := typeName(t)
	switch {
	case enc == methodsNone:
		return false, noRoundTrip("%s implements %s but not %s: it would be stored as its fields and read "+
			"back with its %s; add %s", name, ifaceOf(dec, false), ifaceOf(dec, true), methodOf(dec, false), methodOf(dec, true))
	case dec == methodsNone:
		return false, noRoundTrip("%s implements %s but not %s: it would be stored and never read back; "+
			"add %s (on *%s)", name, ifaceOf(enc, true), ifaceOf(enc, false), methodOf(enc, false), t.Name())
	}
	return false, noRoundTrip("%s would be stored by its %s and read back by its %s; implement both "+
		"methods of one pair (cbor.Marshaler and cbor.Unmarshaler come first)", name, methodOf(enc, true), methodOf(dec, false))
}

func ifaceOf(m string, marshal bool) string {
	switch {
	case m == methodsCBOR && marshal:
		return "cbor.Marshaler"
	case m == methodsCBOR:
		return "cbor.Unmarshaler"
	case marshal:
		return "encoding.BinaryMarshaler"
	}
	return "encoding.BinaryUnmarshaler"
}

func methodOf(m string, marshal bool) string {
	switch {
	case m == methodsCBOR && marshal:
		return "MarshalCBOR"
	case m == methodsCBOR:
		return "UnmarshalCBOR"
	case marshal:
		return "MarshalBinary"
	}
	return "UnmarshalBinary"
}

// checkPromoted refuses a struct that gets its marshaler from an embedded field and has other
// fields: the promoted method encodes the embedded field only (struct{ time.Time; Note string }
// would lose Note). A struct that declares its own methods over an embedded marshaler is
// refused too (reflect cannot tell the two apart without keeping every method in the binary):
// naming the embedded field fixes both.
func checkPromoted(t reflect.Type, enc string) error {
	if t.Kind() != reflect.Struct {
		return nil
	}
	iface := typeCBORMarshaler
	if enc == methodsBinary {
		iface = typeBinaryMarshaler
	}
	from := -1
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && (f.Type.Implements(iface) || reflect.PointerTo(f.Type).Implements(iface)) {
			from = i
			break
		}
	}
	if from < 0 {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if i == from || f.Name == "_" || f.Tag.Get("cbor") == "-" {
			continue
		}
		e := t.Field(from)
		return noRoundTrip("%s gets %s from its embedded field %s, which encodes that field only: .%s "+
			"would not be stored; name the embedded field (%s %s)",
			typeName(t), methodOf(enc, true), e.Type, f.Name, e.Name, e.Type)
	}
	return nil
}
