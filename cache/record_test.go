package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/cache/funcid"
)

type fastInner struct {
	X Float32s
	Y float64
}

type fastNode struct {
	V    Int64s
	Next *fastNode
}

type fastTagged struct {
	A Float64s `cbor:"a"`
}

type fastAll struct {
	A, B Float64s
	C    Int32s
	D    Ints
	E    Uint16s
	Nil  Float64s
	N    int
	F    float64
	NaN  float64
	S    string
	T    time.Time
	M    map[string]int
	P    *fastInner
	Q    *fastInner
	I    any
	J    any
	In   fastInner
	L    []string
	R    *fastNode
	G    fastTagged
	Raw  []float64
	Arr  [2]Int16s
}

// The fast path for structs of typed arrays writes exactly what fxamacker/cbor writes (B19).
func TestEncodeFastMatchesCBOR_B19(t *testing.T) {
	all := fastAll{
		A: Float64s{1, 2.5}, B: Float64s{}, C: Int32s{-1, 7}, D: Ints{1 << 40}, E: Uint16s{9},
		N: -3, F: 1.25, NaN: math.NaN(), S: "héllo", T: time.Date(2025, 1, 2, 3, 4, 5, 6, time.FixedZone("x", 3600)),
		M: map[string]int{"k": 1}, P: &fastInner{X: Float32s{0.5}, Y: 2}, I: []any{"x", 1.5, map[string]any{"k": true}}, J: nil,
		In: fastInner{X: Float32s{1}}, L: []string{"a", ""}, R: &fastNode{V: Int64s{5}, Next: &fastNode{}},
		G: fastTagged{A: Float64s{4}}, Raw: []float64{1, 2}, Arr: [2]Int16s{{1}, nil},
	}
	for name, v := range map[string]any{
		"struct":         all,
		"pointer":        &all,
		"nil pointer":    (*fastAll)(nil),
		"empty":          struct{}{},
		"inner":          fastInner{},
		"recursive":      fastNode{V: Int64s{1}, Next: &fastNode{V: Int64s{2}}},
		"tagged":         fastTagged{A: Float64s{1}},
		"top typed":      Float64s{1, 2},
		"top typed nil":  Int32s(nil),
		"slice of table": []fastInner{{X: Float32s{1}}},
	} {
		t.Run(name, func(t *testing.T) {
			want, err := valueEncMode.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := encodeAny(&buf, v); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Fatalf("fast path wrote\n%x\nfxamacker/cbor writes\n%x", buf.Bytes(), want)
			}
		})
	}
	if planOf(reflect.TypeFor[fastAll]()) == nil {
		t.Fatal("fastAll is not on the fast path")
	}
	if planOf(reflect.TypeFor[fastTagged]()) != nil || planOf(reflect.TypeFor[time.Time]()) != nil {
		t.Fatal("a tagged struct or a type with methods is on the fast path")
	}
}

// encodeAny calls encodeValueTo with v's dynamic type as R.
func encodeAny(buf *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case fastAll:
		return encodeValueTo(buf, x)
	case *fastAll:
		return encodeValueTo(buf, x)
	case struct{}:
		return encodeValueTo(buf, x)
	case fastInner:
		return encodeValueTo(buf, x)
	case fastNode:
		return encodeValueTo(buf, x)
	case fastTagged:
		return encodeValueTo(buf, x)
	case Float64s:
		return encodeValueTo(buf, x)
	case Int32s:
		return encodeValueTo(buf, x)
	case []fastInner:
		return encodeValueTo(buf, x)
	}
	panic("add the type to encodeAny")
}

