package cache

import (
	"bytes"
	"math"
	"testing"
)

func FuzzDecodeRecord(f *testing.F) {
	good := (&record{Name: "main.loadData", Created: 1, Elements: []byte("el"), Value: []byte{0x01}}).encode()
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte(recordMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, verify := range []bool{true, false} {
			r, err := decodeRecord(b, verify)
			if err != nil {
				continue
			}
			// What decodes re-encodes to the same bytes (when verified).
			if verify && !bytes.Equal(r.encode(), b) {
				t.Fatalf("round trip differs")
			}
		}
	})
}

type fuzzArg struct {
	S  string
	B  []byte
	N  int64
	F  []float64
	M  map[string]int
	P  *fuzzArg
	I  any
	xs [3]uint16
}

func FuzzHashArgs(f *testing.F) {
	f.Add("a", []byte{1, 2, 3}, int64(7), 1.5)
	f.Add("", []byte{}, int64(-1), math.NaN())
	f.Fuzz(func(t *testing.T, s string, b []byte, n int64, x float64) {
		mk := func() fuzzArg {
			m := map[string]int{}
			for i, c := range s {
				m[string(c)] = i
			}
			fs := make([]float64, len(b))
			for i, c := range b {
				fs[i] = float64(c) * x
			}
			return fuzzArg{S: s, B: b, N: n, F: fs, M: m, P: &fuzzArg{S: s}, I: n,
				xs: [3]uint16{uint16(n), 1, 2}}
		}
		hash := func(v fuzzArg) [16]byte {
			w := newHashWalker(&hashConfig{})
			if err := w.value(reflectValue(v)); err != nil {
				t.Fatal(err)
			}
			return w.h.Sum128().Bytes()
		}
		if h1, h2 := hash(mk()), hash(mk()); h1 != h2 {
			t.Fatal("hash not deterministic")
		}
		v := mk()
		v.N++
		if hash(v) == hash(mk()) {
			t.Fatal("N not hashed")
		}
	})
}
