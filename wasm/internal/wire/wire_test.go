package wire

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

func TestWriterDecodeRoundTrip(t *testing.T) {
	var w Writer
	w.Create(3, "stTitle", []byte(`{"text":"Hi"}`))
	w.Update(3, []byte(`{"text":"Hello"}`))
	w.Insert(RootMain, 3, 0)
	w.Blob(3, []byte{1, 2, 3})
	w.Stale(3, true)
	w.Remove(3)
	ops, err := Decode(w.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := []Op{
		{Code: OpCreate, ID: 3, Kind: "stTitle", Props: `{"text":"Hi"}`},
		{Code: OpUpdate, ID: 3, Props: `{"text":"Hello"}`},
		{Code: OpInsert, Parent: RootMain, ID: 3},
		{Code: OpBlob, ID: 3, Data: []byte{1, 2, 3}},
		{Code: OpStale, ID: 3, Flag: true},
		{Code: OpRemove, ID: 3},
	}
	if !reflect.DeepEqual(ops, want) {
		t.Fatalf("got %+v\nwant %+v", ops, want)
	}
	w.Reset()
	if w.Len() != 0 {
		t.Fatal("Reset left bytes")
	}
}

func TestDecodeRejectsTruncatedAndUnknownOps(t *testing.T) {
	var w Writer
	w.Create(3, "stText", []byte(`{}`))
	full := w.Bytes()
	for n := 1; n < len(full); n++ {
		if _, err := Decode(full[:n]); err == nil {
			t.Fatalf("a buffer cut at %d of %d bytes decoded without error", n, len(full))
		}
	}
	if _, err := Decode([]byte{99}); err == nil {
		t.Fatal("unknown opcode accepted")
	}
}

// TestGeneratedJSMatchesGo fails when host/wire.gen.js drifts from the constants here:
// run go generate ./wasm/internal/wire.
func TestGeneratedJSMatchesGo(t *testing.T) {
	got, err := os.ReadFile("../../../host/wire.gen.js")
	if err != nil {
		t.Skipf("host/wire.gen.js not readable here (%v); the native run checks it", err)
	}
	if !bytes.Equal(got, []byte(JS())) {
		t.Fatal("host/wire.gen.js is stale: run go generate ./wasm/internal/wire")
	}
}

func TestDecodeEvents(t *testing.T) {
	evs, err := DecodeEvents([]byte(`[{"s":1,"id":"stButton:Go","t":"click","v":true},{"s":2,"id":"","t":"rerun"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].ID != "stButton:Go" || evs[1].Type != EventRerun || evs[1].Seq != 2 {
		t.Fatalf("got %+v", evs)
	}
	for _, bad := range []string{
		``, `{}`, `[{"s":1,"t":"click"}]`, `[{"s":1,"id":"x","t":"explode"}]`, `[1,2]`, `[{"s":-1,"id":"x","t":"click"}]`,
	} {
		if _, err := DecodeEvents([]byte(bad)); err == nil {
			t.Errorf("DecodeEvents(%q) accepted a bad batch", bad)
		}
	}
}

// FuzzDecodeEvents: any host message decodes to events or an error, never a panic.
func FuzzDecodeEvents(f *testing.F) {
	f.Add([]byte(`[{"s":1,"id":"stButton:Go","t":"click","v":true}]`))
	f.Add([]byte(`[{"s":2,"id":"stSlider:N","t":"change","v":[1,2]}]`))
	f.Add([]byte(`[{"s":3,"id":"","t":"rerun"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, err := DecodeEvents(data)
		if err != nil && evs != nil {
			t.Fatal("events returned with an error")
		}
	})
}

// FuzzDecode: any patch buffer decodes to ops or an error, never a panic.
func FuzzDecode(f *testing.F) {
	var w Writer
	w.Create(3, "stText", []byte(`{"text":"x"}`))
	w.Insert(1, 3, 0)
	f.Add(w.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Decode(data)
	})
}
