package cache

import (
	"bytes"
	"encoding"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"unsafe"

	"github.com/fxamacker/cbor/v2"
)

// Argument hashing.
//
// Keys come from a deterministic walk of each argument that feeds xxh3-128
// directly (no intermediate encoding of the whole value): every value writes a
// kind tag, then its content; slices and maps write their length; interfaces
// write their dynamic type's identity (typeIdentity). The walk follows value
// semantics: equal values hash alike however they were built, different values
// hash differently.
//   - unexported struct fields are hashed (a CBOR encoder drops them: wrong hits);
//   - HashFunc and HashFuncByName apply wherever a type appears, nested too; a
//     hash function that panics is a UserHashError, not a panic in Call;
//   - standard types whose equal values can differ in memory hash a canonical
//     form (hash_std.go): big.Int, big.Float, big.Rat, time.Time, time.Location,
//     bytes.Buffer, strings.Builder; locks (sync.Mutex, sync.RWMutex) hash as nothing;
//   - map entries are hashed as (key digest, value digest) pairs sorted by both,
//     so keys that tie (distinct pointers to equal values, NaN keys) hash the
//     same in every iteration order;
//   - a pointer, map or slice is hashed as the digest of what it refers to; a
//     reference reached by several paths is walked once (its digest is
//     remembered for the rest of the walk), so shared structure (a DAG) costs its
//     size, not the number of its paths, and hashes like the equal tree;
//   - reference cycles are detected on the current path and reported as an
//     error (CBOR CoreDet overflows the stack, a fatal crash);
//   - values nest up to maxHashDepth references deep (a linked list of that
//     many nodes); deeper is an error whose path is cut short;
//   - numeric slices and arrays are hashed as their memory (one Write).
// Other types that marshal themselves (cbor.Marshaler, encoding.BinaryMarshaler,
// e.g. netip.Addr) hash their encoding.

// maxHashDepth is how many references (pointers, maps, slices of non-scalars,
// interfaces) a value may nest: a linked list of 20,000 nodes hashes. Each level
// costs about 1.3 KB of goroutine stack while it is walked (26 MB at the limit,
// which a browser tab affords); a deeper value is an error, not a stack overflow.
const maxHashDepth = 20_000

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
	tagTime
	tagBigInt
	tagBigFloat
	tagBigRat
	tagLock
	tagMemArray
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

// visit is a reference: where it points, its type and (for a slice) its length.
type visit struct {
	p unsafe.Pointer
	t reflect.Type
	n int
}

// hashWalker hashes values into h. A walker is used for one key; it is not safe for concurrent
// use. After an error its state is undefined: drop it.
type hashWalker struct {
	cfg    *hashConfig
	h      hashStream
	seen   map[visit]bool     // references on the current path, for cycle detection
	digest map[visit][16]byte // digests of the references walked so far
	depth  int                // references and interfaces on the current path
	lastT  reflect.Type       // the last interface's dynamic type and its identity
	lastID [16]byte
}

func newHashWalker(cfg *hashConfig) *hashWalker {
	w := &hashWalker{cfg: cfg}
	w.h.buf, w.h.open = w.h.small[:0], w.h.smallOpen[:0]
	return w
}

// how a reference's content is walked
const (
	walkElem     = iota // a pointer's element
	walkElements        // a slice's elements
	walkEntries         // a map's entries
	walkIface           // an interface's dynamic value
)

// ref hashes the reference k (v is the pointer, slice or map) as tag, n and the digest of what it
// refers to. The digest is computed once per walk (a shared pointer is walked once, however many
// paths reach it) and k is on the path while it is computed (a cycle is an error).
func (w *hashWalker) ref(k visit, tag byte, n uint64, v reflect.Value, how int) error {
	d, ok := w.digest[k]
	if !ok {
		if err := w.enter(k); err != nil {
			return err
		}
		w.h.push()
		err := w.deeper(v, how)
		delete(w.seen, k)
		if err != nil {
			return err
		}
		d = w.h.pop()
		if w.digest == nil {
			w.digest = map[visit][16]byte{}
		}
		w.digest[k] = d
	}
	w.tag(tag, n)
	_, _ = w.h.Write(d[:])
	return nil
}

func (w *hashWalker) tag(t byte, n uint64) { w.h.writeTag(t, n) }

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

// hashSegment is how many levels one goroutine walks. In js/wasm every Go call is also a
// WebAssembly call on the engine's native stack (about 1 MB in browsers: a linked list of 8,000
// nodes overflows it, a fatal RangeError), but a goroutine resumes on a fresh one. So each
// hashSegment levels the walk goes on in a new goroutine while the current one waits.
const hashSegment = 512

// deeper walks v's content one level deeper: a pointer's element, a slice's elements, a map's
// entries or an interface's dynamic value. It fails past maxHashDepth.
func (w *hashWalker) deeper(v reflect.Value, how int) error {
	if w.depth >= maxHashDepth {
		return errTooDeep()
	}
	w.depth++
	var err error
	if w.depth%hashSegment == 0 {
		err = w.contentInGoroutine(v, how)
	} else {
		err = w.content(v, how)
	}
	w.depth--
	return err
}

