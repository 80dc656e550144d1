package wasm

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/driver"
)

// Widgets inside cached functions (B14): policing them while a cached function records, and
// making replayed widgets live.

// checkWidget refuses a widget drawn inside a cached function that does not allow widgets (the
// innermost such function is named), and a widget kind that cannot be cached at all: a file
// uploader in a function that allows widgets, a chat input in any (neverCached).
func (s *session) checkWidget(kind, label string) {
	for r := s.recorder; r != nil; r = r.outer {
		if neverCached(kind) {
			panic(&cache.CachedWidgetError{Func: r.fn, Kind: kind, Label: label, Unsupported: true})
		}
		if !r.allow {
			panic(&cache.CachedWidgetError{Func: r.fn, Kind: kind, Label: label})
		}
		if kind == kindFileUploader {
			panic(&cache.CachedWidgetError{Func: r.fn, Kind: kind, Label: label, Unsupported: true})
		}
	}
}

// recordWidgetLocked tells every recording cached function that widget id was drawn with w's
// value; fresh says w was created by this drawing. The caller holds s.mu.
func (s *session) recordWidgetLocked(id string, w *widget, fresh bool) {
	if s.recorder == nil {
		return
	}
	v := w.encodeValue()
	for r := s.recorder; r != nil; r = r.outer {
		seen := false
		for _, d := range r.widgets {
			if d.ID == id {
				seen = true
				break
			}
		}
		if !seen {
			r.widgets = append(r.widgets, driver.DrawnWidget{ID: id, Value: v, Fresh: fresh})
		}
	}
}

// encodeValue is w's value as part of a cache key: equal values give equal bytes. A button's
// value is whether it was clicked in this run. The caller holds s.mu.
func (w *widget) encodeValue() []byte {
	switch w.kind {
	case kindButton, kindSubmit:
		if w.active {
			return []byte("true")
		}
		return []byte("false")
	case kindRadio, kindSelectbox:
		// The chosen option's index, or -1: as the page shows it.
		sel, _ := w.value.(selection)
		i := -1
		if len(sel.index) > 0 {
			i = sel.index[0]
		}
		b, _ := json.Marshal(i)
		return b
	case kindMultiselect:
		sel, _ := w.value.(selection)
		v := slices.Clone(sel.index)
		slices.Sort(v)
		if v == nil {
			v = []int{}
		}
		b, _ := json.Marshal(v)
		return b
	case kindPills, kindSegmentedControl, kindFeedback:
		v, _ := w.value.(choiceValue)
		return encodeChoice(v)
	}
	b, err := json.Marshal(w.value)
	if err != nil {
		return []byte(fmt.Sprintf("%T %v", w.value, w.value)) // unreachable for widget values
	}
	return b
}

// replayWidget makes a recorded widget live before its element is emitted again: it is claimed
// for this run like a widget the app draws, and its state is made from the recorded props when
// the session has none.
func (st *Session) replayWidget(r recorded) error {
	s := st.s
	kind := widgetKind(r.kind, r.props)
	label := propsLabel(r.props)
	s.checkWidget(kind, label)
	s.claimWidget(r.widget, kind, label)
	value, nopts, err := widgetFromProps(r.kind, r.props)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.widgets[r.widget]
	fresh := w == nil || w.kind != kind
	if fresh {
		w = &widget{kind: kind, value: value, decode: replayedDecoder(kind)}
		s.widgets[r.widget] = w
	}
	if nopts >= 0 {
		w.nopts = nopts
	}
	s.recordWidgetLocked(r.widget, w, fresh)
	return nil
}

// replayedDecoder returns the decoder of a replayed widget of kind, among the kinds that decode
// outside apply and can be replayed (widgetFromProps): the page may send its events before its
// widget function draws it live.
func replayedDecoder(kind string) decoder {
	switch kind {
	case kindPills, kindSegmentedControl, kindFeedback:
		return decodeChoice
	case kindTimeInput:
		return decodeTime
	}
	return nil
}

// propsLabel returns the label in a widget's props.
func propsLabel(props []byte) string {
	var p struct {
		Label string `json:"label"`
	}
	_ = json.Unmarshal(props, &p)
	return p.Label
}

// widgetFromProps returns the value a widget of kind shows with props (as its widget functions
// write them), and its number of options (-1 for kinds without options). kind is the element's
// kind: stButtonGroup for every button group.
func widgetFromProps(kind string, props []byte) (value any, nopts int, err error) {
	var p struct {
		Value    json.RawMessage   `json:"value"`
		Index    *int              `json:"index"`
		Selected []int             `json:"selected"`
		Options  []json.RawMessage `json:"options"`
		Variant  string            `json:"variant"`
		Multi    bool              `json:"multi"`
	}
	bad := func(err error) (any, int, error) {
		return nil, -1, fmt.Errorf("wasmlit: a recorded %s widget has bad props: %v", kind, err)
	}
	if err := json.Unmarshal(props, &p); err != nil {
		return bad(err)
	}
	nopts = -1
	switch kind {
	case kindButton, kindSubmit:
		return nil, -1, nil
	case kindCheckbox, kindToggle:
		var v bool
		err = json.Unmarshal(p.Value, &v)
		value = v
	case kindRadio, kindSelectbox:
		if p.Index == nil || *p.Index < -1 || *p.Index >= len(p.Options) {
			return bad(fmt.Errorf("index out of range"))
		}
		value, nopts = selection{index: []int{}}, len(p.Options)
		if *p.Index >= 0 {
			value = selection{index: []int{*p.Index}}
		}
	case kindMultiselect:
		for _, i := range p.Selected {
			if i < 0 || i >= len(p.Options) {
				return bad(fmt.Errorf("index %d out of range", i))
			}
		}
		sel := slices.Clone(p.Selected)
		slices.Sort(sel)
		sel = slices.Compact(sel)
		if sel == nil {
			sel = []int{}
		}
		value, nopts = selection{index: sel}, len(p.Options)
	case kindSlider:
		var one float64
		if err = json.Unmarshal(p.Value, &one); err == nil {
			value = one
			break
		}
		var two [2]float64
		err = json.Unmarshal(p.Value, &two)
		value = two
	case kindNumberInput:
		var v *float64 // null: empty (NumberInputOpt, A13)
		err = json.Unmarshal(p.Value, &v)
		value = v
	case kindTextInput, kindTextArea:
		var v string
		err = json.Unmarshal(p.Value, &v)
		value = v
	case kindDateInput:
		if string(p.Value) == "null" { // empty (DateInputOpt, A13)
			break
		}
		if len(p.Value) > 0 && p.Value[0] == '[' { // a range (DateRangeInput)
			value, err = dateRangeFromProps(p.Value)
			break
		}
		var v string
		if err = json.Unmarshal(p.Value, &v); err == nil {
			value, err = ParseDate(v)
		}
	case kindButtonGroup:
		value, err = choiceFromProps(p.Variant, len(p.Options), p.Selected, p.Multi)
		nopts = len(p.Options)
	case kindTimeInput:
		value, err = timeFromProps(p.Value)
	default:
		err = fmt.Errorf("widget kind cannot be replayed")
	}
	if err != nil {
		return bad(err)
	}
	return value, nopts, nil
}
