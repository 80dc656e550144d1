package cache

import (
	"bytes"
	"encoding"
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/fxamacker/cbor/v2"
	"github.com/zeebo/xxh3"
)

// Argument hashing.
//
// Keys come from a deterministic walk of each argument that feeds xxh3-128
// directly (no intermediate encoding buffer): every value writes a kind tag,
// then its content; slices and maps write their length; map entries are
// sorted by the hash of their key; interfaces write their dynamic type name.
// The walk is CBOR's deterministic model done in place, and it does what a
// CBOR encoder cannot do for keys:
//   - unexported struct fields are hashed (CBOR drops them: wrong hits);
//   - HashFunc and HashFuncByName apply wherever a type appears, nested too;
//   - reference cycles are detected on the current path and reported as an
//     error (CBOR CoreDet overflows the stack, a fatal crash);
//   - numeric slices and arrays are hashed as their memory (one Write).
// Types that marshal themselves (cbor.Marshaler, encoding.BinaryMarshaler,
// e.g. time.Time with its nanoseconds and zone offset) hash their encoding.

const maxHashDepth = 10000

const (
	tagNil byte = iota
	tagBool
	tagInt
	tagUint
	tagFloat
	tagComplex
	tagString
	tagMem
	tagList
	tagMap
	tagPtr
	tagIface
	tagStruct
	tagCustom
	tagMarshaled
)

// hashConfig holds one function's hash funcs.
type hashConfig struct {
	byType map[reflect.Type]func(reflect.Value) []byte
	byName map[string]func(any) []byte
	memo   sync.Map // reflect.Type -> func(reflect.Value) []byte (nil: none)
}

func (c *hashConfig) empty() bool { return c == nil || (len(c.byType) == 0 && len(c.byName) == 0) }

func (c *hashConfig) funcFor(t reflect.Type) func(reflect.Value) []byte {
	if c.empty() {
		return nil
	}
	if f, ok := c.memo.Load(t); ok {
		return f.(func(reflect.Value) []byte)
	}
	f := c.byType[t]
	if f == nil {
		if g := c.byName[typeName(t)]; g != nil {
			f = func(v reflect.Value) []byte { return g(v.Interface()) }
		}
	}
	c.memo.Store(t, f)
	return f
}

// walkError is a hashing failure with the path to where it happened.
type walkError struct {
	segs  []string // innermost first
	cause error
}

func (e *walkError) Error() string { return e.path() + ": " + e.cause.Error() }

func (e *walkError) path() string {
	var b strings.Builder
	for i := len(e.segs) - 1; i >= 0; i-- {
		b.WriteString(e.segs[i])
	}
	return b.String()
}

func at(err error, seg string) error {
	var we *walkError
	if errors.As(err, &we) {
		we.segs = append(we.segs, seg)
	}
	return err
}

func fail(format string) error { return &walkError{cause: errors.New(format)} }

type visit struct {
	p unsafe.Pointer
	t reflect.Type
	n int
}

type hashWalker struct {
	cfg   *hashConfig
	h     *xxh3.Hasher
	seen  map[visit]bool // reference path, for cycle detection
	depth int
	buf   [16]byte
}

func newHashWalker(cfg *hashConfig) *hashWalker {
	return &hashWalker{cfg: cfg, h: xxh3.New()}
}

func (w *hashWalker) tag(t byte, n uint64) {
	w.buf[0] = t
	binary.LittleEndian.PutUint64(w.buf[1:], n)
	_, _ = w.h.Write(w.buf[:9])
}

// enter records a reference on the current path; it fails on a cycle.
func (w *hashWalker) enter(k visit) error {
	if w.seen == nil {
		w.seen = map[visit]bool{}
	}
	if w.seen[k] {
		return &walkError{cause: ErrCycle}
	}
	w.seen[k] = true
	return nil
}

