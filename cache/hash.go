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
//   - a pointer, map or slice reached by several paths is walked once: its
//     digest is remembered for the rest of the walk, so shared structure
//     (a DAG) costs its size, not the number of its paths;
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

// Unwrap returns the cause, so errors.Is(err, ErrCycle) works on a walk error.
func (e *walkError) Unwrap() error { return e.cause }

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
	refs  *refMemo       // digests of the references walked so far, shared by sub-walkers
	depth int
	buf   [16]byte
}

// refMemo remembers the digest of each reference (pointer, map, slice) a walk has hashed, and
// keeps spare hashers for the sub-walks that compute them.
type refMemo struct {
	digests map[visit][16]byte
	spare   []*xxh3.Hasher
}

func newHashWalker(cfg *hashConfig) *hashWalker {
	return &hashWalker{cfg: cfg, h: xxh3.New()}
}

// sub returns a walker that shares w's path, memo and depth but hashes into its own hasher.
func (w *hashWalker) sub() *hashWalker {
	if w.refs == nil {
		w.refs = &refMemo{digests: map[visit][16]byte{}}
	}
	if w.seen == nil {
		w.seen = map[visit]bool{}
	}
	s := &hashWalker{cfg: w.cfg, seen: w.seen, refs: w.refs, depth: w.depth}
	if n := len(w.refs.spare); n > 0 {
		s.h, w.refs.spare = w.refs.spare[n-1], w.refs.spare[:n-1]
		s.h.Reset()
	} else {
		s.h = xxh3.New()
	}
	return s
}

// done returns s's hasher to the spares.
func (w *hashWalker) done(s *hashWalker) { w.refs.spare = append(w.refs.spare, s.h) }

// ref hashes the reference k as tag, n and the digest of walk, which hashes what k refers to.
// The digest is computed once per walk (a shared pointer is walked once, however many paths reach
// it) and k is on the path while it is computed (a cycle is an error).
func (w *hashWalker) ref(k visit, tag byte, n uint64, walk func(*hashWalker) error) error {
	d, ok := w.refs.digest(k)
	if !ok {
		if err := w.enter(k); err != nil {
			return err
		}
		s := w.sub()
		err := walk(s)
		delete(w.seen, k)
		if err != nil {
			return err
		}
		d = s.h.Sum128().Bytes()
		w.done(s)
		w.refs.digests[k] = d
	}
	w.tag(tag, n)
	_, _ = w.h.Write(d[:])
	return nil
}

func (m *refMemo) digest(k visit) ([16]byte, bool) {
	if m == nil {
		return [16]byte{}, false
	}
	d, ok := m.digests[k]
	return d, ok
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
		elem := v.Elem()
		return w.ref(visit{p: v.UnsafePointer(), t: t}, tagPtr, 0, func(s *hashWalker) error {
			return at(s.value(elem), "*")
		})
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
		return w.ref(visit{p: v.UnsafePointer(), t: v.Type(), n: n}, tagList, uint64(n), func(s *hashWalker) error {
			return s.elements(v)
		})
	}
	if !isSlice && !v.CanAddr() && !isScalar(et.Kind()) {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	w.tag(tagList, uint64(n))
	return w.elements(v)
}

// elements hashes each element of the slice or array v.
func (w *hashWalker) elements(v reflect.Value) error {
	for i := range v.Len() {
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
	return w.ref(visit{p: v.UnsafePointer(), t: v.Type()}, tagMap, uint64(v.Len()), func(s *hashWalker) error {
		return s.mapEntries(v)
	})
}

// mapEntries hashes the entries of map v in the order of their keys' digests.
func (w *hashWalker) mapEntries(v reflect.Value) error {
	type pair struct{ k, v [16]byte }
	pairs := make([]pair, 0, v.Len())
	sub := w.sub()
	defer w.done(sub)
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
