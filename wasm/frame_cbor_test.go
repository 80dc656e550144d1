package wasm_test

import (
	"fmt"
	"math"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestCachedFrameIsACopy_B3: a *wasm.Frame is data: cache_data returns it, and every hit is a
// fresh, equal copy.
func TestCachedFrameIsACopy_B3(t *testing.T) {
	var runs atomic.Int32
	load := cache.Data0(func(st *wasm.Session) (*wasm.Frame, error) {
		runs.Add(1)
		return wasm.NewFrame(
			wasm.Floats("lat", []float64{40.7, math.NaN(), 40.8}),
			wasm.Strings("base", []string{"B02512", "", "B02764"}),
			wasm.Bools("night", []bool{true, false, true}),
		)
	})
	var first, second *wasm.Frame
	at := wasmtest.New(t, func(st *wasm.Session) {
		f, err := load.Call(st)
		if err != nil {
			st.Exception(err)
			return
		}
		if first == nil {
			first = f
		} else {
			second = f
		}
		st.DataFrame(f)
		st.Button("Again")
	})
	if len(at.Find("stException")) != 0 {
		t.Fatalf("caching a frame failed:\n%s", at.Root())
	}
	at.Click("Again")
	if runs.Load() != 1 || second == nil {
		t.Fatalf("runs = %d, want one run and a hit", runs.Load())
	}
	if second == first {
		t.Fatal("a cache_data hit returned the same frame, not a copy")
	}
	if !reflect.DeepEqual(fmt.Sprint(first.Columns), fmt.Sprint(second.Columns)) || second.Rows() != 3 {
		t.Fatalf("the hit differs: %v vs %v", first.Columns, second.Columns)
	}
	df := at.Find("stDataFrame")
	if len(df) != 1 || len(df[0].Blob) == 0 {
		t.Fatalf("no dataframe drawn from the cached frame")
	}
}

// TestCachedFrameExact_B27: a cached frame comes back deeply equal: cells that are not valid
// UTF-8 (before: every read failed and recomputed) and zero-row columns (before: nil).
func TestCachedFrameExact_B27(t *testing.T) {
	var runs atomic.Int32
	load := cache.Data0(func(cache.NoSession) (*wasm.Frame, error) {
		runs.Add(1)
		return &wasm.Frame{Columns: []wasm.Column{
			wasm.Strings("bytes", []string{"a\xffb"}),
			wasm.Strings("none", []string{}),
		}}, nil
	}, cache.WithEngine(cache.NewEngine(cache.Config{})))
	load.Clear()
	miss, err := load.Call(cache.NoSession{})
	if err != nil {
		t.Fatal(err)
	}
	hit, err := load.Call(cache.NoSession{})
	if err != nil {
		t.Fatal(err)
	}
	if runs.Load() != 1 || !reflect.DeepEqual(miss, hit) {
		t.Fatalf("runs = %d; the hit differs:\nmiss: %#v\nhit:  %#v", runs.Load(), miss, hit)
	}
}