// value hashes v. Invariant: v.CanInterface() (values reached through
// unexported fields are re-derived through their address).
func (w *hashWalker) value(v reflect.Value) error {
	if !v.IsValid() {
		w.tag(tagNil, 0)
		return nil
	}
	t := v.Type()
	if f := w.cfg.funcFor(t); f != nil {
		b := f(v)
		w.tag(tagCustom, uint64(len(b)))
		_, _ = w.h.Write(b)
		return nil
	}
	if w.depth++; w.depth > maxHashDepth {
		return fail("nested deeper than 10000 levels")
	}
	defer func() { w.depth-- }()
	if mk := marshalKindOf(t); mk != marshalNone {
		return w.marshaled(v, mk)
	}
	switch k := t.Kind(); k {
	case reflect.Bool:
		n := uint64(0)
		if v.Bool() {
			n = 1
		}
		w.tag(tagBool, n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.tag(tagInt, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.tag(tagUint, v.Uint())
	case reflect.Float32, reflect.Float64:
		w.tag(tagFloat, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		w.tag(tagComplex, math.Float64bits(real(c)))
		w.tag(tagComplex, math.Float64bits(imag(c)))
	case reflect.String:
		s := v.String()
		w.tag(tagString, uint64(len(s)))
		_, _ = w.h.WriteString(s)
	case reflect.Slice:
		if v.IsNil() {
			w.tag(tagNil, 1)
			return nil
		}
		return w.list(v, true)
	case reflect.Array:
		return w.list(v, false)
	case reflect.Map:
		return w.mapValue(v)
	case reflect.Pointer:
		if v.IsNil() {
			w.tag(tagNil, 2)
			return nil
		}
		key := visit{p: v.UnsafePointer(), t: t}
		if err := w.enter(key); err != nil {
			return err
		}
		defer delete(w.seen, key)
		w.tag(tagPtr, 0)
		return at(w.value(v.Elem()), "*")
	case reflect.Interface:
		if v.IsNil() {
			w.tag(tagNil, 3)
			return nil
		}
		e := v.Elem()
		name := typeName(e.Type())
		w.tag(tagIface, uint64(len(name)))
		_, _ = w.h.WriteString(name)
		return at(w.value(e), "("+name+")")
	case reflect.Struct:
		return w.structValue(v)
	default: // Func, Chan, UnsafePointer
		return fail("a " + k.String() + " has no hashable value")
	}
	return nil
}

func (w *hashWalker) marshaled(v reflect.Value, mk marshalKind) error {
	if mk == marshalCBORPtr || mk == marshalBinaryPtr {
		if !v.CanAddr() {
			c := reflect.New(v.Type()).Elem()
			c.Set(v)
			v = c
		}
		v = v.Addr()
	}
	var b []byte
	var err error
	switch m := v.Interface().(type) {
	case cbor.Marshaler:
		b, err = m.MarshalCBOR()
	case encoding.BinaryMarshaler:
		b, err = m.MarshalBinary()
	}
	if err != nil {
		return &walkError{cause: err}
	}
	w.tag(tagMarshaled, uint64(len(b)))
	_, _ = w.h.Write(b)
	return nil
}

func (w *hashWalker) list(v reflect.Value, isSlice bool) error {
	n := v.Len()
	et := v.Type().Elem()
	if isScalar(et.Kind()) && w.cfg.funcFor(et) == nil && marshalKindOf(et) == marshalNone &&
		(isSlice || v.CanAddr()) {
		// Fast path: the elements' memory in one Write. Keys are only
		// compared on one architecture family (little-endian here and in wasm).
		w.tag(tagMem, uint64(n))
		if n > 0 {
			var p unsafe.Pointer
			if isSlice {
				p = v.UnsafePointer()
			} else {
				p = v.Addr().UnsafePointer()
			}
			_, _ = w.h.Write(unsafe.Slice((*byte)(p), n*int(et.Size())))
		}
		return nil
	}
	if isSlice && n > 0 && !isScalar(et.Kind()) && et.Kind() != reflect.String {
		key := visit{p: v.UnsafePointer(), t: v.Type(), n: n}
		if err := w.enter(key); err != nil {
			return err
		}
		defer delete(w.seen, key)
	}
	if !isSlice && !v.CanAddr() && !isScalar(et.Kind()) {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	w.tag(tagList, uint64(n))
	for i := range n {
		if err := w.value(v.Index(i)); err != nil {
			return at(err, "["+itoa(i)+"]")
		}
	}
	return nil
}

func (w *hashWalker) mapValue(v reflect.Value) error {
	if v.IsNil() {
		w.tag(tagNil, 4)
		return nil
	}
	key := visit{p: v.UnsafePointer(), t: v.Type()}
	if err := w.enter(key); err != nil {
		return err
	}
	defer delete(w.seen, key)
	type pair struct{ k, v [16]byte }
	pairs := make([]pair, 0, v.Len())
	sub := &hashWalker{cfg: w.cfg, h: xxh3.New(), seen: w.seen, depth: w.depth}
	it := v.MapRange()
	for it.Next() {
		var p pair
		sub.h.Reset()
		if err := sub.value(it.Key()); err != nil {
			return at(err, "[key]")
		}
		p.k = sub.h.Sum128().Bytes()
		sub.h.Reset()
		if err := sub.value(it.Value()); err != nil {
			return at(err, "[value]")
		}
		p.v = sub.h.Sum128().Bytes()
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b pair) int { return bytes.Compare(a.k[:], b.k[:]) })
	w.tag(tagMap, uint64(len(pairs)))
	for _, p := range pairs {
		_, _ = w.h.Write(p.k[:])
		_, _ = w.h.Write(p.v[:])
	}
	return nil
}

func (w *hashWalker) structValue(v reflect.Value) error {
	if !v.CanAddr() {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	t := v.Type()
	w.tag(tagStruct, uint64(t.NumField()))
	for i := range t.NumField() {
		f := v.Field(i)
		if !f.CanInterface() {
			f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
		}
		if err := w.value(f); err != nil {
			return at(err, "."+t.Field(i).Name)
		}
	}
	return nil
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(b[n:])
		}
	}
}
