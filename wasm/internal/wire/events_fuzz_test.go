package wire

import (
	"bytes"
	"encoding/json"
	"reflect"
	"runtime"
	"testing"
)

// FuzzEventBatch checks what FuzzDecodeEvents does not: a batch DecodeEvents accepts holds only
// valid events and survives a round trip through encoding/json unchanged (the host may re-send
// what Go logged), and decoding allocates in proportion to the batch (a hostile or broken host
// message cannot exhaust wasm memory). The seed corpus is testdata/fuzz/FuzzEventBatch.
func FuzzEventBatch(f *testing.F) {
	f.Add([]byte(`[{"s":1,"id":"stButton:Go","t":"click","v":true}]`))
	f.Add([]byte(`[{"s":2,"id":"key:k","t":"change","v":{"a":[1,2,{"b":null}]}},{"s":3,"t":"rerun"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		evs, err := DecodeEvents(data)
		runtime.ReadMemStats(&after)
		// json.Unmarshal into []Event: each event is at least 2 bytes of input ("{}") and 64 bytes
		// of Event; RawMessage values are copied once; the slice doubles as it grows.
		if n, limit := after.TotalAlloc-before.TotalAlloc, uint64(128*len(data)+64<<10); n > limit {
			t.Fatalf("%d bytes of events allocated %d bytes (limit %d)", len(data), n, limit)
		}
		if err != nil {
			return
		}
		for i, e := range evs {
			switch e.Type {
			case EventClick, EventChange:
				if e.ID == "" {
					t.Fatalf("event %d: %s without a widget id accepted", i, e.Type)
				}
			case EventRerun, EventClearCache, EventInspector:
			default:
				t.Fatalf("event %d: unknown type %q accepted", i, e.Type)
			}
			if e.Value != nil && !json.Valid(e.Value) {
				t.Fatalf("event %d: value %q is not JSON", i, e.Value)
			}
		}
		again, err := json.Marshal(evs)
		if err != nil {
			t.Fatalf("re-encoding accepted events: %v", err)
		}
		evs2, err := DecodeEvents(again)
		if err != nil {
			t.Fatalf("re-encoded batch %s refused: %v", again, err)
		}
		if len(evs) == 0 && len(evs2) == 0 {
			return
		}
		for i := range evs {
			a, b := evs[i], evs2[i]
			if a.Seq != b.Seq || a.ID != b.ID || a.Type != b.Type || !reflect.DeepEqual(compact(t, a.Value), compact(t, b.Value)) {
				t.Fatalf("event %d changed in a round trip: %+v became %+v", i, a, b)
			}
		}
	})
}

// compact returns v with insignificant space removed (nil stays nil).
func compact(t *testing.T, v json.RawMessage) any {
	if v == nil {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber() // 1e400 is valid JSON, not a float64
	var x any
	if err := d.Decode(&x); err != nil {
		t.Fatalf("value %q: %v", v, err)
	}
	return x
}
