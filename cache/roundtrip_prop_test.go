package cache

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// PropEmbed is embedded in propValue.
type PropEmbed struct{ E int16 }

type propInner struct {
	Label string
	Vals  []float64
}

// propValue is the property test's result type: every kind of field a data table or an API
// response has.
type propValue struct {
	PropEmbed
	I       int
	I8      int8
	U       uint64
	F32     float32
	F64     float64
	S       string
	B       []byte
	Arr     [3]uint16
	Strs    []string
	M       map[string]int
	MK      map[int32]string
	P       *propInner
	PS      []*propInner
	Col     Float64s
	Ints    Int32s
	Any     any
	Anys    []any
	JSON    map[string]any
	T       time.Time
	Big     *big.Int
	Renamed int      `json:"renamed"`
	Opt     []string `json:"opt,omitempty"`
	Nested  [][]int
	Bool    bool
	Dur     time.Duration
}

// propGen makes random values of propValue, some of which cannot round-trip (an int in an any,
// an empty slice tagged omitempty).
type propGen struct{ r *rand.Rand }

func (g propGen) n(k int) int { return g.r.IntN(k) }

func (g propGen) str() string {
	b := make([]byte, g.n(6))
	for i := range b {
		if g.n(3) == 0 {
			b[i] = byte(0x80 + g.n(0x80)) // often not valid UTF-8
		} else {
			b[i] = byte('a' + g.n(26))
		}
	}
	return string(b)
}

func (g propGen) float() float64 {
	for {
		f := math.Float64frombits(g.r.Uint64())
		switch g.n(4) {
		case 0:
			f = float64(g.n(100)) / 4
		case 1:
			f = math.Copysign(0, -1)
		}
		if !math.IsNaN(f) { // reflect.DeepEqual cannot compare NaNs: TestRoundTripFloatBits_B27 does
			return f
		}
	}
}

func (g propGen) strs() []string {
	switch g.n(3) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	s := make([]string, 1+g.n(3))
	for i := range s {
		s[i] = g.str()
	}
	return s
}

// json returns what encoding/json puts in an any, and now and then what it does not.
func (g propGen) json(depth int) any {
	k := g.n(8)
	if depth > 2 {
		k = g.n(4)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return g.n(2) == 0
	case 2:
		return g.str()
	case 3:
		return g.float()
	case 4, 5:
		a := make([]any, g.n(3))
		for i := range a {
			a[i] = g.json(depth + 1)
		}
		return a
	case 6:
		m := map[string]any{}
		for range g.n(3) {
			m[g.str()] = g.json(depth + 1)
		}
		return m
	}
	switch g.n(4) { // not JSON: refused
	case 0:
		return g.n(10)
	case 1:
		return []string{"x"}
	case 2:
		return []any(nil)
	}
	return Float64s{1}
}

