package cache

import (
	"cmp"
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/fxamacker/cbor/v2"
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

// refuse returns err at path (a walkError, as checkValue's errors are).
func refuse(path string, err error) error { return &walkError{segs: []string{path}, cause: err} }

var (
	typeCBORUnmarshaler   = reflect.TypeFor[cbor.Unmarshaler]()
	typeBinaryUnmarshaler = reflect.TypeFor[encoding.BinaryUnmarshaler]()
	typeIsZeroer          = reflect.TypeFor[interface{ IsZero() bool }]()
	typeSliceAny          = reflect.TypeFor[[]any]()
	typeMapStringAny      = reflect.TypeFor[map[string]any]()
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
			"would not be stored; name the embedded field (%s %s), or give %s its own %s and %s",
			typeName(t), methodOf(enc, true), e.Type, f.Name, e.Name, e.Type, t.Name(),
			methodOf(enc, true), methodOf(enc, false))
	}
	return nil
}

// fieldTag is a struct field's tag as fxamacker/cbor reads it: the cbor tag, or else the json
// tag.
type fieldTag struct {
	name      string // the key it is stored under, "" for the field's name
	tagged    bool   // a tag names or options it (a tagged field wins a tie)
	json      bool   // the tag is the json tag
	skip      bool   // the tag is "-"
	asInt     bool   // keyasint
	omitEmpty bool
	omitZero  bool
}

func parseFieldTag(f reflect.StructField) fieldTag {
	var ft fieldTag
	tag := f.Tag.Get("cbor")
	if tag == "" {
		tag = f.Tag.Get("json")
		ft.json = tag != ""
	}
	if tag == "-" {
		ft.skip = true
		return ft
	}
	ft.tagged = tag != ""
	name, opts, _ := strings.Cut(tag, ",")
	ft.name = name
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		switch o {
		case "omitempty":
			ft.omitEmpty = true
		case "omitzero":
			ft.omitZero = true
		case "keyasint":
			ft.asInt = true
		}
	}
	return ft
}

// structToArray reports whether struct type t is encoded as an array (a field "_" tagged
// cbor:",toarray"), which ignores omitempty.
func structToArray(t reflect.Type) bool {
	f, ok := t.FieldByName("_")
	if !ok {
		return false
	}
	_, opts, _ := strings.Cut(f.Tag.Get("cbor"), ",")
	return slices.Contains(strings.Split(opts, ","), "toarray")
}

// storedField is a field that the encoder may store under a key: a field of the struct, or of
// a struct it embeds, promoted.
type storedField struct {
	key    string // the name, or the canonical integer (keyasint)
	asInt  bool
	index  []int
	tagged bool
	omit   bool // omitempty or omitzero
	path   string
}

// embedded is a struct embedded at some depth, whose fields are promoted.
type embedded struct {
	t     reflect.Type
	index []int
	path  string
	ptr   bool // embedded through a pointer
}

