package wasm

import (
	"encoding/binary"
	"reflect"
	"testing"
)

func sampleRecording() []recorded {
	return []recorded{
		{parent: parentCall, kind: "stVerticalBlock", props: []byte(`{"border":false}`)},
		{parent: 0, kind: "stSlider", widget: "stSlider:Rows", props: []byte(`{"id":"stSlider:Rows","label":"Rows","value":3}`)},
		{parent: parentSidebar, kind: "stDataFrame", props: []byte(`{}`), blob: []byte{1, 2, 3}},
		{parent: parentMain, kind: "stEmpty", props: []byte(`{}`), replace: true},
	}
}

// recordingV1 encodes recs in format 1, which had no widget identities.
func recordingV1(recs []recorded) []byte {
	le := binary.LittleEndian
	b := []byte{1}
	b = le.AppendUint32(b, uint32(len(recs)))
	for _, r := range recs {
		b = le.AppendUint32(b, uint32(int32(r.parent)))
		b = append(b, 0)
		b = le.AppendUint32(b, uint32(len(r.kind)))
		b = append(b, r.kind...)
		b = le.AppendUint32(b, uint32(len(r.props)))
		b = append(b, r.props...)
		b = le.AppendUint32(b, noBlob)
	}
	return b
}

func TestRecordingRoundTripKeepsWidgetIDs_B14(t *testing.T) {
	recs := sampleRecording()
	got, err := decodeRecording(encodeRecording(recs))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, recs) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, recs)
	}
}

func TestOldRecordingFailsCleanly_B14(t *testing.T) {
	if _, err := decodeRecording(recordingV1(sampleRecording())); err == nil {
		t.Fatal("a format 1 recording decoded; the cache must see an error and recompute")
	}
}

func TestWidgetFromPropsMatchesWidgets_B14(t *testing.T) {
	for _, tc := range []struct {
		kind, props string
		want        any
		nopts       int
	}{
		{kindCheckbox, `{"value":true}`, true, -1},
		{kindSelectbox, `{"options":["a","b"],"index":1}`, selection{index: []int{1}}, 2},
		{kindMultiselect, `{"options":["a","b"],"selected":[1]}`, selection{index: []int{1}}, 2},
		{kindSlider, `{"value":4}`, 4.0, -1},
		{kindSlider, `{"value":[1,2]}`, [2]float64{1, 2}, -1},
		{kindTextInput, `{"value":"x"}`, "x", -1},
		{kindDateInput, `{"value":"2024-02-03"}`, Date{2024, 2, 3}, -1},
	} {
		v, n, err := widgetFromProps(tc.kind, []byte(tc.props))
		if err != nil || !reflect.DeepEqual(v, tc.want) || n != tc.nopts {
			t.Errorf("%s %s: got %#v, %d, %v; want %#v, %d", tc.kind, tc.props, v, n, err, tc.want, tc.nopts)
		}
	}
	for _, bad := range [][2]string{{kindSelectbox, `{"options":[],"index":3}`}, {kindFileUploader, `{}`}, {kindSlider, `{`}} {
		if _, _, err := widgetFromProps(bad[0], []byte(bad[1])); err == nil {
			t.Errorf("%s %s: no error", bad[0], bad[1])
		}
	}
}

func FuzzDecodeRecording(f *testing.F) {
	good := encodeRecording(sampleRecording())
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add(recordingV1(sampleRecording()))
	f.Add([]byte{})
	f.Add([]byte{recordingVersion})
	f.Add([]byte{recordingVersion, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, err := decodeRecording(b)
		if err != nil {
			return
		}
		// What decodes re-encodes to a recording that decodes the same.
		again, err := decodeRecording(encodeRecording(recs))
		if err != nil || len(again) != len(recs) || len(recs) > 0 && !reflect.DeepEqual(again, recs) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
