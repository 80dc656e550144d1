package wasm

import (
	"encoding/json"
	"fmt"
	"slices"
)

// Widgets inside cached functions (B14) for the kinds that came after the first ones: button
// groups (pills, segmented controls, feedback), the time input and the date range input are
// recorded and replayed like the others; the chat input is refused.

// neverCached reports whether a widget of kind may not be drawn inside a cached function even
// with cache.AllowWidgets: a chat input is pinned to the bottom of the page, not where the
// function draws, and returns a message for one run only, so a replay could show neither. A data
// editor's value is an edit set over the frame it was given, which a recording does not keep.
func neverCached(kind string) bool { return kind == kindChatInput || kind == kindDataEditor }

// buttonGroupKinds maps a button group's variant prop to its widget kind.
var buttonGroupKinds = map[string]string{
	"pills":             kindPills,
	"segmented_control": kindSegmentedControl,
	"feedback":          kindFeedback,
}

// widgetKind returns the widget kind of a recorded element of kind: the element kind itself,
// except for a button group, whose variant names the kind.
func widgetKind(kind string, props []byte) string {
	if kind != kindButtonGroup {
		return kind
	}
	var p struct {
		Variant string `json:"variant"`
	}
	_ = json.Unmarshal(props, &p)
	if k, ok := buttonGroupKinds[p.Variant]; ok {
		return k
	}
	return kind
}

// replayedOption stands for option i of a button group replayed from a recording in a session
// where its widget function has not drawn it yet: the recording has the options' labels, not
// their values. The widget function, when it draws the group, puts the option values in their
// place (choiceValue.resolved).
type replayedOption int

// choiceFromProps returns the state of a button group recorded with variant, options and the
// indexes selected.
func choiceFromProps(variant string, noptions int, selected []int, multi bool) (choiceValue, error) {
	if _, ok := buttonGroupKinds[variant]; !ok {
		return choiceValue{}, fmt.Errorf("unknown button group variant %q", variant)
	}
	if !multi && len(selected) > 1 {
		return choiceValue{}, fmt.Errorf("%d options chosen in a single choice", len(selected))
	}
	v := choiceValue{shown: make([]any, noptions), chosen: []any{}, multi: multi}
	for i := range v.shown {
		v.shown[i] = replayedOption(i)
	}
	sel := slices.Clone(selected)
	slices.Sort(sel)
	for _, i := range slices.Compact(sel) {
		if i < 0 || i >= noptions {
			return choiceValue{}, fmt.Errorf("index %d out of range", i)
		}
		v.chosen = append(v.chosen, replayedOption(i))
	}
	return v, nil
}

// resolved returns v with the options a replay chose by index (replayedOption) replaced by the
// values of options at those indexes; the others are left for the caller to drop.
func (v choiceValue) resolved(options []any) choiceValue {
	if !slices.ContainsFunc(v.chosen, func(c any) bool { _, ok := c.(replayedOption); return ok }) {
		return v
	}
	v.chosen = slices.Clone(v.chosen)
	for k, c := range v.chosen {
		if i, ok := c.(replayedOption); ok && int(i) < len(options) {
			v.chosen[k] = options[i]
		}
	}
	return v
}

// encodeChoice is a button group's value as part of a cache key: the indexes, into the options
// as last drawn, of those chosen, in increasing order, as the page shows them. A group drawn by
// its function and one replayed from a recording give the same bytes.
func encodeChoice(v choiceValue) []byte {
	on := []int{}
	for _, c := range v.chosen {
		if i := slices.Index(v.shown, c); i >= 0 {
			on = append(on, i)
		}
	}
	slices.Sort(on)
	b, _ := json.Marshal(slices.Compact(on))
	return b
}

// timeFromProps returns a time input's value from its recorded value prop: "HH:MM[:SS]", or null
// for an empty field.
func timeFromProps(value json.RawMessage) (*TimeOfDay, error) {
	var s *string
	if err := json.Unmarshal(value, &s); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, nil
	}
	t, err := ParseTimeOfDay(*s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// dateRangeFromProps returns a date range input's value from its recorded value prop, a pair of
// "YYYY-MM-DD" days.
func dateRangeFromProps(value json.RawMessage) ([2]Date, error) {
	var s [2]string
	if err := json.Unmarshal(value, &s); err != nil {
		return [2]Date{}, err
	}
	a, err := ParseDate(s[0])
	if err != nil {
		return [2]Date{}, err
	}
	b, err := ParseDate(s[1])
	if err != nil {
		return [2]Date{}, err
	}
	return [2]Date{a, b}, nil
}
