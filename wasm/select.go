package wasm

import (
	"fmt"
	"reflect"
	"slices"
)

// Option widgets (Radio, Selectbox, Multiselect) remember the option values chosen, never an index
// alone (A2): when the option list changes, a keyed widget keeps the values still offered and drops
// the rest; an unkeyed widget is another widget (its options are part of its identity) and starts
// at its default. The page is told, and tells back, indexes into the options drawn.

// optionLabels formats options for display with the Format option or fmt.Sprint.
func optionLabels[T any](options []T, o *widgetOptions) []string {
	f, _ := o.format.(func(T) string)
	labels := make([]string, len(options))
	for i, v := range options {
		if f != nil {
			labels[i] = f(v)
		} else {
			labels[i] = fmt.Sprint(v)
		}
	}
	return labels
}

// sameOption reports whether option a is the chosen value b.
func sameOption[T any](a T, b any) bool {
	bt, ok := b.(T)
	if !ok {
		return false
	}
	switch x := any(a).(type) {
	case string:
		return x == any(bt).(string)
	case int:
		return x == any(bt).(int)
	}
	return reflect.DeepEqual(a, bt)
}

// resolve returns the indexes, in options, of the values sel holds, in increasing order; values
// no longer offered are left out. A selection known only by index keeps the indexes in range.
func resolve[T any](sel selection, options []T) []int {
	out := []int{}
	if sel.values == nil {
		for _, i := range sel.index {
			if i >= 0 && i < len(options) {
				out = append(out, i)
			}
		}
		return out
	}
	for k, v := range sel.values {
		// Where the value was is the first guess: it tells duplicates apart.
		if k < len(sel.index) {
			if i := sel.index[k]; i >= 0 && i < len(options) && sameOption(options[i], v) {
				out = append(out, i)
				continue
			}
		}
		if i := slices.IndexFunc(options, func(o T) bool { return sameOption(o, v) }); i >= 0 {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// selectionOf returns the selection of options at index.
func selectionOf[T any](options []T, index []int) selection {
	values := make([]any, len(index))
	for k, i := range index {
		values[k] = options[i]
	}
	return selection{values: values, index: index}
}

// optionAt returns a function giving option i, for decoding events: it holds its own copy of
// options, which the app may reuse once the widget function returns, while events arrive on
// another goroutine.
func optionAt[T any](options []T) func(i int) any {
	own := slices.Clone(options)
	return func(i int) any { return own[i] }
}

// pickOne draws a single-choice widget and returns the index of the chosen option, or -1 for
// none: when there are no options, when Index(-1) was given, or when the user cleared it.
func pickOne[T any](st *Session, kind, label string, options []T, o *widgetOptions, build func(p *props, index int)) int {
	def := 0
	if o.hasIndex {
		def = o.index
	}
	switch {
	case len(options) == 0:
		def = -1 // a filter that matched nothing: no selection, and the run goes on
	case def < -1 || def >= len(options):
		panic(&WidgetError{Func: funcName(kind), Label: label,
			Problem: fmt.Sprintf("Index(%d) is out of range for %d options", def, len(options)),
			Fix:     fmt.Sprintf("Pass an index from 0 to %d, or -1 for no selection.", len(options)-1)})
	}
	initial := func() selection {
		if def < 0 {
			return selection{values: []any{}, index: []int{}}
		}
		return selectionOf(options, []int{def})
	}
	o.identity(options, def)
	o.hasDefault = o.hasIndex && def >= 0 // Index(-1) (and the Opt variants) start empty: no default
	o.state(func(v any) (any, bool) {
		sel, _ := v.(selection)
		if len(sel.values) == 0 {
			var zero T
			return zero, false
		}
		t, ok := sel.values[0].(T)
		return t, ok
	}, func(v any) (any, error) {
		t, ok := v.(T)
		if !ok {
			return nil, typeError[T](v)
		}
		i := slices.IndexFunc(options, func(o T) bool { return sameOption(o, t) })
		if i < 0 {
			return nil, fmt.Errorf("%#v is not one of its options", t)
		}
		return selectionOf(options, []int{i}), nil
	})
	index := -1
	id := st.use(kind, label, o, func() any { return initial() }, func(w *widget) {
		sel, ok := w.value.(selection)
		idx := resolve(sel, options)
		if !ok || (len(idx) == 0 && len(sel.index)+len(sel.values) > 0) {
			sel = initial() // the choice is no longer offered: back to the default
		} else {
			sel = selectionOf(options, idx[:min(len(idx), 1)])
		}
		w.value = sel
		if len(sel.index) > 0 {
			index = sel.index[0]
		}
		w.nopts = len(options)
		w.option = optionAt(options)
	})
	st.emitWidget(kind, id, label, o, func(p *props) { build(p, index) })
	return index
}

// Radio draws a group of radio buttons and returns the chosen option: the first at first, or the
// one Index gives. With no options, or Index(-1), nothing is chosen and Radio returns T's zero
// value; the run goes on. With a key, State.Lookup tells whether an option is chosen.
func Radio[T any](st *Session, label string, options []T, opts ...WidgetOption) T {
	o := widgetOpts(opts)
	labels := optionLabels(options, o)
	i := pickOne(st, kindRadio, label, options, o, func(p *props, index int) {
		p.strs("options", labels).int("index", index).boolean("horizontal", o.horizontal)
	})
	var zero T
	if i < 0 {
		return zero
	}
	return options[i]
}

// Selectbox draws a drop-down list and returns the chosen option: the first at first, or the one
// Index gives. With no options, or Index(-1), nothing is chosen and Selectbox returns T's zero
// value; the run goes on. With a key, State.Lookup tells whether an option is chosen.
func Selectbox[T any](st *Session, label string, options []T, opts ...WidgetOption) T {
	o := widgetOpts(opts)
	labels := optionLabels(options, o)
	i := pickOne(st, kindSelectbox, label, options, o, func(p *props, index int) {
		p.strs("options", labels).int("index", index).str("placeholder", o.placeholder)
	})
	var zero T
	if i < 0 {
		return zero
	}
	return options[i]
}

// Multiselect draws a multiple-choice list, with defaults chosen at first, and returns the chosen
// options in the order of options. Every default must be one of the options.
func Multiselect[T comparable](st *Session, label string, options []T, defaults []T, opts ...WidgetOption) []T {
	o := widgetOpts(opts)
	labels := optionLabels(options, o)
	var defIndex []int
	for _, d := range defaults {
		i := slices.Index(options, d)
		if i < 0 {
			panic(&WidgetError{Func: "Multiselect", Label: label,
				Problem: fmt.Sprintf("the default %#v is not one of its options", d),
				Fix:     "Pass defaults taken from the options, or add them to the options."})
		}
		defIndex = append(defIndex, i)
	}
	slices.Sort(defIndex)
	defIndex = slices.Compact(defIndex)
	if defIndex == nil {
		defIndex = []int{}
	}
	o.identity(options, defIndex)
	o.hasDefault = len(defaults) > 0
	o.state(func(v any) (any, bool) {
		sel, _ := v.(selection)
		out := make([]T, 0, len(sel.values))
		for _, x := range sel.values {
			if t, ok := x.(T); ok {
				out = append(out, t)
			}
		}
		return out, true
	}, func(v any) (any, error) {
		ts, ok := v.([]T)
		if !ok {
			return nil, typeError[[]T](v)
		}
		var idx []int
		for _, t := range ts {
			i := slices.Index(options, t)
			if i < 0 {
				return nil, fmt.Errorf("%#v is not one of its options", t)
			}
			idx = append(idx, i)
		}
		slices.Sort(idx)
		return selectionOf(options, slices.Compact(append([]int{}, idx...))), nil
	})
	var chosen []int
	id := st.use(kindMultiselect, label, o, func() any { return selectionOf(options, defIndex) }, func(w *widget) {
		sel, ok := w.value.(selection)
		if !ok {
			sel = selectionOf(options, defIndex)
		}
		chosen = resolve(sel, options) // a keyed widget keeps the values still offered
		w.value = selectionOf(options, chosen)
		w.nopts = len(options)
		w.option = optionAt(options)
	})
	st.emitWidget(kindMultiselect, id, label, o, func(p *props) {
		p.strs("options", labels).ints("selected", chosen).str("placeholder", o.placeholder)
	})
	out := make([]T, len(chosen))
	for k, i := range chosen {
		out[k] = options[i]
	}
	return out
}
