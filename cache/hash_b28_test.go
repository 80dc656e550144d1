package cache

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zeebo/xxh3"
)

// hashOf hashes v as a cached function's argument of type any would be (no hash funcs).
func hashOf(t *testing.T, v any) [16]byte {
	t.Helper()
	w := newHashWalker(&hashConfig{})
	if err := w.value(reflect.ValueOf(&v).Elem()); err != nil {
		t.Fatal(err)
	}
	return w.h.Sum128().Bytes()
}

// TestHashEqualValuesAlike_B28: values equal by their type's own equality hash alike however
// they were built: a zero big.Int with a nil or an empty slice inside, a big.Rat left
// unnormalised through Num, big.Floats whose mantissas differ in trailing zero words, times that
// differ only in their monotonic reading or in which *Location pointer names one zone, a buffer
// partly read, a struct whose lock is held.
func TestHashEqualValuesAlike_B28(t *testing.T) {
	one := big.NewInt(1)
	ratUnnorm := big.NewRat(1, 3)
	ratUnnorm.Num().SetInt64(2) // 2/3 as set
	ratUnnorm.Denom().SetInt64(6)
	f1 := new(big.Float).SetPrec(200).SetInt64(3)
	f2 := new(big.Float).SetPrec(200).SetInt64(6)
	f2.Quo(f2, big.NewFloat(2).SetPrec(200)) // 3, computed: its mantissa may carry zero words
	now := time.Now()
	read := bytes.NewBufferString("xab")
	_, _ = read.ReadByte()
	type guarded struct {
		mu sync.Mutex
		N  int
	}
	locked := &guarded{N: 1}
	locked.mu.Lock()
	defer locked.mu.Unlock()
	ny1, err1 := time.LoadLocation("America/New_York")
	ny2, err2 := time.LoadLocation("America/New_York")
	zoneA, zoneB := time.FixedZone("CET", 3600), time.FixedZone("CET", 3600)
	inst := time.Date(2024, 3, 1, 12, 0, 0, 5, time.UTC)
	cases := []struct {
		name string
		a, b any
	}{
		{"zero *big.Int", new(big.Int), new(big.Int).Sub(one, one)},
		{"zero big.Int in a struct", struct{ N big.Int }{}, struct{ N big.Int }{*new(big.Int).Sub(one, one)}},
		{"big.Int 1", big.NewInt(1), new(big.Int).Add(new(big.Int).Sub(one, one), one)},
		{"zero *big.Rat", new(big.Rat), new(big.Rat).Sub(big.NewRat(1, 2), big.NewRat(1, 2))},
		{"unnormalised *big.Rat", big.NewRat(1, 3), ratUnnorm},
		{"*big.Float", f1, f2},
		{"monotonic reading", now, now.Round(0)},
		{"zone pointers", inst.In(zoneA), inst.In(zoneB)},
		{"zero time, nil or UTC location", time.Time{}, time.Time{}.UTC()},
		{"[]any of zero big.Ints", []any{new(big.Int)}, []any{new(big.Int).Sub(one, one)}},
		{"bytes.Buffer partly read", read, bytes.NewBufferString("ab")},
		{"a held lock", locked, &guarded{N: 1}},
	}
	if err1 == nil && err2 == nil {
		cases = append(cases, struct {
			name string
			a, b any
		}{"two loads of one location", ny1, ny2})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if hashOf(t, tc.a) != hashOf(t, tc.b) {
				t.Fatalf("%v and %v hash differently", tc.a, tc.b)
			}
		})
	}
	// Through Call: a zero made by arithmetic hits the entry of a zero made by new.
	env := newEnv(t, nil)
	runs := 0
	f := Data1(func(_ NoSession, n *big.Int) (int, error) { runs++; return runs, nil }, env.opt())
	_ = must[int](t)(f.Call(NoSession{}, new(big.Int)))
	_ = must[int](t)(f.Call(NoSession{}, new(big.Int).Sub(one, one)))
	if runs != 1 {
		t.Fatalf("runs = %d, want 1: equal zeros missed", runs)
	}
}

