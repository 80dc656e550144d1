package cache

import (
	"bytes"
	"math/big"
	"reflect"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// stdHashes hash standard library types whose equal values can differ in memory, by a canonical
// form of their value. Each takes an addressable value of its type. A HashFunc for the type
// overrides its entry. The table is made on the first hash (stdHash), not in init: only a
// program that hashes links it and math/big behind it.
var (
	stdHashesOnce sync.Once
	stdHashes     map[reflect.Type]func(w *hashWalker, v reflect.Value) error
)

// stdHash returns the stdHashes entry of t, or nil.
func stdHash(t reflect.Type) func(w *hashWalker, v reflect.Value) error {
	stdHashesOnce.Do(func() { stdHashes = stdHashTable() })
	return stdHashes[t]
}

func stdHashTable() map[reflect.Type]func(w *hashWalker, v reflect.Value) error {
	return map[reflect.Type]func(w *hashWalker, v reflect.Value) error{
		// time.Time: the instant (Unix seconds and nanoseconds), the zone's abbreviation and offset in
		// effect, and the location's name. The monotonic clock reading and which *Location pointer
		// names the zone are not hashed; "EST" and another name at the same offset, or a fixed zone
		// and a named location ("America/New_York") are different values: formatting and calendar
		// arithmetic tell them apart.
		reflect.TypeFor[time.Time](): func(w *hashWalker, v reflect.Value) error {
			t := *(*time.Time)(v.Addr().UnsafePointer())
			name, offset := t.Zone()
			w.tag(tagTime, uint64(t.Unix()))
			w.tag(tagInt, uint64(t.Nanosecond()))
			w.tag(tagInt, uint64(offset))
			w.str(name)
			w.str(t.Location().String())
			return nil
		},
		// time.Location: its name, zones, transitions and rule, not the cache of the zone in effect
		// when it was loaded (time.Local is loaded on first use).
		reflect.TypeFor[time.Location](): func(w *hashWalker, v reflect.Value) error {
			w.str((*time.Location)(v.Addr().UnsafePointer()).String()) // loads time.Local
			t := v.Type()
			for i := range t.NumField() {
				if name := t.Field(i).Name; name != "name" && !strings.HasPrefix(name, "cache") {
					if err := w.value(field(v, i)); err != nil {
						return at(err, "."+name)
					}
				}
			}
			return nil
		},
		// big.Int: its sign and magnitude; a zero holds a nil or an empty slice.
		reflect.TypeFor[big.Int](): func(w *hashWalker, v reflect.Value) error {
			w.bigInt((*big.Int)(v.Addr().UnsafePointer()))
			return nil
		},
		// big.Rat: its numerator and denominator in lowest terms (Num and Denom can leave it unreduced;
		// the zero value's denominator is an empty slice meaning 1).
		reflect.TypeFor[big.Rat](): func(w *hashWalker, v reflect.Value) error {
			x := new(big.Rat).Mul((*big.Rat)(v.Addr().UnsafePointer()), big.NewRat(1, 1))
			w.tag(tagBigRat, 0)
			w.bigInt(x.Num())
			w.bigInt(x.Denom())
			return nil
		},
		// big.Float: precision and rounding mode (they decide what arithmetic on it gives), and the
		// exact value (sign, ±Inf, mantissa without trailing zeros, exponent). Not the accuracy of the
		// operation that made it.
		reflect.TypeFor[big.Float](): func(w *hashWalker, v reflect.Value) error {
			x := (*big.Float)(v.Addr().UnsafePointer())
			w.tag(tagBigFloat, uint64(x.Prec()))
			w.tag(tagUint, uint64(x.Mode()))
			w.str(string(x.Append(nil, 'p', 0)))
			return nil
		},
		// bytes.Buffer and strings.Builder: their unread content (a Builder points to itself).
		reflect.TypeFor[bytes.Buffer](): func(w *hashWalker, v reflect.Value) error {
			b := (*bytes.Buffer)(v.Addr().UnsafePointer()).Bytes()
			w.tag(tagString, uint64(len(b)))
			_, _ = w.h.Write(b)
			return nil
		},
		reflect.TypeFor[strings.Builder](): func(w *hashWalker, v reflect.Value) error {
			w.str((*strings.Builder)(v.Addr().UnsafePointer()).String())
			return nil
		},
		// Locks: whether one is held at the moment of the call is not part of a value.
		reflect.TypeFor[sync.Mutex]():   hashLock,
		reflect.TypeFor[sync.RWMutex](): hashLock,
	}
}

func hashLock(w *hashWalker, _ reflect.Value) error {
	w.tag(tagLock, 0)
	return nil
}

func (w *hashWalker) str(s string) {
	w.tag(tagString, uint64(len(s)))
	_, _ = w.h.WriteString(s)
}

// bigInt hashes x's sign and its magnitude's words (normalised: no leading zero words).
func (w *hashWalker) bigInt(x *big.Int) {
	bits := x.Bits()
	w.tag(tagBigInt, uint64(x.Sign()+1))
	w.tag(tagList, uint64(len(bits)))
	if len(bits) > 0 {
		_, _ = w.h.Write(unsafe.Slice((*byte)(unsafe.Pointer(&bits[0])), len(bits)*int(unsafe.Sizeof(bits[0]))))
	}
}