// The fast path copies each column once, straight into the buffer: nothing allocated grows
// with the table (B19).
func TestEncodeFastAllocations_B19(t *testing.T) {
	v := struct{ A, B Float64s }{make(Float64s, 1<<16), make(Float64s, 1<<16)} // 2 × 512 KiB
	buf := bytes.NewBuffer(make([]byte, 0, 4<<20))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 10 {
		buf.Reset()
		if err := encodeValueTo(buf, v); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<10 {
		t.Fatalf("10 encodes allocated %d bytes, want under 64 KiB (no copy of a column)", n)
	}
}

// A record read in parts is verified as its parts arrive, at any part boundary (C6).
func TestSumStream_C6(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rec := (&record{Name: "main.f", Value: bytes.Repeat([]byte{7}, 1000)}).encode()
	for range 50 {
		s := newSumStream(len(rec))
		for off := 0; off < len(rec); {
			n := min(1+r.IntN(300), len(rec)-off)
			s.add(off, rec[off:off+n])
			off += n
		}
		if !s.ok(rec) {
			t.Fatal("a sound record does not verify")
		}
	}
	bad := append([]byte(nil), rec...)
	bad[100] ^= 1
	s := newSumStream(len(bad))
	s.add(0, bad)
	if s.ok(bad) || recordSumOK(bad) {
		t.Fatal("a damaged record verifies")
	}
}

// A miss's record reaches the memory tier unsealed and the persistent store sealed: the
// checksum is computed by the background writer, off the caller's path (C6, B19).
func TestRecordSealedByWriter_C6(t *testing.T) {
	ps := &memoryStore{}
	env := newEnv(t, ps)
	f := Data0(func(NoSession) (Float64s, error) { return Float64s{1, 2, 3}, nil }, env.opt())
	_ = must[Float64s](t)(f.Call(NoSession{}))
	env.e.Flush()
	ctx := context.Background()
	for k := range ps.l.items {
		b, _, _ := ps.Get(ctx, k)
		if !recordSumOK(b) {
			t.Fatalf("the persisted record %q does not verify", k)
		}
	}
	if len(ps.l.items) != 1 {
		t.Fatalf("%d persisted records, want 1", len(ps.l.items))
	}
	// Without a persistent store nothing seals: the record's checksum stays zero.
	env2 := newEnv(t, nil)
	g := Data0(func(NoSession) (Float64s, error) { return Float64s{1}, nil }, env2.opt())
	_ = must[Float64s](t)(g.Call(NoSession{}))
	for k := range env2.e.mem.l.items {
		b, _, _ := env2.e.mem.Get(ctx, k)
		if !bytes.Equal(b[len(b)-recordSumSize:], make([]byte, recordSumSize)) {
			t.Fatal("a memory-only record was sealed on the caller's path")
		}
	}
}

type isoA struct{ X int }

// sameIdentity gives fns one identity (name and hash), so their keys for the same arguments are
// equal: what two builds, or two functions, sharing a key look like.
func sameIdentity(fns ...any) {
	identMu.Lock()
	defer identMu.Unlock()
	for _, fn := range fns {
		identOverrides[reflect.ValueOf(fn).Pointer()] = func(id funcid.Identity) funcid.Identity {
			id.Name, id.Display = "main.shared", "shared"
			id.Hash = [16]byte{1, 2, 3}
			return id
		}
	}
}

// A record decodes only into the type its function declares: two functions that share a key
// but not a result type miss instead of reading each other's values, with no warning (C6).
func TestRecordTypeIsolation_C6(t *testing.T) {
	for _, persist := range []bool{false, true} {
		var ps driver.Store
		if persist {
			ps = &memoryStore{}
		}
		env := newEnv(t, ps)
		runsA, runsB := 0, 0
		fa := func(NoSession) (isoA, error) { runsA++; return isoA{X: 42}, nil }
		fb := func(NoSession) (map[string]int, error) { runsB++; return map[string]int{"Y": 1}, nil }
		sameIdentity(fa, fb)
		a := Data0(fa, env.opt())
		b := Data0(fb, env.opt())
		// Two wrappers never share a key prefix by design (B26); force one to simulate a key
		// written by another build.
		a.core.resolve()
		b.core.resolve()
		b.core.id.Name, b.core.prefix, b.core.keyPfx = a.core.id.Name, a.core.prefix, a.core.keyPfx
		if ka, kb := must[string](t)(a.core.key()), must[string](t)(b.core.key()); ka != kb {
			t.Fatalf("keys differ (%q, %q): the test needs them equal", ka, kb)
		}
		_ = must[isoA](t)(a.Call(NoSession{}))
		env.e.Flush()
		if persist {
			_ = env.e.mem.Clear(context.Background(), "") // a reload: the record comes from the store
		}
		m := must[map[string]int](t)(b.Call(NoSession{}))
		if runsB != 1 || !reflect.DeepEqual(m, map[string]int{"Y": 1}) {
			t.Fatalf("persist=%v: b got %v after %d runs: it read a's record", persist, m, runsB)
		}
		env.e.Flush()
		if v := must[isoA](t)(a.Call(NoSession{})); runsA != 2 || v.X != 42 {
			t.Fatalf("persist=%v: a got %v after %d runs, want a recomputation", persist, v, runsA)
		}
		if w := env.warns.all(); len(w) != 0 {
			t.Fatalf("persist=%v: warnings %q, want none for a type change", persist, w)
		}
	}
}

// The fingerprint covers names, tags and element types, and is the same every time.
func TestTypeFingerprint(t *testing.T) {
	type a struct{ X int }
	type b struct{ Y int }
	type c struct {
		X int `cbor:"x"`
	}
	type d struct{ X int64 }
	fps := map[[16]byte]string{}
	for name, ty := range map[string]reflect.Type{
		"a": reflect.TypeFor[a](), "b": reflect.TypeFor[b](), "c": reflect.TypeFor[c](), "d": reflect.TypeFor[d](),
		"[]a": reflect.TypeFor[[]a](), "map": reflect.TypeFor[map[string]a](), "node": reflect.TypeFor[fastNode](),
		"[]float64": reflect.TypeFor[[]float64](), "Float64s": reflect.TypeFor[Float64s](),
	} {
		fp := typeFingerprint(ty)
		if other, dup := fps[fp]; dup {
			t.Fatalf("%s and %s have one fingerprint", name, other)
		}
		fps[fp] = name
		w := &typeFPWriter{seen: map[reflect.Type]int{}}
		w.typ(ty)
		if again := typeFingerprint(ty); again != fp {
			t.Fatalf("%s: fingerprint not stable", name)
		}
	}
}

// A record older than this format is a miss and a warning, never a crash (C6).
func TestRecordOldVersion_C6(t *testing.T) {
	rec := (&record{Name: "main.f", Value: []byte{1}}).encode()
	rec[4] = recordVersion - 1
	if _, err := decodeRecord(rec, true); !errors.Is(err, ErrCorruptRecord) || !strings.Contains(err.Error(), "format version") {
		t.Fatalf("err = %v", err)
	}
}

// A value that would not fit in memory is an error that says what to do, before anything is
// allocated: on a miss (the record's buffer) and on a hit (the decoded copy) (B19).
func TestValueTooLarge_B19(t *testing.T) {
	defer func(l int64) { heapLimit = l }(heapLimit)
	env := newEnv(t, nil)
	big := make(Float64s, 4<<20) // 32 MiB
	f := Data0(func(NoSession) (Float64s, error) { return big, nil }, env.opt())
	// 16 MiB free under the limit, counted after a collection: fitsMemory collects before it
	// gives up, and the garbage of earlier tests must not make room.
	leave16MiB := func() int64 {
		runtime.GC()
		return heapInUse() + heapMargin + 16<<20
	}
	heapLimit = leave16MiB()
	_, err := f.Call(NoSession{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "does not fit in wasm memory") {
		t.Fatalf("miss: err = %v", err)
	}
	heapLimit = 0
	_ = must[Float64s](t)(f.Call(NoSession{}))
	heapLimit = leave16MiB()
	_, err = f.Call(NoSession{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "cache a smaller value") {
		t.Fatalf("hit: err = %v", err)
	}
}

// tooLargeStore is a persistent store whose reads find records too large for memory.
type tooLargeStore struct{ memoryStore }

func (s *tooLargeStore) Get(context.Context, string) ([]byte, bool, error) {
	return nil, false, fmt.Errorf("idb: %w", ErrTooLarge)
}

// A stored record too large to read is a miss and a warning; the store stays in use (C6).
func TestPersistentTooLargeIsMiss_C6(t *testing.T) {
	ps := &tooLargeStore{}
	env := newEnv(t, ps)
	runs := 0
	f := Data0(func(NoSession) (int, error) { runs++; return 7, nil }, env.opt())
	if v := must[int](t)(f.Call(NoSession{})); v != 7 || runs != 1 {
		t.Fatalf("v=%d runs=%d", v, runs)
	}
	env.e.Flush()
	if len(ps.l.items) != 1 {
		t.Fatal("the store was dropped: the record was not written")
	}
	w := env.warns.all()
	if len(w) == 0 {
		t.Fatal("no warning")
	}
	for _, m := range w { // the lookup and the re-check inside the flight each read once
		if !strings.Contains(m, "too large to read") || strings.Contains(m, "persistent store failed") {
			t.Fatalf("warnings = %q", w)
		}
	}
}
