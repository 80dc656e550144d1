package wasm

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// A select slider is a slider over a list of options (Streamlit's st.select_slider): the page
// shows the options' labels and sends back positions; Go keeps the option values chosen (A2), so
// a keyed select slider whose options change keeps its values while they are offered.
const kindSelectSlider = "stSelectSlider"

// sliderPick is a select slider's stored value: the options chosen, one or two (lo, hi), by value,
// and where each sat among the options last drawn. values is nil for a choice known only by
// position (a widget replayed from a cache recording, B14).
type sliderPick struct {
	values []any
	index  []int
}

// decodeSelectSlider takes a position, or [lo, hi] positions for a range, into the options drawn.
func decodeSelectSlider(w *widget, e wire.Event) error {
	var one *int
	var idx []int
	if err := json.Unmarshal(e.Value, &one); err == nil && one != nil {
		idx = []int{*one}
	} else if err := json.Unmarshal(e.Value, &idx); err != nil || len(idx) != 2 {
		return fmt.Errorf("a select slider sends a position or [lo, hi] positions")
	}
	old, _ := w.value.(sliderPick)
	if len(old.index) != len(idx) {
		return fmt.Errorf("%d positions for a select slider of %d", len(idx), len(old.index))
	}
	for _, i := range idx {
		if i < 0 || i >= w.nopts {
			return fmt.Errorf("position %d out of range [0, %d)", i, w.nopts)
		}
	}
	if len(idx) == 2 && idx[0] > idx[1] {
		return fmt.Errorf("range [%d, %d] is reversed", idx[0], idx[1])
	}
	pick := sliderPick{index: idx}
	if w.option != nil {
		for _, i := range idx {
			pick.values = append(pick.values, w.option(i))
		}
	}
	w.value = pick
	return nil
}

// positions returns where the values of p sit in options, or false when one is no longer
// offered. The position p remembers is the first guess, which tells duplicates apart.
func (p sliderPick) positions(options []any) ([]int, bool) {
	if p.values == nil {
		for _, i := range p.index {
			if i < 0 || i >= len(options) {
				return nil, false
			}
		}
		return slices.Clone(p.index), true
	}
	out := make([]int, len(p.values))
	for k, v := range p.values {
		if k < len(p.index) && p.index[k] >= 0 && p.index[k] < len(options) && options[p.index[k]] == v {
			out[k] = p.index[k]
			continue
		}
		i := slices.Index(options, v)
		if i < 0 {
			return nil, false
		}
		out[k] = i
	}
	return out, true
}

// selectSlider draws a select slider at the positions def and returns the positions chosen.
func selectSlider[T comparable](st *Session, label string, options []T, def []int, o *widgetOptions) []int {
	boxedOpts := boxed(options)
	pickOf := func(idx []int) sliderPick {
		p := sliderPick{index: slices.Clone(idx)}
		for _, i := range idx {
			p.values = append(p.values, boxedOpts[i])
		}
		return p
	}
	o.identity(options, def)
	o.hasDefault = !slices.Equal(def, []int{0}) && !slices.Equal(def, []int{0, len(options) - 1})
	single := len(def) == 1
	o.state(func(v any) (any, bool) {
		p, _ := v.(sliderPick)
		if len(p.values) == 1 {
			t, ok := p.values[0].(T)
			return t, ok
		}
		if len(p.values) == 2 {
			lo, ok1 := p.values[0].(T)
			hi, ok2 := p.values[1].(T)
			return [2]T{lo, hi}, ok1 && ok2
		}
		return nil, false
	}, func(v any) (any, error) {
		var want []T
		switch t := v.(type) {
		case T:
			if !single {
				return nil, typeError[[2]T](v)
			}
			want = []T{t}
		case [2]T:
			if single {
				return nil, typeError[T](v)
			}
			want = t[:]
		default:
			if single {
				return nil, typeError[T](v)
			}
			return nil, typeError[[2]T](v)
		}
		idx := make([]int, len(want))
		for k, t := range want {
			if idx[k] = slices.Index(options, t); idx[k] < 0 {
				return nil, fmt.Errorf("%#v is not one of its options", t)
			}
		}
		if len(idx) == 2 && idx[0] > idx[1] {
			return nil, fmt.Errorf("%#v comes after %#v among its options", want[0], want[1])
		}
		return pickOf(idx), nil
	})
	var at []int
	id := st.use(kindSelectSlider, label, o, func() any { return pickOf(def) }, func(w *widget) {
		w.decode = decodeSelectSlider
		p, _ := w.value.(sliderPick)
		idx, ok := p.positions(boxedOpts)
		if !ok || len(idx) != len(def) || (len(idx) == 2 && idx[0] > idx[1]) {
			idx = def // a value no longer offered: back to the default
		}
		at = idx
		w.value = pickOf(idx)
		w.nopts = len(options)
		w.option = optionAt(options)
	})
	labels := optionLabels(options, o)
	st.emitWidget(kindSelectSlider, id, label, o, func(p *props) {
		p.strs("options", labels).ints("value", at)
	})
	return at
}

// optionIndex returns the position of v in options, or stops the run with a WidgetError naming
// fn when v is not among them.
func optionIndex[T comparable](fn, label, what string, options []T, v T) int {
	if len(options) == 0 {
		panic(&WidgetError{Func: fn, Label: label, Problem: "has no options",
			Fix: "Give it at least one option to slide over."})
	}
	i := slices.Index(options, v)
	if i < 0 {
		panic(&WidgetError{Func: fn, Label: label, Problem: fmt.Sprintf("the %s %#v is not one of its options", what, v),
			Fix: "Pass a value taken from the options."})
	}
	return i
}

// SelectSlider draws a slider over options, at value at first, and returns the option chosen
// (Streamlit's st.select_slider). value must be one of the options, and there must be at least
// one option. Format sets how an option is shown. With a key, the value is in session state as
// a T.
func SelectSlider[T comparable](st *Session, label string, options []T, value T, opts ...WidgetOption) T {
	i := optionIndex("SelectSlider", label, "value", options, value)
	at := selectSlider(st, label, options, []int{i}, widgetOpts(opts))
	return options[at[0]]
}

// SelectSliderRange draws a slider with two thumbs over options, at lo and hi at first, and
// returns the range chosen, lo first (Streamlit's st.select_slider with a pair). lo and hi must
// be options, lo not after hi. With a key, the value is in session state as a [2]T.
func SelectSliderRange[T comparable](st *Session, label string, options []T, lo, hi T, opts ...WidgetOption) (T, T) {
	i := optionIndex("SelectSliderRange", label, "lo", options, lo)
	j := optionIndex("SelectSliderRange", label, "hi", options, hi)
	if i > j {
		panic(&WidgetError{Func: "SelectSliderRange", Label: label, Problem: fmt.Sprintf("lo %#v comes after hi %#v among its options", lo, hi),
			Fix: "Pass lo first, then hi, in the order of the options."})
	}
	at := selectSlider(st, label, options, []int{i, j}, widgetOpts(opts))
	return options[at[0]], options[at[1]]
}