// checkStructFields refuses struct type t when the encoder would not store one of its fields
// that holds data. It follows the rules by which fxamacker/cbor (as encoding/json) picks the
// fields of a struct: fields of embedded structs are promoted, level by level; a struct type
// embedded twice at one level, or again deeper, is ignored; of the fields with one key, the
// least deeply embedded wins, then a tagged one; a tie stores neither.
func checkStructFields(t reflect.Type) error {
	var fields []*storedField
	var ptrs []embedded
	level := []embedded{{t: t}}
	visited := map[reflect.Type]string{t: ""}
	for len(level) > 0 {
		next := map[reflect.Type][]embedded{}
		var order []reflect.Type
		for _, e := range level {
			for i := range e.t.NumField() {
				f := e.t.Field(i)
				ft := f.Type
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if !f.IsExported() && !(f.Anonymous && ft.Kind() == reflect.Struct) {
					continue // unexported: analyze refuses it
				}
				tag := parseFieldTag(f)
				path := e.path + "." + f.Name
				if tag.skip {
					if tag.json {
						return refuse(path, noRoundTrip("the field is tagged json:\"-\", which the CBOR encoder "+
							"follows too: it would be zero on every hit; tag it cbor:%q to store it, or "+
							"cbor:\"-\" to leave it out on purpose", f.Name))
					}
					continue
				}
				index := append(slices.Clip(e.index), i)
				if !f.Anonymous || ft.Kind() != reflect.Struct || tag.name != "" {
					key := tag.name
					if key == "" {
						key = f.Name
					}
					if n, err := strconv.Atoi(key); tag.asInt && err == nil {
						key = strconv.Itoa(n)
					}
					fields = append(fields, &storedField{key: key, asInt: tag.asInt, index: index,
						tagged: tag.tagged, omit: tag.omitEmpty || tag.omitZero, path: path})
					continue
				}
				if _, ok := next[ft]; !ok {
					order = append(order, ft)
				}
				next[ft] = append(next[ft], embedded{t: ft, index: index, path: path, ptr: f.Type.Kind() == reflect.Pointer})
			}
		}
		level = nil
		for _, et := range order {
			es := next[et]
			switch p, seen := visited[et]; {
			case len(es) > 1:
				if holdsData(et) {
					return refuse(es[0].path, noRoundTrip("%s is embedded twice at one depth (%s and %s), and "+
						"the encoder stores the fields of neither; name the embedded fields", typeName(et), es[0].path, es[1].path))
				}
			case seen:
				if holdsData(et) {
					where := p
					if where == "" {
						where = "the struct itself"
					}
					return refuse(es[0].path, noRoundTrip("%s is embedded already at a lesser depth (%s), and "+
						"the encoder ignores it here; name the embedded field", typeName(et), where))
				}
			default:
				visited[et] = es[0].path
				level = append(level, es[0])
				if es[0].ptr {
					ptrs = append(ptrs, es[0])
				}
			}
		}
	}
	if err := checkFieldKeys(fields); err != nil {
		return err
	}
	// A non-nil embedded pointer comes back nil when none of its fields is stored.
	for _, e := range ptrs {
		stored := false
		for _, f := range fields {
			if !f.omit && len(f.index) > len(e.index) && slices.Equal(f.index[:len(e.index)], e.index) {
				stored = true
				break
			}
		}
		if !stored {
			return refuse(e.path, noRoundTrip("a non-nil embedded *%s would come back nil when none of its "+
				"fields is stored (it has none, or all are omitempty or omitzero); embed %s by value",
				e.t.Name(), typeName(e.t)))
		}
	}
	return nil
}

// checkFieldKeys refuses the first field (in field order) that loses to another of the same key.
func checkFieldKeys(fields []*storedField) error {
	byKey := slices.Clone(fields)
	slices.SortStableFunc(byKey, func(a, b *storedField) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		if a.asInt != b.asInt {
			if a.asInt {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	var lost *storedField
	var why string
	lose := func(f *storedField, reason string) {
		if lost == nil || slices.Compare(f.index, lost.index) < 0 {
			lost, why = f, reason
		}
	}
	for i := 0; i < len(byKey); {
		j := i + 1
		for j < len(byKey) && byKey[j].key == byKey[i].key && byKey[j].asInt == byKey[i].asInt {
			j++
		}
		g := byKey[i:j]
		i = j
		switch {
		case len(g) == 1:
		case len(g[0].index) < len(g[1].index):
			for _, f := range g[1:] {
				lose(f, fmt.Sprintf("%s has the same key %q and is less deeply embedded, so the encoder "+
					"stores that one only", g[0].path, f.key))
			}
		case g[0].tagged && !g[1].tagged:
			for _, f := range g[1:] {
				lose(f, fmt.Sprintf("%s has the same key %q and a tag, so the encoder stores that one only",
					g[0].path, f.key))
			}
		default:
			for k, f := range g {
				rival := g[0]
				if k == 0 {
					rival = g[1]
				}
				lose(f, fmt.Sprintf("%s has the same key %q at the same depth, and the encoder stores neither",
					rival.path, f.key))
			}
		}
	}
	if lost == nil {
		return nil
	}
	fix := "give it a key of its own (cbor:\"" + embeddedPrefix(lost.path) + lost.path[strings.LastIndexByte(lost.path, '.')+1:] +
		"\") or name the embedded field that holds it"
	if strings.Contains(fix, "\""+lost.key+"\"") {
		fix = "give one of the two a key of its own in a cbor tag"
	}
	return refuse(lost.path, noRoundTrip("the field would not be stored: %s; %s", why, fix))
}

// embeddedPrefix is the name of the struct a promoted field comes from ("Vel" for .Vel.X), to
// suggest a key of its own.
func embeddedPrefix(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "."), ".")
	if len(parts) < 2 {
		return ""
	}
	return parts[len(parts)-2]
}

// holdsData reports whether struct type t has a field the encoder would store.
func holdsData(t reflect.Type) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name != "_" && f.Tag.Get("cbor") != "-" {
			return true
		}
	}
	return false
}

// keyHasPointer reports whether map keys of type t hold pointers, which a hit replaces with new
// ones.
func keyHasPointer(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return true
	case reflect.Array:
		return keyHasPointer(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if keyHasPointer(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

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
