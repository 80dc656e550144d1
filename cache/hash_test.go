package cache

import (
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

type MyCustomClass struct {
	MyScore  int
	OnChange func()
}

type fakeDB struct{ dsn string }

func TestExcludeUnderscore_B9(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	// The seed's fetch_data(_db_connection, num_rows).
	f := Data2(func(_ NoSession, _dbConnection *fakeDB, numRows int) (int, error) { runs++; return numRows, nil }, env.opt())
	withParams(f.fn, "fetchData", "_", "_dbConnection", "numRows")
	_ = must[int](t)(f.Call(NoSession{}, &fakeDB{"a"}, 10))
	_ = must[int](t)(f.Call(NoSession{}, &fakeDB{"b"}, 10)) // other connection, same key
	_ = must[int](t)(f.Call(NoSession{}, &fakeDB{"b"}, 20))
	if runs != 2 {
		t.Fatalf("runs = %d, want 2", runs)
	}
	// An unhashable argument is fine once excluded, by name or by Exclude.
	g := Data2(func(_ NoSession, cb func(), n int) (int, error) { return n, nil }, Exclude(1), env.opt())
	if v := must[int](t)(g.Call(NoSession{}, func() {}, 3)); v != 3 {
		t.Fatal(v)
	}
}

func TestHashFuncs_B10(t *testing.T) {
	env := newEnv(t, nil)
	// Override a type that hashes fine: by type, times compare by the hour.
	runs := 0
	byHour := HashFunc(func(tm time.Time) []byte { return []byte(tm.UTC().Format("2006-01-02T15")) })
	f := Data1(func(_ NoSession, tm time.Time) (int, error) { runs++; return runs, nil }, byHour, env.opt())
	tz := time.FixedZone("JST", 9*3600)
	_ = must[int](t)(f.Call(NoSession{}, time.Date(2024, 1, 1, 10, 5, 0, 0, time.UTC)))
	_ = must[int](t)(f.Call(NoSession{}, time.Date(2024, 1, 1, 19, 59, 0, 7, tz))) // same UTC hour
	if runs != 1 {
		t.Fatalf("runs = %d, want 1 (hash func by type ignored)", runs)
	}
	// Without it, the zone and the nanoseconds count.
	g := Data1(func(_ NoSession, tm time.Time) (int, error) { runs++; return runs, nil }, env.opt())
	a := time.Date(2024, 1, 1, 10, 5, 0, 0, time.UTC)
	_ = must[int](t)(g.Call(NoSession{}, a))
	_ = must[int](t)(g.Call(NoSession{}, a.In(tz)))
	_ = must[int](t)(g.Call(NoSession{}, a.Add(1)))
	if runs != 4 {
		t.Fatalf("runs = %d, want 4", runs)
	}
	// By name, for the seed's array example: hash only the length of []float64.
	runs = 0
	byLen := HashFuncByName("[]float64", func(v any) []byte {
		return binary.LittleEndian.AppendUint64(nil, uint64(len(v.([]float64))))
	})
	h := Data1(func(_ NoSession, xs []float64) (int, error) { runs++; return runs, nil }, byLen, env.opt())
	_ = must[int](t)(h.Call(NoSession{}, []float64{1, 2}))
	_ = must[int](t)(h.Call(NoSession{}, []float64{3, 4}))
	if runs != 1 {
		t.Fatalf("runs = %d, want 1 (hash func by name ignored)", runs)
	}
	// By fully-qualified name, making an unhashable custom type hashable,
	// also nested inside a slice.
	byScore := HashFuncByName("github.com/wasmlit/wasmlit/cache.MyCustomClass", func(v any) []byte {
		return binary.LittleEndian.AppendUint64(nil, uint64(v.(MyCustomClass).MyScore))
	})
	runs = 0
	m := Data1(func(_ NoSession, objs []MyCustomClass) (int, error) { runs++; return runs, nil }, byScore, env.opt())
	_ = must[int](t)(m.Call(NoSession{}, []MyCustomClass{{MyScore: 15, OnChange: func() {}}}))
	_ = must[int](t)(m.Call(NoSession{}, []MyCustomClass{{MyScore: 15}}))
	_ = must[int](t)(m.Call(NoSession{}, []MyCustomClass{{MyScore: 16}}))
	if runs != 2 {
		t.Fatalf("runs = %d, want 2", runs)
	}
}

func TestUnhashableMessages_B11(t *testing.T) {
	env := newEnv(t, nil)
	cycle := &node{Name: "a"}
	cycle.Next = cycle
	cases := []struct {
		name string
		call func() error
		want string
	}{{
		name: "custom",
		call: func() error {
			f := Data2(func(_ NoSession, obj MyCustomClass, multiplier int) (int, error) { return 0, nil }, env.opt())
			withParams(f.fn, "multiplyScore", "_", "obj", "multiplier")
			_, err := f.Call(NoSession{}, MyCustomClass{MyScore: 15}, 2)
			return err
		},
		want: "Cannot hash argument 'obj' (of type github.com/wasmlit/wasmlit/cache.MyCustomClass) in 'multiplyScore'.\n\n" +
			"Cause: .OnChange: a func has no hashable value.\n\n" +
			"To fix it, either exclude the argument from the cache key by renaming the parameter to '_obj' " +
			"or with cache.Exclude(1), or tell the cache how to hash the type with " +
			"cache.HashFunc(func(v github.com/wasmlit/wasmlit/cache.MyCustomClass) []byte { ... }) or " +
			`cache.HashFuncByName("github.com/wasmlit/wasmlit/cache.MyCustomClass", ...).`,
	}, {
		name: "func",
		call: func() error {
			f := Data1(func(_ NoSession, callback func() int) (int, error) { return 0, nil }, env.opt())
			withParams(f.fn, "apply", "_", "callback")
			_, err := f.Call(NoSession{}, func() int { return 1 })
			return err
		},
		want: "Cannot hash argument 'callback' (of type func() int) in 'apply'.\n\n" +
			"Cause: a func has no hashable value.\n\n" +
			"To fix it, either exclude the argument from the cache key by renaming the parameter to '_callback' " +
			"or with cache.Exclude(1), or tell the cache how to hash the type with " +
			`cache.HashFunc(func(v func() int) []byte { ... }) or cache.HashFuncByName("func() int", ...).`,
	}, {
		name: "chan, names unknown",
		call: func() error {
			f := Data2(func(_ NoSession, n int, ch chan int) (int, error) { return 0, nil }, env.opt())
			withParams(f.fn, "consume")
			_, err := f.Call(NoSession{}, 1, make(chan int))
			return err
		},
		want: "Cannot hash argument 'arg2' (of type chan int) in 'consume'.\n\n" +
			"Cause: a chan has no hashable value.\n\n" +
			"To fix it, either exclude the argument from the cache key with cache.Exclude(2), " +
			"or tell the cache how to hash the type with " +
			`cache.HashFunc(func(v chan int) []byte { ... }) or cache.HashFuncByName("chan int", ...).`,
	}, {
		name: "cycle",
		call: func() error {
			f := Data1(func(_ NoSession, list *node) (int, error) { return 0, nil }, env.opt())
			withParams(f.fn, "walk", "_", "list")
			_, err := f.Call(NoSession{}, cycle)
			return err
		},
		want: "Cannot hash argument 'list' (of type *github.com/wasmlit/wasmlit/cache.node) in 'walk'.\n\n" +
			"Cause: *.Next: value contains a reference cycle.\n\n" +
			"To fix it, either exclude the argument from the cache key by renaming the parameter to '_list' " +
			"or with cache.Exclude(1), or tell the cache how to hash the type with " +
			`cache.HashFunc(func(v *github.com/wasmlit/wasmlit/cache.node) []byte { ... }) or cache.HashFuncByName("*github.com/wasmlit/wasmlit/cache.node", ...).`,
	}, {
		name: "unsafe.Pointer",
		call: func() error {
			f := Data1(func(_ NoSession, p unsafe.Pointer) (int, error) { return 0, nil }, env.opt())
			withParams(f.fn, "peek", "_", "p")
			_, err := f.Call(NoSession{}, nil)
			return err
		},
		want: "Cannot hash argument 'p' (of type unsafe.Pointer) in 'peek'.\n\n" +
			"Cause: a unsafe.Pointer has no hashable value.\n\n" +
			"To fix it, either exclude the argument from the cache key by renaming the parameter to '_p' " +
			"or with cache.Exclude(1), or tell the cache how to hash the type with " +
			`cache.HashFunc(func(v unsafe.Pointer) []byte { ... }) or cache.HashFuncByName("unsafe.Pointer", ...).`,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ue *UnhashableParamError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want *UnhashableParamError", err)
			}
			if got := err.Error(); got != tc.want {
				t.Fatalf("message:\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

func TestUnserializableMessage_B18(t *testing.T) {
	err := &UnserializableReturnValueError{Func: "openStream", Type: "main.Stream", Path: ".Done",
		Cause: errors.New("a chan cannot be stored as CBOR")}
	want := "Cannot serialize the return value (of type main.Stream) in 'openStream'.\n\n" +
		"Cause: .Done: a chan cannot be stored as CBOR.\n\n" +
		"cache.Data stores a copy of the value as CBOR. To fix it, return only exported fields of " +
		"encodable types (or implement cbor.Marshaler and cbor.Unmarshaler), or cache the value with " +
		"cache.Resource, which keeps the very instance in memory and never serializes it."
	if got := err.Error(); got != want {
		t.Fatalf("got:  %q\nwant: %q", got, want)
	}
}

type Model struct {
	Weights []float64
	name    string
}

func (m Model) Predict(_ NoSession, x float64) (float64, error) { return m.Weights[0] * x, nil }

func TestMethodReceiverHashed_B12(t *testing.T) {
	env := newEnv(t, nil)
	runs := 0
	f := DataMethod1(func(m Model, h NoSession, x float64) (float64, error) { runs++; return m.Predict(h, x) }, env.opt())
	a, b := Model{Weights: []float64{2}}, Model{Weights: []float64{3}}
	if v := must[float64](t)(f.Call(a, NoSession{}, 1)); v != 2 {
		t.Fatal(v)
	}
	if v := must[float64](t)(f.Call(b, NoSession{}, 1)); v != 3 {
		t.Fatalf("receiver not hashed: %v", v)
	}
	_ = must[float64](t)(f.Call(Model{Weights: []float64{2}}, NoSession{}, 1))
	// Unexported fields are part of the key too.
	_ = must[float64](t)(f.Call(Model{Weights: []float64{2}, name: "x"}, NoSession{}, 1))
	if runs != 3 {
		t.Fatalf("runs = %d, want 3", runs)
	}
	// A method expression works directly; a receiver is named in errors.
	p := DataMethod1(Model.Predict, env.opt())
	if v := must[float64](t)(p.Call(a, NoSession{}, 2)); v != 4 {
		t.Fatal(v)
	}
	type bad struct{ F func() }
	q := DataMethod0(func(r bad, _ NoSession) (int, error) { return 0, nil }, env.opt())
	_, err := q.Call(bad{}, NoSession{})
	if err == nil || !strings.HasPrefix(err.Error(), "Cannot hash argument 'receiver' (of type github.com/wasmlit/wasmlit/cache.bad)") {
		t.Fatalf("err = %v", err)
	}
}

func TestHashDeterminism(t *testing.T) {
	cfg := &hashConfig{}
	hash := func(v any) [16]byte {
		w := newHashWalker(cfg)
		if err := w.value(reflectValue(v)); err != nil {
			t.Fatal(err)
		}
		return w.h.Sum128().Bytes()
	}
	m1 := map[string]int{}
	m2 := map[string]int{}
	for i := range 100 {
		m1[itoa(i)] = i
		m2[itoa(99-i)] = 99 - i
	}
	if hash(m1) != hash(m2) {
		t.Fatal("map hash depends on insertion order")
	}
	distinct := []any{[]int{1, 2}, []int{12}, []string{"ab", ""}, []string{"a", "b"}, []int(nil), []int{},
		math.Copysign(0, -1), 0.0, [2]int{1, 2}, struct{ A, B int }{1, 2}, "x", any(nil)}
	seen := map[[16]byte]int{}
	for i, v := range distinct {
		h := hash(v)
		if j, ok := seen[h]; ok {
			t.Fatalf("%#v and %#v hash alike", distinct[j], v)
		}
		seen[h] = i
	}
	// A shared pointer (a DAG) is not a cycle.
	shared := &node{Name: "s"}
	hash([]*node{shared, shared})
}

// TestHashSharedStructureWalkedOnce: a value reached by many paths (a DAG whose paths double at
// each level) is hashed once per walk, so hashing costs the value's size, not its 2^40 paths
// (before, 22 levels took about 10 s: a frozen tab). Equal structure still hashes equal, and a
// change deep inside still changes the key.
func TestHashSharedStructureWalkedOnce(t *testing.T) {
	type dag struct {
		Leaf       int
		Left, Next *dag
	}
	calls := 0
	cfg := &hashConfig{byType: map[reflect.Type]func(reflect.Value) []byte{
		reflect.TypeFor[int](): func(v reflect.Value) []byte { calls++; return []byte(itoa(int(v.Int()))) },
	}}
	hash := func(v any) [16]byte {
		w := newHashWalker(cfg)
		if err := w.value(reflectValue(v)); err != nil {
			t.Fatal(err)
		}
		return w.h.Sum128().Bytes()
	}
	build := func(levels, leaf int) *dag {
		d := &dag{Leaf: leaf}
		for range levels {
			d = &dag{Left: d, Next: d}
		}
		return d
	}
	h := hash(build(40, 7))
	if calls > 41 {
		t.Fatalf("the leaf type's hash func ran %d times for 41 distinct values", calls)
	}
	if hash(build(40, 7)) != h {
		t.Fatal("equal structures built apart hash differently")
	}
	if hash(build(40, 8)) == h {
		t.Fatal("a different leaf gives the same hash")
	}
	// Sharing does not change the hash: a tree with the same content hashes like the DAG.
	tree := func(levels int) *dag {
		var mk func(int) *dag
		mk = func(l int) *dag {
			if l == 0 {
				return &dag{Leaf: 7}
			}
			return &dag{Left: mk(l - 1), Next: mk(l - 1)}
		}
		return mk(levels)
	}
	if hash(tree(10)) != hash(build(10, 7)) {
		t.Fatal("a tree and the DAG of the same content hash differently")
	}
	// Shared maps and slices too.
	m := map[string][]*dag{"a": {build(3, 1)}}
	ms := []map[string][]*dag{m, m, m}
	if hash(ms) != hash([]map[string][]*dag{m, {"a": {build(3, 1)}}, m}) {
		t.Fatal("shared and unshared maps of equal content hash differently")
	}
}

// TestHashCycleIsErrCycle: a cycle through a pointer, a map or a slice is ErrCycle (errors.Is).
func TestHashCycleIsErrCycle(t *testing.T) {
	type ring struct{ Next *ring }
	r := &ring{}
	r.Next = &ring{Next: r}
	m := map[string]any{}
	m["self"] = m
	s := []any{nil}
	s[0] = s
	for _, v := range []any{r, m, s} {
		w := newHashWalker(&hashConfig{})
		if err := w.value(reflectValue(v)); !errors.Is(err, ErrCycle) {
			t.Errorf("%T: err = %v, want ErrCycle", v, err)
		}
	}
}
