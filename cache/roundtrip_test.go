package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
)

// Types whose values would not come back from the cache as they went in (B27).
type (
	rtJSONDash struct {
		Name   string
		Secret string `json:"-"`
	}
	rtSameJSONName struct {
		A int `json:"B"`
		B int
	}
	rtSameCBORKey struct {
		A int `cbor:"a"`
		B int `cbor:"a"`
	}
	rtPos  struct{ X, Y float64 }
	rtVel  struct{ X, Y float64 }
	rtBody struct {
		rtPos
		rtVel
	}
	rtShadow struct {
		rtPos
		X float64
	}
	rtLeft  struct{ rtPos }
	rtRight struct{ rtPos }
	rtTwice struct {
		rtLeft
		rtRight
	}
	RtSelfEmbed struct {
		*RtSelfEmbed
		N int
	}
	RtEmpty    struct{}
	rtEmptyPtr struct {
		*RtEmpty
		N int
	}
	rtNamed     struct{ Name string }
	RtInner     struct{ Z int }
	rtStringers struct{ S interface{ String() string } }
	rtAnyField  struct{ V any }
	rtEvent     struct {
		time.Time
		Note string
	}
	rtPtrKeys map[*rtPos]int
	rtOmitted struct {
		Tags []string `json:"tags,omitempty"`
	}
	rtOmitFloat struct {
		F float64 `cbor:"f,omitempty"`
	}
	rtLoose    struct{ V int }
	rtOmitZero struct {
		L rtLoose `cbor:"l,omitzero"`
	}
	rtMarshalOnly   struct{ N uint32 }
	rtUnmarshalOnly struct{ N uint32 }
)

func (n rtNamed) String() string { return n.Name }

// IsZero is true for values that are not zero: omitzero would drop them.
func (l rtLoose) IsZero() bool { return l.V < 10 }

// MarshalBinary without UnmarshalBinary: stored, never readable.
func (m rtMarshalOnly) MarshalBinary() ([]byte, error) {
	return binary.BigEndian.AppendUint32(nil, m.N), nil
}

// UnmarshalCBOR without MarshalCBOR: stored as fields, read back by the method.
func (u *rtUnmarshalOnly) UnmarshalCBOR([]byte) error { u.N = 99; return nil }

// missAndHit calls a data function twice: the miss, then the hit (decoded from its record).
func missAndHit[R any](env *testEnv, fn func(NoSession) (R, error)) (miss, hit any, err error) {
	f := Data0(fn, env.opt())
	m, err := f.Call(NoSession{})
	if err != nil {
		return nil, nil, err
	}
	h, err := f.Call(NoSession{})
	return m, h, err
}