// TestHashDifferentValuesDiffer_B28: values that differ hash differently: big numbers of another
// sign, precision or rounding mode; times in differently named zones at one instant and offset.
func TestHashDifferentValuesDiffer_B28(t *testing.T) {
	inst := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	est, xst := time.FixedZone("EST", -5*3600), time.FixedZone("XST", -5*3600)
	ny, err := time.LoadLocation("America/New_York")
	distinct := []any{
		big.NewInt(5), big.NewInt(-5), big.NewInt(0), big.NewRat(1, 2), big.NewRat(-1, 2), big.NewRat(2, 1),
		new(big.Float).SetPrec(53).SetInt64(5), new(big.Float).SetPrec(64).SetInt64(5),
		new(big.Float).SetPrec(53).SetMode(big.ToZero).SetInt64(5), new(big.Float).SetInf(false),
		new(big.Float).SetInf(true), new(big.Float).Neg(new(big.Float)),
		inst.In(est), inst.In(xst), inst, inst.Add(1),
	}
	if err == nil { // a named location with the same abbreviation and offset as a fixed zone
		distinct = append(distinct, time.Date(2024, 3, 1, 7, 0, 0, 0, ny))
	}
	seen := map[[16]byte]int{}
	for i, v := range distinct {
		h := hashOf(t, v)
		if j, ok := seen[h]; ok {
			t.Errorf("%v and %v hash alike", distinct[j], v)
		}
		seen[h] = i
	}
	// Through Call.
	env := newEnv(t, nil)
	runs := 0
	f := Data1(func(_ NoSession, tm time.Time) (string, error) {
		runs++
		_, off := tm.Zone()
		return tm.Location().String() + itoa(off), nil
	}, env.opt())
	_ = must[string](t)(f.Call(NoSession{}, inst.In(est)))
	_ = must[string](t)(f.Call(NoSession{}, inst.In(xst)))
	if runs != 2 {
		t.Fatalf("runs = %d, want 2: two zone names shared an entry", runs)
	}
}

func localTypeA() any {
	type ID int
	return ID(1)
}

func localTypeB() any {
	type ID int
	return ID(1)
}

func localStructA() any {
	type Point struct{ X, Y int }
	return []Point{{1, 2}}
}

func localStructB() any {
	type Point struct{ X, Y int }
	return []Point{{1, 2}}
}

// TestHashLocalTypesDiffer_B28: two types declared with one name and one structure in two
// functions are different types; held in an interface, their values hash differently, and the
// same type hashes alike every time.
func TestHashLocalTypesDiffer_B28(t *testing.T) {
	a, b := localTypeA(), localTypeB()
	if reflect.TypeOf(a) == reflect.TypeOf(b) || reflect.TypeOf(a).String() != reflect.TypeOf(b).String() {
		t.Fatalf("test premise: %v and %v should be distinct types with one name", reflect.TypeOf(a), reflect.TypeOf(b))
	}
	if hashOf(t, a) == hashOf(t, b) {
		t.Fatal("two local types named ID hash alike")
	}
	if hashOf(t, localStructA()) == hashOf(t, localStructB()) {
		t.Fatal("slices of two local struct types named Point hash alike")
	}
	if sa := localStructA(); hashOf(t, localTypeA()) != hashOf(t, a) || hashOf(t, sa) != hashOf(t, localStructA()) {
		t.Fatal("one type hashes differently")
	}
	env := newEnv(t, nil)
	runs := 0
	f := Data1(func(_ NoSession, v any) (string, error) { runs++; return reflect.TypeOf(v).String(), nil }, env.opt())
	_ = must[string](t)(f.Call(NoSession{}, a))
	_ = must[string](t)(f.Call(NoSession{}, b))
	if runs != 2 {
		t.Fatalf("runs = %d, want 2", runs)
	}
}

// TestHashMapTiesOrderFree_B28: a map whose keys tie under the key hash (distinct pointers to
// equal values, NaN keys) hashes the same in every iteration order.
func TestHashMapTiesOrderFree_B28(t *testing.T) {
	s1, s2, s3 := "k", "k", "k"
	byPtr := map[*string]int{&s1: 1, &s2: 2, &s3: 3}
	nan := map[float64]string{}
	for i := range 4 {
		nan[math.NaN()] = itoa(i)
	}
	type key struct{ P *string }
	byStruct := map[key]int{{&s1}: 1, {&s2}: 2}
	for _, m := range []any{byPtr, nan, byStruct} {
		h := hashOf(t, m)
		for range 64 { // map iteration order is random: 64 orders of 2 or more tied entries
			if hashOf(t, m) != h {
				t.Fatalf("%T: the hash depends on iteration order", m)
			}
		}
	}
	if hashOf(t, map[*string]int{&s1: 1, &s2: 2}) == hashOf(t, map[*string]int{&s1: 1, &s2: 3}) {
		t.Fatal("tied keys with different values hash alike")
	}
}