func (w *hashWalker) content(v reflect.Value, how int) error {
	switch how {
	case walkElem:
		return at(w.value(v.Elem()), "*")
	case walkElements:
		return w.elements(v)
	case walkEntries:
		return w.mapEntries(v)
	default: // walkIface
		return w.value(v)
	}
}

// contentInGoroutine is content run by a new goroutine; its panic is re-raised here.
func (w *hashWalker) contentInGoroutine(v reflect.Value, how int) error {
	type result struct {
		err      error
		panicked bool
		value    any
	}
	done := make(chan result)
	go func() {
		r := result{panicked: true}
		defer func() {
			if r.panicked {
				r.value = recover()
			}
			done <- r
		}()
		r.err = w.content(v, how)
		r.panicked = false
	}()
	r := <-done
	if r.panicked {
		panic(r.value)
	}
	return r.err
}

func errTooDeep() error {
	return fail("nested deeper than " + itoa(maxHashDepth) + " references")
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
		b, err := callHashFunc(f, v, typeName(t))
		if err != nil {
			return err
		}
		w.tag(tagCustom, uint64(len(b)))
		_, _ = w.h.Write(b)
		return nil
	}
	k := t.Kind()
	if k == reflect.Struct {
		if f := stdHash(t); f != nil {
			return f(w, addressable(v))
		}
	}
	if mk := marshalKindOf(t); mk != marshalNone {
		return w.marshaled(v, mk)
	}
	switch k {
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
		return w.ref(visit{p: v.UnsafePointer(), t: t}, tagPtr, 0, v, walkElem)
	case reflect.Interface:
		if v.IsNil() {
			w.tag(tagNil, 3)
			return nil
		}
		return w.iface(v.Elem())
	case reflect.Struct:
		return w.structValue(v)
	default: // Func, Chan, UnsafePointer
		return fail("a " + k.String() + " has no hashable value")
	}
	return nil
}

// iface hashes e, the dynamic value of an interface, after its type's identity.
func (w *hashWalker) iface(e reflect.Value) error {
	t := e.Type()
	if t != w.lastT {
		w.lastT, w.lastID = t, typeIdentity(t)
	}
	w.tag(tagIface, uint64(len(w.lastID)))
	_, _ = w.h.Write(w.lastID[:])
	if err := w.deeper(e, walkIface); err != nil {
		return at(err, "("+typeName(t)+")")
	}
	return nil
}

// addressable returns v, or an addressable copy of it.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

func (w *hashWalker) marshaled(v reflect.Value, mk marshalKind) (err error) {
	if mk == marshalCBORPtr || mk == marshalBinaryPtr {
		v = addressable(v).Addr()
	}
	defer func() {
		if r := recover(); r != nil {
			err = &walkError{cause: fmt.Errorf("%s's marshaler panicked: %v", typeName(v.Type()), r)}
		}
	}()
	var b []byte
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
	if isScalar(et.Kind()) && w.cfg.funcFor(et) == nil && marshalKindOf(et) == marshalNone {
		// Fast path: the elements' memory in one Write. Keys are only
		// compared on one architecture family (little-endian here and in wasm).
		// An array is copied when it is not addressable (a map value, in an
		// interface), so it hashes alike wherever it is.
		tag := tagMem
		if !isSlice {
			v, tag = addressable(v), tagMemArray
		}
		w.tag(tag, uint64(n))
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
		return w.ref(visit{p: v.UnsafePointer(), t: v.Type(), n: n}, tagList, uint64(n), v, walkElements)
	}
	if !isSlice && !isScalar(et.Kind()) {
		v = addressable(v)
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
	return w.ref(visit{p: v.UnsafePointer(), t: v.Type()}, tagMap, uint64(v.Len()), v, walkEntries)
}

// entry is a map entry as the digests of its key and its value.
type entry struct{ k, v [16]byte }

// mapEntries hashes the entries of map v as (key digest, value digest) pairs sorted by key digest,
// then value digest: keys that tie (distinct pointers to equal values, NaN keys) hash the same in
// every iteration order.
func (w *hashWalker) mapEntries(v reflect.Value) error {
	entries := make([]entry, 0, v.Len())
	it := v.MapRange()
	for it.Next() {
		var e entry
		w.h.push()
		if err := w.value(it.Key()); err != nil {
			return at(err, "[key]")
		}
		e.k = w.h.pop()
		w.h.push()
		if err := w.value(it.Value()); err != nil {
			return at(err, "[value]")
		}
		e.v = w.h.pop()
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := bytes.Compare(a.k[:], b.k[:]); c != 0 {
			return c
		}
		return bytes.Compare(a.v[:], b.v[:])
	})
	w.tag(tagMap, uint64(len(entries)))
	for _, e := range entries {
		_, _ = w.h.Write(e.k[:])
		_, _ = w.h.Write(e.v[:])
	}
	return nil
}

func (w *hashWalker) structValue(v reflect.Value) error {
	v = addressable(v)
	t := v.Type()
	w.tag(tagStruct, uint64(t.NumField()))
	for i := range t.NumField() {
		if err := w.value(field(v, i)); err != nil {
			return at(err, "."+t.Field(i).Name)
		}
	}
	return nil
}

// field returns field i of the addressable struct v, usable with Interface even when unexported.
func field(v reflect.Value, i int) reflect.Value {
	f := v.Field(i)
	if !f.CanInterface() {
		f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	}
	return f
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