// Each type that cannot round-trip is refused with UnserializableReturnValueError, its path and
// a cause that says what would differ and how to fix it (pinned here); the type's are refused
// when the wrapper is made, before the function runs, the value's before anything is stored.
// Before B27 each of these was stored, and the hit differed from the miss (or never decoded).
func TestRoundTripRefused_B27(t *testing.T) {
	negZero := math.Copysign(0, -1)
	cases := []struct {
		name   string
		byType bool // refused from the type, before the function runs
		run    func(env *testEnv, runs *int) (miss, hit any, err error)
		path   string
		cause  string
	}{
		{"json dash", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtJSONDash, error) { *runs++; return rtJSONDash{"a", "s"}, nil })
		}, ".Secret", `the field is tagged json:"-", which the CBOR encoder follows too: it would be zero on every hit; tag it cbor:"Secret" to store it, or cbor:"-" to leave it out on purpose`},
		{"one json name for two fields", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtSameJSONName, error) { *runs++; return rtSameJSONName{1, 2}, nil })
		}, ".B", `the field would not be stored: .A has the same key "B" and a tag, so the encoder stores that one only; give one of the two a key of its own in a cbor tag`},
		{"one cbor key for two fields", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtSameCBORKey, error) { *runs++; return rtSameCBORKey{1, 2}, nil })
		}, ".A", `the field would not be stored: .B has the same key "a" at the same depth, and the encoder stores neither; give it a key of its own (cbor:"A") or name the embedded field that holds it`},
		{"ambiguous embedded fields", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtBody, error) { *runs++; return rtBody{rtPos{1, 2}, rtVel{3, 4}}, nil })
		}, ".rtPos.X", `the field would not be stored: .rtVel.X has the same key "X" at the same depth, and the encoder stores neither; give it a key of its own (cbor:"rtPosX") or name the embedded field that holds it`},
		{"shadowed embedded field", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtShadow, error) { *runs++; return rtShadow{rtPos{1, 2}, 3}, nil })
		}, ".rtPos.X", `the field would not be stored: .X has the same key "X" and is less deeply embedded, so the encoder stores that one only; give it a key of its own (cbor:"rtPosX") or name the embedded field that holds it`},
		{"struct embedded twice at one depth", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtTwice, error) {
				*runs++
				return rtTwice{rtLeft{rtPos{1, 2}}, rtRight{rtPos{3, 4}}}, nil
			})
		}, ".rtLeft.rtPos", `github.com/wasmlit/wasmlit/cache.rtPos is embedded twice at one depth (.rtLeft.rtPos and .rtRight.rtPos), and the encoder stores the fields of neither; name the embedded fields`},
		{"struct embedding itself", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (RtSelfEmbed, error) { *runs++; return RtSelfEmbed{&RtSelfEmbed{N: 1}, 2}, nil })
		}, ".RtSelfEmbed", `github.com/wasmlit/wasmlit/cache.RtSelfEmbed is embedded already at a lesser depth (the struct itself), and the encoder ignores it here; name the embedded field`},
		{"embedded pointer with no fields", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtEmptyPtr, error) { *runs++; return rtEmptyPtr{&RtEmpty{}, 1}, nil })
		}, ".RtEmpty", `a non-nil embedded *RtEmpty would come back nil when none of its fields is stored (it has none, or all are omitempty or omitzero); embed github.com/wasmlit/wasmlit/cache.RtEmpty by value`},
		{"interface with methods", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtStringers, error) { *runs++; return rtStringers{rtNamed{"n"}}, nil })
		}, ".S", `an interface type (interface { String() string }) cannot be stored: the decoder cannot know which concrete type to make; declare a concrete type (for an error, its message as a string)`},
		{"marshaler promoted from an embedded field", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtEvent, error) {
				*runs++
				return rtEvent{time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), "note"}, nil
			})
		}, "", `github.com/wasmlit/wasmlit/cache.rtEvent gets MarshalBinary from its embedded field time.Time, which encodes that field only: .Note would not be stored; name the embedded field (Time time.Time)`},
		{"MarshalBinary without UnmarshalBinary", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtMarshalOnly, error) { *runs++; return rtMarshalOnly{7}, nil })
		}, "", `github.com/wasmlit/wasmlit/cache.rtMarshalOnly implements encoding.BinaryMarshaler but not encoding.BinaryUnmarshaler: it would be stored and never read back; add UnmarshalBinary (on *rtMarshalOnly)`},
		{"UnmarshalCBOR without MarshalCBOR", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtUnmarshalOnly, error) { *runs++; return rtUnmarshalOnly{7}, nil })
		}, "", `github.com/wasmlit/wasmlit/cache.rtUnmarshalOnly implements cbor.Unmarshaler but not cbor.Marshaler: it would be stored as its fields and read back with its UnmarshalCBOR; add MarshalCBOR`},
		{"map keyed by pointers", true, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtPtrKeys, error) { *runs++; return rtPtrKeys{&rtPos{1, 2}: 1}, nil })
		}, "[key]", `map keys of type *github.com/wasmlit/wasmlit/cache.rtPos hold pointers, and a hit would have new pointers as keys, equal to none of these; key the map by values`},
		{"int in any", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (any, error) { *runs++; return 42, nil })
		}, "", `a value of type int inside an interface would come back as another type (CBOR does not record Go types; an interface comes back holding nil, bool, string, float64, []any or map[string]any, as with encoding/json); declare the field with a concrete type`},
		{"[]string in an any field", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtAnyField, error) { *runs++; return rtAnyField{[]string{"a"}}, nil })
		}, ".V", `a value of type []string inside an interface would come back as another type (CBOR does not record Go types; an interface comes back holding nil, bool, string, float64, []any or map[string]any, as with encoding/json); declare the field with a concrete type`},
		{"int in a map[string]any", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (map[string]any, error) { *runs++; return map[string]any{"n": 1}, nil })
		}, "[n]", `a value of type int inside an interface would come back as another type (CBOR does not record Go types; an interface comes back holding nil, bool, string, float64, []any or map[string]any, as with encoding/json); declare the field with a concrete type`},
		{"nil []any in an any", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtAnyField, error) { *runs++; return rtAnyField{[]any(nil)}, nil })
		}, ".V", `a nil []interface {} inside an interface would come back as a nil interface; store an empty []interface {} or nil`},
		{"omitempty on an empty slice", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtOmitted, error) { *runs++; return rtOmitted{[]string{}}, nil })
		}, ".Tags", `the field is tagged omitempty and holds an empty slice that is not nil: it would come back nil; drop omitempty, or store nil`},
		{"omitempty on -0", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtOmitFloat, error) { *runs++; return rtOmitFloat{negZero}, nil })
		}, ".F", `the field is tagged omitempty and holds -0: it would come back as 0; drop omitempty`},
		{"omitzero with a loose IsZero", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (rtOmitZero, error) { *runs++; return rtOmitZero{rtLoose{5}}, nil })
		}, ".L", `the field is tagged omitzero and its IsZero method reports true for a value that is not github.com/wasmlit/wasmlit/cache.rtLoose's zero value: it would come back as the zero value; drop omitzero`},
		{"int key in a map[any]int", false, func(env *testEnv, runs *int) (any, any, error) {
			return missAndHit(env, func(NoSession) (map[any]int, error) { *runs++; return map[any]int{"a": 1, 2: 2}, nil })
		}, "[key]", `a value of type int inside an interface would come back as another type (CBOR does not record Go types; an interface comes back holding nil, bool, string, float64, []any or map[string]any, as with encoding/json); declare the field with a concrete type`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t, nil)
			runs := 0
			miss, hit, err := tc.run(env, &runs)
			var ue *UnserializableReturnValueError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want an UnserializableReturnValueError\nmiss: %#v\nhit:  %#v", err, miss, hit)
			}
			if ue.Path != tc.path || ue.Cause == nil || ue.Cause.Error() != tc.cause {
				t.Fatalf("path %q, cause:\n%v\nwant path %q, cause:\n%s", ue.Path, ue.Cause, tc.path, tc.cause)
			}
			if want := map[bool]int{true: 0, false: 1}[tc.byType]; runs != want {
				t.Fatalf("the function ran %d times, want %d", runs, want)
			}
			if n, _ := env.e.mem.Len(); n != 0 {
				t.Fatalf("the memory tier holds %d entries", n)
			}
		})
	}
}