// TestUserHashErrorMessage_B28: a HashFunc that panics is a UserHashError naming the cached
// function, the parameter, its type and the type whose hash function failed, with how to fix it;
// the panic does not escape Call.
func TestUserHashErrorMessage_B28(t *testing.T) {
	env := newEnv(t, nil)
	type Item struct{ Name string }
	bad := HashFunc(func(it Item) []byte { return []byte(it.Name[:1]) }) // panics on ""
	f := Data1(func(_ NoSession, items []Item) (int, error) { return len(items), nil }, bad, env.opt())
	withParams(f.fn, "countItems", "_", "items")
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("the hash func's panic escaped Call: %v", r)
			}
		}()
		_, err = f.Call(NoSession{}, []Item{{"a"}, {""}})
	}()
	var ue *UserHashError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v (%T), want *UserHashError", err, err)
	}
	if ue.Func != "countItems" || ue.Param != "items" || ue.Index != 1 || ue.Path != "[1]" {
		t.Fatalf("fields: %+v", ue)
	}
	want := "The hash function for type github.com/wasmlit/wasmlit/cache.Item panicked while hashing " +
		"parameter 'items' (type []cache.Item) of 'countItems', at [1]: " +
		"runtime error: slice bounds out of range [:1] with length 0.\n\n" +
		"The function was given with cache.HashFunc or cache.HashFuncByName. To fix it, make it return " +
		"bytes for every value of github.com/wasmlit/wasmlit/cache.Item without panicking, or exclude " +
		"the argument from the cache key by renaming the parameter to '_items' or with cache.Exclude(1)."
	if got := err.Error(); got != want {
		t.Fatalf("message:\n got: %q\nwant: %q", got, want)
	}
	var re interface{ RuntimeError() }
	if !errors.As(err, &re) {
		t.Fatal("Unwrap does not reach the runtime error")
	}
	// A hash func that works hashes; the next call with good items runs.
	if n := must[int](t)(f.Call(NoSession{}, []Item{{"a"}, {"b"}})); n != 2 {
		t.Fatal(n)
	}
}

type deepNode struct {
	V    int
	Next *deepNode
}

func deepList(n int) *deepNode {
	var l *deepNode
	for i := range n {
		l = &deepNode{V: i, Next: l}
	}
	return l
}

// TestHashDeepValues_B28: a linked list of 5,000 (and maxHashDepth) nodes hashes, and its hash still
// depends on every node; a value nested past the limit is refused with a one-line error whose
// path is cut short.
func TestHashDeepValues_B28(t *testing.T) {
	for _, n := range []int{5000, maxHashDepth - 1} { // hashOf adds one level: the interface
		a, b := deepList(n), deepList(n)
		if hashOf(t, a) != hashOf(t, b) {
			t.Fatalf("%d nodes: equal lists hash differently", n)
		}
		b.Next.Next.V = -1
		if hashOf(t, a) == hashOf(t, b) {
			t.Fatalf("%d nodes: a change deep inside is not hashed", n)
		}
		p := b
		for p.Next != nil {
			p = p.Next
		}
		p.V = -1
		if hashOf(t, deepList(n)) == hashOf(t, b) {
			t.Fatalf("%d nodes: a change at the end is not hashed", n)
		}
	}
	env := newEnv(t, nil)
	f := Data1(func(_ NoSession, l *deepNode) (int, error) { return l.V, nil }, env.opt())
	withParams(f.fn, "walk", "_", "list")
	if v := must[int](t)(f.Call(NoSession{}, deepList(5000))); v != 4999 {
		t.Fatal(v)
	}
	_, err := f.Call(NoSession{}, deepList(maxHashDepth+10))
	var ue *UnhashableParamError
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v, want *UnhashableParamError", err)
	}
	cause := strings.SplitN(err.Error(), "\n\n", 3)[1]
	if len(cause) > 300 || strings.Contains(cause, "\n") || !strings.Contains(cause, "nested deeper than") {
		t.Fatalf("cause is not one short line (%d bytes): %.400s", len(cause), cause)
	}
	if len(ue.Path) > 200 {
		t.Fatalf("path is %d bytes: %.300s", len(ue.Path), ue.Path)
	}
}

