package wasm

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// Button groups: pills, segmented controls and feedback. Each draws an stButtonGroup element (its
// Streamlit test id) whose props name the variant; each variant is its own widget kind, so a
// pills and a segmented control with one label are two widgets, as in Streamlit.
const (
	kindButtonGroup = "stButtonGroup"

	kindPills            = "stPills"
	kindSegmentedControl = "stSegmentedControl"
	kindFeedback         = "stFeedback"
)

// choiceValue is a button group's state. It remembers the options chosen, never their indexes:
// when the options change, the ones still offered stay chosen and the others are dropped, so
// the widget never returns a value the user did not choose.
type choiceValue struct {
	shown  []any // the options as last drawn, which an event's indexes refer to
	chosen []any // the options chosen
	multi  bool
}

// decodeChoice takes the indexes, into the options as drawn, of the buttons now on: one or none
// for a single choice.
func decodeChoice(w *widget, e wire.Event) error {
	var idx []int
	if err := json.Unmarshal(e.Value, &idx); err != nil {
		return err
	}
	if idx == nil {
		return errors.New("the buttons on are an array of indexes, not null")
	}
	v, _ := w.value.(choiceValue)
	if !v.multi && len(idx) > 1 {
		return fmt.Errorf("%d options chosen in a single choice", len(idx))
	}
	chosen := make([]any, 0, len(idx))
	for _, i := range idx {
		if i < 0 || i >= len(v.shown) {
			return fmt.Errorf("index %d out of range [0, %d)", i, len(v.shown))
		}
		if !slices.Contains(chosen, v.shown[i]) {
			chosen = append(chosen, v.shown[i])
		}
	}
	v.chosen = chosen
	w.value = v
	return nil
}

// buttonGroup draws a button group of variant and returns the indexes, in options order, of the
// options chosen. defaults are the options chosen when the widget is new.
func (st *Session) buttonGroup(kind, variant, label string, options, defaults []any, labels []string, multi bool, o *widgetOptions, build func(p *props)) []int {
	var on []int
	id := st.use(kind, label, o, func() any {
		return choiceValue{chosen: slices.Clone(defaults), multi: multi}
	}, func(w *widget) {
		w.decode = decodeChoice
		v, _ := w.value.(choiceValue)
		v = v.resolved(options) // replayed from a cache recording (B14)
		v.shown, v.multi = options, multi
		kept := v.chosen[:0:0]
		for _, c := range v.chosen {
			if i := slices.Index(options, c); i >= 0 {
				kept = append(kept, c)
				on = append(on, i)
			}
		}
		v.chosen = kept
		w.value = v
	})
	slices.Sort(on)
	st.emitWidget(kindButtonGroup, id, label, o, func(p *props) {
		p.str("variant", variant).strs("options", labels).ints("selected", on).boolean("multi", multi)
		if build != nil {
			build(p)
		}
	})
	return on
}

// boxed returns options as []any, the form a button group's state keeps them in.
func boxed[T comparable](options []T) []any {
	out := make([]any, len(options))
	for i, v := range options {
		out[i] = v
	}
	return out
}

// singleDefault returns the option Index(i) chooses at first, if any, checking i.
func singleDefault(fn, label string, n int, o *widgetOptions) (int, error) {
	if !o.hasIndex || o.index == -1 {
		return -1, nil
	}
	if o.index < 0 || o.index >= n {
		return -1, &APIError{Func: fn, Problem: fmt.Sprintf("%q: Index(%d) is out of range for %d options", label, o.index, n),
			Fix: fmt.Sprintf("give an index from 0 to %d, or -1 for no choice", n-1)}
	}
	return o.index, nil
}

func single[T comparable](st *Session, fn, kind, variant, label string, options []T, opts []WidgetOption) (T, bool) {
	o := widgetOpts(opts)
	var zero T
	def, err := singleDefault(fn, label, len(options), o)
	if err != nil {
		panic(err)
	}
	var defaults []any
	if def >= 0 {
		defaults = []any{options[def]}
	}
	on := st.buttonGroup(kind, variant, label, boxed(options), defaults, optionLabels(options, o), false, o, nil)
	if len(on) == 0 {
		return zero, false
	}
	return options[on[0]], true
}