// The whole message a user sees, for one refusal by the type (B18, B27).
func TestRoundTripMessage_B27(t *testing.T) {
	env := newEnv(t, nil)
	fn := func(NoSession) (rtJSONDash, error) { return rtJSONDash{}, nil }
	withParams(fn, "loadUser")
	_, err := Data0(fn, env.opt()).Call(NoSession{})
	want := "Cannot serialize the return value (of type github.com/wasmlit/wasmlit/cache.rtJSONDash) in 'loadUser'.\n\n" +
		"Cause: .Secret: the field is tagged json:\"-\", which the CBOR encoder follows too: it would be zero on " +
		"every hit; tag it cbor:\"Secret\" to store it, or cbor:\"-\" to leave it out on purpose.\n\n" +
		"cache.Data stores a copy of the value as CBOR. To fix it, return only exported fields of encodable types " +
		"(or implement cbor.Marshaler and cbor.Unmarshaler), or cache the value with cache.Resource, which keeps " +
		"the very instance in memory and never serializes it."
	if err == nil || err.Error() != want {
		t.Fatalf("got:  %q\nwant: %q", err, want)
	}
}

// Types that round-trip exactly (B27): each hit is reflect.DeepEqual to its miss, with the same
// dynamic types. The first cases came back different before B27; the rest were already right
// and must stay so.
func TestRoundTripExact_B27(t *testing.T) {
	type renamed struct {
		A int    `json:"a"`
		B string `cbor:"b,omitempty"`
		C []int  `json:"c,omitempty"`
	}
	type withEmbedded struct {
		rtPos
		*RtInner
		Name string
	}
	type skipped struct {
		Name string
		Fn   func() `cbor:"-"`
	}
	cases := []struct {
		name string
		run  func(env *testEnv) (miss, hit any, err error)
	}{
		{"invalid UTF-8", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) (map[string][]string, error) {
				return map[string][]string{"k\xff": {"a\xffb", "\xc3"}}, nil
			})
		}},
		{"map inside any", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) (map[string]any, error) {
				return map[string]any{"user": map[string]any{"name": "x\xff", "tags": []any{"a", 1.5, true, nil}}}, nil
			})
		}},
		{"any result", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) (any, error) { return []any{"a", map[string]any{}, []any{}}, nil })
		}},
		{"renamed and omitempty fields", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) ([]renamed, error) { return []renamed{{1, "b", []int{1}}, {2, "", nil}}, nil })
		}},
		{"embedded structs", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) ([]withEmbedded, error) {
				return []withEmbedded{{rtPos{1, 2}, &RtInner{3}, "a"}, {rtPos{}, nil, "b"}}, nil
			})
		}},
		{"nil and empty", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) ([]any, error) {
				return []any{[]any{}, map[string]any{}, "", nil}, nil
			})
		}},
		{"nil and empty containers", func(env *testEnv) (any, any, error) {
			type c struct {
				S, SE []string
				B, BE []byte
				M, ME map[string]int
				F, FE Float64s
				P     *int
			}
			return missAndHit(env, func(NoSession) (c, error) {
				return c{SE: []string{}, BE: []byte{}, ME: map[string]int{}, FE: Float64s{}}, nil
			})
		}},
		{"typed arrays and arrays", func(env *testEnv) (any, any, error) {
			type c struct {
				F Float64s
				I Int32s
				U Uint16s
				A [3]byte
				N Ints
			}
			return missAndHit(env, func(NoSession) (c, error) {
				return c{Float64s{1, math.Inf(-1)}, Int32s{-1}, Uint16s{9}, [3]byte{1, 2, 3}, Ints{1 << 40}}, nil
			})
		}},
		{"time in UTC", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) ([]time.Time, error) {
				return []time.Time{{}, time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)}, nil
			})
		}},
		{"a field left out on purpose", func(env *testEnv) (any, any, error) {
			return missAndHit(env, func(NoSession) (skipped, error) { return skipped{Name: "a"}, nil })
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t, nil)
			miss, hit, err := tc.run(env)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(miss, hit) {
				t.Fatalf("the hit differs from the miss\nmiss: %#v\nhit:  %#v", miss, hit)
			}
			if w := env.warns.all(); len(w) > 0 {
				t.Fatalf("warnings: %q", w)
			}
		})
	}
}