// TestHashStableAcrossBuilds_B28 pins the key of one argument of every kind: keys are the same in
// every build of unchanged source, native and wasm (IndexedDB records and prewarmed records
// outlive a build). It changes when the hashing changes on purpose (then keys change: every
// entry misses once) or when a Go release hashes type link names differently (typeIdentity).
// No function-scoped types: their identity counts the function-scoped type declarations before
// them in the package, so an edit elsewhere in the package would change it.
func TestHashStableAcrossBuilds_B28(t *testing.T) {
	s1, s2 := "k", "k"
	v := []any{
		Model{Weights: []float64{2}, name: "m"}, big.NewInt(-7), big.NewRat(3, 4),
		new(big.Float).SetPrec(80).SetFloat64(1.25),
		time.Date(2024, 1, 2, 3, 4, 5, 6, time.FixedZone("X", 3600)),
		map[*string]int{&s1: 1, &s2: 2}, map[float64]int{math.NaN(): 1, math.Inf(-1): 2},
		[]float64{1, math.Copysign(0, -1)}, [2]string{"a", "b"}, &deepNode{V: 1, Next: &deepNode{}},
		struct {
			a int8
			B []byte
			C complex64
		}{-1, nil, 1i},
	}
	const want = "428ffb5b2387d2e5a603c695105dce7d"
	if got := fmt.Sprintf("%x", hashOf(t, v)); got != want {
		t.Fatalf("key of the pinned argument = %s, want %s", got, want)
	}
}

// TestHashArrayAlikeEverywhere_B28: an array of numbers hashes alike whether it is addressable
// (a field, an argument) or not (a map value, in an interface).
func TestHashArrayAlikeEverywhere_B28(t *testing.T) {
	a := [3]int{1, 2, 3}
	w := newHashWalker(&hashConfig{})
	if err := w.value(reflect.ValueOf(&a).Elem()); err != nil {
		t.Fatal(err)
	}
	addr := w.h.Sum128().Bytes()
	w = newHashWalker(&hashConfig{})
	if err := w.value(reflect.ValueOf(a)); err != nil {
		t.Fatal(err)
	}
	if w.h.Sum128().Bytes() != addr {
		t.Fatal("an array hashes differently when it is not addressable")
	}
}

type panickyMarshaler struct{ N int }

func (p panickyMarshaler) MarshalBinary() ([]byte, error) { panic("not today") }

// TestHashMarshalerPanic_B11: a type whose MarshalBinary panics is an UnhashableParamError that
// names it; the panic does not escape Call.
func TestHashMarshalerPanic_B11(t *testing.T) {
	env := newEnv(t, nil)
	f := Data1(func(_ NoSession, p panickyMarshaler) (int, error) { return p.N, nil }, env.opt())
	withParams(f.fn, "use", "_", "p")
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("the marshaler's panic escaped Call: %v", r)
			}
		}()
		_, err = f.Call(NoSession{}, panickyMarshaler{1})
	}()
	var ue *UnhashableParamError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "Cause: github.com/wasmlit/wasmlit/cache.panickyMarshaler's marshaler panicked: not today.") {
		t.Fatalf("err = %v", err)
	}
}

// TestHashStreamDigests: a digest is xxh3-128 of the bytes written to it, however they were
// buffered: small writes, a large one, nested digests in between.
func TestHashStreamDigests(t *testing.T) {
	long := bytes.Repeat([]byte("0123456789abcdef"), 1000) // 16 KB, past streamBlock
	for _, sizes := range [][]int{{0}, {1}, {9, 9, 9}, {streamBlock}, {streamBlock + 1}, {100, len(long)}, {3000, 3000, 3000}} {
		var s hashStream
		var all []byte
		for _, n := range sizes {
			p := long[:min(n, len(long))]
			s.push() // a nested digest, closed before the next write
			_, _ = s.Write(long[:100])
			_ = s.pop()
			_, _ = s.Write(p)
			all = append(all, p...)
		}
		if got, want := s.Sum128(), xxh3.Hash128(all); got != want {
			t.Errorf("writes of %v: %x, want %x", sizes, got.Bytes(), want.Bytes())
		}
	}
}