func multiple[T comparable](st *Session, fn, kind, variant, label string, options, defaults []T, opts []WidgetOption) []T {
	o := widgetOpts(opts)
	for _, d := range defaults {
		if !slices.Contains(options, d) {
			panic(&APIError{Func: fn, Problem: fmt.Sprintf("%q: the default %v is not one of the options", label, d),
				Fix: "give defaults from the options only"})
		}
	}
	on := st.buttonGroup(kind, variant, label, boxed(options), boxed(defaults), optionLabels(options, o), true, o, nil)
	out := make([]T, len(on))
	for k, i := range on {
		out[k] = options[i]
	}
	return out
}

// Pills draws the options as a row of pill buttons of which the user picks one, or none (Streamlit's
// st.pills). It returns the option chosen and true, or T's zero value and false. Nothing is chosen at
// first unless Index(i) chooses options[i]; clicking the chosen pill again unchooses it. Format sets
// how an option is shown.
func Pills[T comparable](st *Session, label string, options []T, opts ...WidgetOption) (T, bool) {
	return single(st, "Pills", kindPills, "pills", label, options, opts)
}

// PillsMulti draws the options as pill buttons of which the user picks any number, defaults chosen
// at first, and returns the options chosen, in the order of options.
func PillsMulti[T comparable](st *Session, label string, options, defaults []T, opts ...WidgetOption) []T {
	return multiple(st, "PillsMulti", kindPills, "pills", label, options, defaults, opts)
}

// SegmentedControl draws the options as one bar of joined buttons of which the user picks one, or
// none (Streamlit's st.segmented_control); otherwise it works as Pills.
func SegmentedControl[T comparable](st *Session, label string, options []T, opts ...WidgetOption) (T, bool) {
	return single(st, "SegmentedControl", kindSegmentedControl, "segmented_control", label, options, opts)
}

// SegmentedControlMulti is SegmentedControl letting the user pick any number of options; it works
// as PillsMulti.
func SegmentedControlMulti[T comparable](st *Session, label string, options, defaults []T, opts ...WidgetOption) []T {
	return multiple(st, "SegmentedControlMulti", kindSegmentedControl, "segmented_control", label, options, defaults, opts)
}

// FeedbackKind is the set of buttons Feedback draws.
type FeedbackKind string

// The feedback kinds, as Streamlit names them.
const (
	FeedbackThumbs FeedbackKind = "thumbs" // thumbs down (0) and up (1), drawn up first
	FeedbackFaces  FeedbackKind = "faces"  // five faces from sad (0) to happy (4)
	FeedbackStars  FeedbackKind = "stars"  // one to five stars (0 to 4)
)

// feedbackNames are the accessible names of each kind's buttons, in the order they are drawn.
var feedbackNames = map[FeedbackKind][]string{
	FeedbackThumbs: {"Thumbs up", "Thumbs down"},
	FeedbackFaces:  {"Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"},
	FeedbackStars:  {"1 star", "2 stars", "3 stars", "4 stars", "5 stars"},
}

// Feedback draws a row of rating buttons (Streamlit's st.feedback) and returns the rating chosen
// and true, or 0 and false before the user picks one. Thumbs rate 0 (down) or 1 (up); faces and
// stars rate 0 to 4. Clicking the chosen button again takes the rating back. Like Streamlit's it
// has no label: its identity is its kind, so two feedback widgets need each their own Key. An
// unknown kind stops the run with an APIError.
func (st *Session) Feedback(kind FeedbackKind, opts ...WidgetOption) (int, bool) {
	names, ok := feedbackNames[kind]
	if !ok {
		panic(&APIError{Func: "Feedback", Problem: fmt.Sprintf("%q is not a feedback kind", string(kind)),
			Fix: "use wasm.FeedbackThumbs, wasm.FeedbackFaces or wasm.FeedbackStars"})
	}
	o := widgetOpts(opts)
	if o.labelVis == "" {
		o.labelVis = LabelCollapsed // a name for screen readers only, unless the app asks
	}
	// The buttons as drawn, and the rating each gives: thumbs up is drawn first but rates 1.
	ratings := []int{0, 1, 2, 3, 4}[:len(names)]
	if kind == FeedbackThumbs {
		ratings = []int{1, 0}
	}
	label := "Feedback (" + string(kind) + ")"
	on := st.buttonGroup(kindFeedback, "feedback", label, boxed(ratings), nil, names, false, o, func(p *props) {
		p.str("feedback", string(kind))
	})
	if len(on) == 0 {
		return 0, false
	}
	return ratings[on[0]], true
}
