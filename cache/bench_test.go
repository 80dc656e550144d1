package cache

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"testing"
)

const benchN = 10_000_000

func floats(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i) * 1.25
	}
	return xs
}

func benchHash(b *testing.B, v any, bytes int64) {
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		w := newHashWalker(&hashConfig{})
		if err := w.value(reflectValue(v)); err != nil {
			b.Fatal(err)
		}
		_ = w.h.Sum128()
	}
}

// BenchmarkHash measures argument hashing throughput (xxh3-128).
func BenchmarkHash(b *testing.B) {
	b.Run("float64-10M", func(b *testing.B) { benchHash(b, floats(benchN), benchN*8) })
	type row struct {
		ID    int
		Name  string
		Score float64
	}
	rows := make([]row, 100_000)
	for i := range rows {
		rows[i] = row{i, "name-" + strconv.Itoa(i), float64(i)}
	}
	b.Run("structs-100k", func(b *testing.B) { benchHash(b, rows, int64(len(rows))*32) })
	strs := make([]string, 100_000)
	var n int64
	for i := range strs {
		strs[i] = fmt.Sprintf("https://example.com/data/%d.csv", i)
		n += int64(len(strs[i]))
	}
	b.Run("strings-100k", func(b *testing.B) { benchHash(b, strs, n) })
	b.Run("small-args", func(b *testing.B) {
		type q struct {
			URL  string
			Rows int
		}
		benchHash(b, q{"https://example.com/uber.csv", 1000}, 36)
	})
}

// BenchmarkCodec10MFloat64 compares a 10M-element []float64 column as an
// RFC 8746 typed array (tag 86) with a plain CBOR array.
func BenchmarkCodec10MFloat64(b *testing.B) {
	xs := floats(benchN)
	type frame struct{ Col Float64s }
	type plainFrame struct{ Col []float64 }
	typed := must[[]byte](b)(valueEncMode.Marshal(frame{xs}))
	plain := must[[]byte](b)(valueEncMode.Marshal(plainFrame{xs}))
	b.Run("encode/typed", func(b *testing.B) {
		b.SetBytes(benchN * 8)
		for b.Loop() {
			_ = must[[]byte](b)(valueEncMode.Marshal(frame{xs}))
		}
	})
	b.Run("encode/plain", func(b *testing.B) {
		b.SetBytes(benchN * 8)
		for b.Loop() {
			_ = must[[]byte](b)(valueEncMode.Marshal(plainFrame{xs}))
		}
	})
	b.Run("decode/typed", func(b *testing.B) {
		b.SetBytes(benchN * 8)
		for b.Loop() {
			var f frame
			if err := valueDecMode.Unmarshal(typed, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode/plain", func(b *testing.B) {
		b.SetBytes(benchN * 8)
		for b.Loop() {
			var f plainFrame
			if err := valueDecMode.Unmarshal(plain, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A whole memory-tier hit of a top-level []float64 (automatic typed array):
	// record decode + value decode, i.e. the copy every caller gets.
	b.Run("hit/top-level-[]float64", func(b *testing.B) {
		env := newEnv(b, nil)
		f := Data0(func(NoSession) ([]float64, error) { return xs, nil }, env.opt())
		_ = must[[]float64](b)(f.Call(NoSession{}))
		b.SetBytes(benchN * 8)
		for b.Loop() {
			_ = must[[]float64](b)(f.Call(NoSession{}))
		}
	})
}

// BenchmarkDataFirstRun10M is the cache's share of a miss on the seed's large-data table
// (10M rows × 4 float64 columns, 320 MB): encoding the value into its record, checksum included.
// The table itself is built once, outside the timing.
func BenchmarkDataFirstRun10M(b *testing.B) {
	type table struct{ A, B, C, D Float64s }
	xs := Float64s(floats(benchN))
	t := table{xs, xs, xs, xs}
	rec := record{Name: "main.load"}
	b.SetBytes(int64(4 * 8 * len(xs)))
	for b.Loop() {
		if _, _, err := rec.encodeWith(sizeHint(reflect.ValueOf(&t).Elem()), func(buf *bytes.Buffer) error {
			return encodeValueTo(buf, t)
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchTable is the seed's large-data table: 10M rows × 4 float64 columns, 320 MB.
type benchTable struct{ A, B, C, D Float64s }

func newBenchTable() benchTable {
	xs := Float64s(floats(benchN))
	return benchTable{xs, xs, xs, xs}
}

// BenchmarkLarge10M is the cache's share of each large-data path of the seed's table, with the
// floor they are compared against, in one run (so ratios come from the same machine state):
//
//   - Floor: make([]byte, n) + copy of the table's 320 MB, the least any fresh copy costs;
//   - FirstRun: a miss's encoding of the value into its record (what the caller waits for);
//   - Seal: the record's checksum, computed by the background persistent writer;
//   - MemoryHit: a memory-tier hit, a fresh decoded copy (record parse + value decode);
//   - PersistentHit: a hit on bytes read from a persistent store, checksum verified, then decoded.
func BenchmarkLarge10M(b *testing.B) {
	t := newBenchTable()
	size := int64(4 * 8 * benchN)
	rec := record{Name: "main.load"}
	encode := func(b *testing.B) []byte {
		rb, _, err := rec.encodeWith(sizeHint(reflect.ValueOf(&t).Elem()), func(buf *bytes.Buffer) error {
			return encodeValueTo(buf, t)
		})
		if err != nil {
			b.Fatal(err)
		}
		return rb
	}
	b.Run("Floor", func(b *testing.B) {
		src := make([]byte, size)
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			dst := make([]byte, len(src))
			copy(dst, src)
		}
	})
	b.Run("FirstRun", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			_ = encode(b)
		}
	})
	rb := encode(b)
	b.Run("Seal", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			sealRecord(rb)
		}
	})
	sealRecord(rb)
	b.Run("MemoryHit", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			r, err := decodeRecord(rb, false)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := decodeValue[benchTable](r.Value); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("PersistentHit", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			r, err := decodeRecord(rb, true)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := decodeValue[benchTable](r.Value); err != nil {
				b.Fatal(err)
			}
		}
	})
}