func (g propGen) value() propValue {
	v := propValue{
		PropEmbed: PropEmbed{int16(g.r.Uint32())},
		I:         int(g.r.Int64()), I8: int8(g.r.Uint32()), U: g.r.Uint64(),
		F32: float32(g.float()), F64: g.float(), S: g.str(),
		Arr:  [3]uint16{uint16(g.n(9)), 0, 7},
		Strs: g.strs(), Renamed: g.n(5), Opt: g.strs(), Bool: g.n(2) == 0,
		Dur: time.Duration(g.r.Int64()), Any: g.json(0),
	}
	if math.IsNaN(float64(v.F32)) {
		v.F32 = 0
	}
	switch g.n(3) {
	case 1:
		v.B = []byte{}
	case 2:
		v.B = []byte(g.str())
	}
	if g.n(2) == 0 {
		v.M = map[string]int{}
		for range g.n(3) {
			v.M[g.str()] = g.n(100)
		}
	}
	if g.n(2) == 0 {
		v.MK = map[int32]string{int32(g.r.Uint32()): g.str()}
	}
	if g.n(2) == 0 {
		v.P = &propInner{Label: g.str(), Vals: []float64{g.float()}}
	}
	for range g.n(3) {
		if g.n(3) == 0 {
			v.PS = append(v.PS, nil)
		} else {
			v.PS = append(v.PS, &propInner{Label: g.str()})
		}
	}
	switch g.n(3) {
	case 1:
		v.Col = Float64s{}
	case 2:
		v.Col = Float64s{g.float(), g.float()}
	}
	if g.n(2) == 0 {
		v.Ints = Int32s{int32(g.r.Uint32())}
	}
	if g.n(2) == 0 {
		v.Anys = []any{g.json(1), g.json(1)}
	}
	if g.n(2) == 0 {
		v.JSON = map[string]any{g.str(): g.json(1)}
	}
	if g.n(2) == 0 {
		v.T = time.Unix(g.r.Int64N(1<<35), g.r.Int64N(1e9)).UTC()
	}
	switch g.n(3) {
	case 1:
		v.Big = big.NewInt(g.r.Int64())
	case 2:
		v.Big = new(big.Int).Lsh(big.NewInt(-g.r.Int64N(1e9)), uint(g.n(200)))
	}
	for range g.n(3) {
		v.Nested = append(v.Nested, make([]int, g.n(3)))
	}
	return v
}

// checkRoundTrip is the property (B27): a value either comes back deeply equal, with the same
// dynamic types, or it is refused with ErrNoRoundTrip. It reports whether it was refused.
func checkRoundTrip(t *testing.T, v propValue) bool {
	t.Helper()
	got, err := encodeDecode(v)
	if err != nil {
		if !errors.Is(err, ErrNoRoundTrip) {
			t.Fatalf("refused with %v, not ErrNoRoundTrip\nvalue: %#v", err, v)
		}
		return true
	}
	if !reflect.DeepEqual(got, v) {
		t.Fatalf("the hit differs from the miss\nmiss: %#v\nhit:  %#v", v, got)
	}
	return false
}

// Random values of a rich type round-trip exactly or are refused, never changed (B27).
func TestRoundTripProperty_B27(t *testing.T) {
	g := propGen{rand.New(rand.NewPCG(27, 1))}
	var refused int
	const n = 2000
	for range n {
		if checkRoundTrip(t, g.value()) {
			refused++
		}
	}
	if refused == 0 || refused == n {
		t.Fatalf("%d of %d values refused: the generator must make both kinds", refused, n)
	}
}

// FuzzRoundTrip_B27 is the property with the fuzzer's strings, bytes and floats (NaNs compared
// bit for bit).
func FuzzRoundTrip_B27(f *testing.F) {
	f.Add(uint64(1), "a\xffb", []byte{}, uint64(0x7ff8000000000001))
	f.Add(uint64(2), "", []byte(nil), uint64(0x8000000000000000))
	f.Fuzz(func(t *testing.T, seed uint64, s string, b []byte, bits uint64) {
		g := propGen{rand.New(rand.NewPCG(seed, 2))}
		v := g.value()
		v.S, v.B, v.Strs, v.JSON = s, b, []string{s}, map[string]any{s: s}
		x := math.Float64frombits(bits)
		if !math.IsNaN(x) {
			v.F64, v.Col = x, Float64s{x}
			checkRoundTrip(t, v)
			return
		}
		checkRoundTrip(t, v)
		got, err := encodeDecode(struct{ F, G Float64s }{Float64s{x}, Float64s{x}})
		if err != nil || math.Float64bits(got.F[0]) != bits {
			t.Fatalf("NaN %#x: %v, %v", bits, got, err)
		}
		gotF, err := encodeDecode([]any{x})
		if err != nil || math.Float64bits(gotF[0].(float64)) != bits {
			t.Fatalf("NaN %#x in an any: %v, %v", bits, gotF, err)
		}
	})
}
