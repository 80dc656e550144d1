package wasm

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

func TestNewKindsFromProps_B14(t *testing.T) {
	noon := TimeOfDay{Hour: 12, Minute: 5}
	for _, tc := range []struct {
		kind, props string
		want        any
		nopts       int
	}{
		{kindButtonGroup, `{"variant":"pills","options":["a","b"],"selected":[1],"multi":false}`,
			choiceValue{shown: []any{replayedOption(0), replayedOption(1)}, chosen: []any{replayedOption(1)}}, 2},
		{kindButtonGroup, `{"variant":"segmented_control","options":["a","b","c"],"selected":[2,0,2],"multi":true}`,
			choiceValue{shown: []any{replayedOption(0), replayedOption(1), replayedOption(2)}, chosen: []any{replayedOption(0), replayedOption(2)}, multi: true}, 3},
		{kindButtonGroup, `{"variant":"feedback","options":["Thumbs up","Thumbs down"],"selected":[],"multi":false}`,
			choiceValue{shown: []any{replayedOption(0), replayedOption(1)}, chosen: []any{}}, 2},
		{kindTimeInput, `{"value":"12:05"}`, &noon, -1},
		{kindTimeInput, `{"value":null}`, (*TimeOfDay)(nil), -1},
		{kindDateInput, `{"value":["2026-03-02","2026-03-09"]}`, [2]Date{{2026, 3, 2}, {2026, 3, 9}}, -1},
	} {
		v, n, err := widgetFromProps(tc.kind, []byte(tc.props))
		if err != nil || !reflect.DeepEqual(v, tc.want) || n != tc.nopts {
			t.Errorf("%s %s: got %#v, %d, %v; want %#v, %d", tc.kind, tc.props, v, n, err, tc.want, tc.nopts)
		}
	}
	for _, bad := range [][2]string{
		{kindButtonGroup, `{"variant":"pills","options":["a"],"selected":[1]}`},
		{kindButtonGroup, `{"variant":"pills","options":["a","b"],"selected":[0,1],"multi":false}`},
		{kindButtonGroup, `{"variant":"stars","options":["a"],"selected":[]}`},
		{kindTimeInput, `{"value":"25:00"}`},
		{kindDateInput, `{"value":["2026-03-02","soon"]}`},
		{kindChatInput, `{"placeholder":"Ask"}`},
	} {
		if _, _, err := widgetFromProps(bad[0], []byte(bad[1])); err == nil {
			t.Errorf("%s %s: no error", bad[0], bad[1])
		}
	}
}

func TestButtonGroupKeyIsTheSameLiveAndReplayed_B14(t *testing.T) {
	live := &widget{kind: kindPills, value: choiceValue{shown: []any{"x", "y", "z"}, chosen: []any{"z", "x"}, multi: true}}
	v, _, err := widgetFromProps(kindButtonGroup, []byte(`{"variant":"pills","options":["x","y","z"],"selected":[0,2],"multi":true}`))
	if err != nil {
		t.Fatal(err)
	}
	replayed := &widget{kind: kindPills, value: v}
	if a, b := string(live.encodeValue()), string(replayed.encodeValue()); a != b || a != "[0,2]" {
		t.Errorf("live key value %s, replayed %s; want both [0,2]", a, b)
	}
	got := v.(choiceValue).resolved([]any{"x", "y", "z"})
	if !reflect.DeepEqual(got.chosen, []any{"x", "z"}) {
		t.Errorf("resolved chosen = %#v, want x, z", got.chosen)
	}
}

// A widget replayed from a cache recording takes its events before its widget function draws it
// live: a replayed widget of each kind that decodes outside apply gets its decoder.
func TestReplayedWidgetsDecodeBeforeDrawn_B14(t *testing.T) {
	for _, tc := range []struct{ kind, props, event string }{
		{kindPills, `{"variant":"pills","options":["x","y"],"selected":[0],"multi":false}`, `[1]`},
		{kindSegmentedControl, `{"variant":"segmented_control","options":["x","y"],"selected":[],"multi":true}`, `[0,1]`},
		{kindFeedback, `{"variant":"feedback","options":["up","down"],"selected":[],"multi":false}`, `[0]`},
		{kindTimeInput, `{"value":"12:30"}`, `"07:05"`},
	} {
		elem := tc.kind
		if tc.kind != kindTimeInput {
			elem = kindButtonGroup
		}
		v, nopts, err := widgetFromProps(elem, []byte(tc.props))
		if err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		w := &widget{kind: tc.kind, value: v, nopts: nopts, decode: replayedDecoder(tc.kind)}
		if err := w.apply(wire.Event{ID: "x", Type: wire.EventChange, Value: json.RawMessage(tc.event)}); err != nil {
			t.Errorf("replayed %s refused %s: %v", tc.kind, tc.event, err)
		}
	}
}