// NaN payloads and the sign of zero come back bit for bit (B27); reflect.DeepEqual cannot
// compare NaNs, so this test compares bits.
func TestRoundTripFloatBits_B27(t *testing.T) {
	type floats struct {
		F   float64
		A   any
		M   map[string]float64
		Col Float64s
	}
	for _, bits := range []uint64{0x7ff8000000000123, 0x7ff0000000000001, 0xfff8000000000000, 0x8000000000000000} {
		x := math.Float64frombits(bits)
		env := newEnv(t, nil)
		_, hit, err := missAndHit(env, func(NoSession) (floats, error) {
			return floats{x, x, map[string]float64{"k": x}, Float64s{x}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		h := hit.(floats)
		for name, got := range map[string]float64{"field": h.F, "any": h.A.(float64), "map": h.M["k"], "typed array": h.Col[0]} {
			if math.Float64bits(got) != bits {
				t.Errorf("%s: %#x came back as %#x", name, bits, math.Float64bits(got))
			}
		}
	}
}

// encodeDecode is a data function's round trip without the engine: the miss's encoding, then a
// hit's decoding.
func encodeDecode[R any](v R) (R, error) {
	var buf bytes.Buffer
	if err := encodeValueTo(&buf, v); err != nil {
		var zero R
		return zero, err
	}
	return decodeValue[R](buf.Bytes())
}

// The round-trip check costs a table nothing per call (B19, B27): a struct of typed arrays is
// decided by its type once, never walked, and checking it allocates nothing.
func TestRoundTripCheckFreeForTables_B27(t *testing.T) {
	table := reflect.ValueOf(benchTable{Float64s{1}, nil, Float64s{}, Float64s{2}})
	if vi := valueInfoOf(table.Type()); vi.cause != nil || vi.walk {
		t.Fatalf("valueInfo = %+v, want no cause and no walk", vi)
	}
	if n := testing.AllocsPerRun(100, func() {
		if err := checkValue(table); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("checkValue allocates %v times per call", n)
	}
}
