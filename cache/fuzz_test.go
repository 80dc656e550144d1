package cache

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"runtime"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzTable is a fuzz target type shaped like a cached data table.
type fuzzTable struct {
	A Float64s
	B Int32s
	N []string
	M map[string]float64
	P *fuzzTable
}

// fuzzRecord returns a sealed record holding the CBOR of v.
func fuzzRecord(v any) []byte {
	b, err := valueEncMode.Marshal(v)
	if err != nil {
		panic(err)
	}
	return (&record{Name: "main.load", Created: 1, Elements: []byte("el"), Value: b}).encode()
}

// FuzzDecodeRecord feeds any bytes to the record decoder and to the value decode that follows a
// hit, into a few result types: each gives a value or an error, without a panic, a hang or an
// allocation out of proportion to the input (C6, issue 6). The seed corpus
// (testdata/fuzz/FuzzDecodeRecord) holds valid, truncated, old-version and huge-length records.
func FuzzDecodeRecord(f *testing.F) {
	good := (&record{Name: "main.loadData", Created: 1, Elements: []byte("el"), Value: []byte{0x01}}).encode()
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte(recordMagic))
	f.Add(fuzzRecord(fuzzTable{A: Float64s{1, 2}, B: Int32s{3}, N: []string{"a"}, M: map[string]float64{"x": 1}}))
	f.Add(fuzzRecord([]string{"a", "bc"}))
	f.Add(fuzzRecord(map[string]any{"k": []any{1, "v", 2.5}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for _, verify := range []bool{true, false} {
			r, err := decodeRecord(b, verify)
			if err != nil {
				continue
			}
			// What decodes re-encodes to the same bytes (when verified).
			if verify && !bytes.Equal(r.encode(), b) {
				t.Fatalf("round trip differs")
			}
			if verify {
				continue // the value decodes below, once
			}
			_, _ = decodeValue[fuzzTable](r.Value)
			_, _ = decodeValue[[]string](r.Value)
			_, _ = decodeValue[map[string]any](r.Value)
			_, _ = decodeValue[[]float64](r.Value)
			_, _ = decodeValue[Int32s](r.Value)
		}
		runtime.ReadMemStats(&after)
		// Every element takes at least one byte of input; the biggest element any target
		// decodes to is an interface in a map (its entry, key and value).
		if n, limit := after.TotalAlloc-before.TotalAlloc, uint64(512*len(b)+1<<20); n > limit {
			t.Fatalf("decoding %d bytes allocated %d bytes (limit %d)", len(b), n, limit)
		}
	})
}

type fuzzArg struct {
	S    string
	B    []byte
	N    int64
	F    []float64
	M    map[string]int
	P    *fuzzArg
	I    any
	xs   [3]uint16
	Tied map[*string]byte   // keys: distinct pointers to equal strings
	NaNs map[float64]string // NaN keys when x is NaN
	Z    *big.Int
	T    time.Time
}

// FuzzHashArgs hashes arguments built from any input: strings, bytes, floats (NaN, -0, ±Inf),
// maps, interfaces, and chains of pointers as long as the input says (up to 8,000 nodes, under
// maxHashDepth), some closed into a reference cycle. Each gives a key or an error (ErrCycle for a
// cycle), never a panic or a hang; a key is deterministic and changes with the fields hashed;
// equal arguments built two ways (map keys that tie inserted in other orders, a zero big.Int
// with a nil or an empty slice inside, a time with or without its monotonic reading) hash alike
// (B28); hashing allocates in proportion to the argument (issue 6). The seed corpus is
// testdata/fuzz/FuzzHashArgs.
func FuzzHashArgs(f *testing.F) {
	f.Add("a", []byte{1, 2, 3}, int64(7), 1.5)
	f.Add("", []byte{}, int64(-1), math.NaN())
	f.Fuzz(func(t *testing.T, s string, b []byte, n int64, x float64) {
		// Pointers chained below the argument: short ones, fast to fuzz; for n < -1, long ones.
		length := int(uint64(n) % 64)
		if n < -1 {
			length = int(uint64(-n) % 8000)
		}
		cyclic := length > 0 && n%5 == 0
		start := time.Now()
		mk := func(alt bool) *fuzzArg {
			m := map[string]int{}
			for i, c := range s {
				m[string(c)] = i
			}
			fs := make([]float64, len(b))
			for i, c := range b {
				fs[i] = float64(c) * x
			}
			tied, nans := map[*string]byte{}, map[float64]string{}
			for i := range b {
				if alt {
					i = len(b) - 1 - i
				}
				k := s
				tied[&k] = b[i]
				if math.IsNaN(x) { // a new entry each time
					nans[x] = string(b[i : i+1])
				}
			}
			nans[0] = s
			z, tm := new(big.Int), start.Add(time.Duration(n))
			if alt {
				z.Sub(big.NewInt(n), big.NewInt(n))
				tm = tm.Round(0)
			}
			root := &fuzzArg{S: s, B: b, N: n, F: fs, M: m, I: []any{n, x, s, b, m},
				xs: [3]uint16{uint16(n), 1, 2}, Tied: tied, NaNs: nans, Z: z, T: tm}
			cur := root
			for i := 0; i < length; i++ {
				cur.P = &fuzzArg{N: int64(i), I: i}
				cur = cur.P
			}
			if cyclic {
				cur.P = root
			}
			return root
		}
		hash := func(v *fuzzArg) ([16]byte, error) {
			w := newHashWalker(&hashConfig{})
			if err := w.value(reflectValue(v)); err != nil {
				return [16]byte{}, err
			}
			return w.h.Sum128().Bytes(), nil
		}
		v1, v2 := mk(false), mk(true)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		h1, err1 := hash(v1)
		h2, err2 := hash(v2)
		runtime.ReadMemStats(&after)
		// Bytes the argument is made of: its string, bytes, floats, map entries and chain.
		size := len(s) + 8*len(b) + 64*utf8.RuneCountInString(s) + 64*len(b) + 128*length
		if n, limit := after.TotalAlloc-before.TotalAlloc, uint64(64*size+1<<20); n > limit {
			t.Fatalf("hashing an argument of about %d bytes allocated %d bytes (limit %d)", size, n, limit)
		}
		if (err1 == nil) != (err2 == nil) || h1 != h2 {
			t.Fatalf("hash not deterministic: %x %v, %x %v", h1, err1, h2, err2)
		}
		var we *walkError
		isCycle := errors.As(err1, &we) && errors.Is(we.cause, ErrCycle)
		switch {
		case err1 == nil && cyclic:
			t.Fatal("a reference cycle hashed")
		case err1 != nil && !isCycle:
			t.Fatalf("unexpected error: %v", err1)
		case isCycle && !cyclic:
			t.Fatalf("cycle reported for a chain of %d: %v", length, err1)
		case err1 != nil:
			return
		}
		v := mk(false)
		v.N++
		if h, _ := hash(v); h == h1 {
			t.Fatal("N not hashed")
		}
		v = mk(false)
		v.S += "x"
		if h, _ := hash(v); h == h1 {
			t.Fatal("S not hashed")
		}
		v = mk(false)
		v.Z.SetInt64(1)
		if h, _ := hash(v); h == h1 {
			t.Fatal("Z not hashed")
		}
	})
}
