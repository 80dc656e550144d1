package wasm

import (
	"fmt"
	"math"
)

// Number widgets: Slider, SliderRange, NumberInput. Their parameters are checked (A15): a bad
// range, step or default is an exception element naming the widget, never a silent clamp or swap.
// A keyed widget whose parameters change keeps its value if still in range, else starts again at
// its default (A2).

// Number is the type of a slider's or number input's value.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~float32 | ~float64
}

// maxSafeInteger is the largest integer a browser number (a float64) holds exactly: 2^53 - 1.
const maxSafeInteger = 1<<53 - 1

func isInteger[T Number]() bool {
	var one T = 1
	return one/2 == 0
}

func defaultStep[T Number]() float64 {
	if isInteger[T]() {
		return 1
	}
	return 0.01
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// widgetStep returns the step Step gave, or T's default; a step not above zero is refused.
func widgetStep[T Number](fn, label string, o *widgetOptions) float64 {
	if !o.hasStep {
		return defaultStep[T]()
	}
	if !(o.step > 0) {
		panic(&WidgetError{Func: fn, Label: label, Problem: fmt.Sprintf("step %v is not above zero", o.step),
			Fix: "Pass a step above zero, or leave Step out for the default (1 for integers, 0.01 otherwise)."})
	}
	return o.step
}

// sliderRange refuses a slider range that is empty or reversed.
func sliderRange[T Number](fn, label string, min, max T) {
	switch {
	case float64(min) > float64(max):
		panic(&WidgetError{Func: fn, Label: label, Problem: fmt.Sprintf("min %v is greater than max %v", min, max),
			Fix: "Pass min below max."})
	case float64(min) == float64(max):
		panic(&WidgetError{Func: fn, Label: label, Problem: fmt.Sprintf("min and max are both %v", min),
			Fix: "A slider needs a range: pass a max above min."})
	}
}

// inRange reports whether v is in [lo, hi] (NaN is not).
func inRange(v, lo, hi float64) bool { return v >= lo && v <= hi }

// outOfRange is the problem of a value v outside [lo, hi].
func outOfRange(what string, v any, lo, hi any) string {
	return fmt.Sprintf("%s %v is outside [%v, %v]", what, v, lo, hi)
}

// Slider draws a slider from min to max, at value at first, and returns its value. min must be
// below max, value in [min, max], and a Step above zero.
func Slider[T Number](st *Session, label string, min, max, value T, opts ...WidgetOption) T {
	o := widgetOpts(opts)
	sliderRange("Slider", label, min, max)
	step := widgetStep[T]("Slider", label, o)
	lo, hi, v0 := float64(min), float64(max), float64(value)
	if !inRange(v0, lo, hi) {
		panic(&WidgetError{Func: "Slider", Label: label, Problem: outOfRange("value", value, min, max),
			Fix: "Pass a value between min and max."})
	}
	o.identity(lo, hi, v0, step)
	o.hasDefault = v0 != lo
	o.state(func(v any) (any, bool) {
		f, ok := v.(float64)
		return T(f), ok
	}, func(v any) (any, error) {
		t, ok := v.(T)
		if !ok {
			return nil, typeError[T](v)
		}
		if !inRange(float64(t), lo, hi) {
			return nil, fmt.Errorf("%s", outOfRange("the value", t, min, max))
		}
		return float64(t), nil
	})
	var v float64
	id := st.use(kindSlider, label, o, func() any { return v0 }, func(w *widget) {
		f, ok := w.value.(float64)
		if !ok || !inRange(f, lo, hi) {
			f = v0 // out of a keyed slider's new range: its default, not a clamp
		}
		v = f
		w.value = v
	})
	st.emitWidget(kindSlider, id, label, o, func(p *props) {
		p.num("min", lo).num("max", hi).num("step", step).num("value", v)
	})
	return T(v)
}

// SliderRange draws a slider with two thumbs, at lo and hi at first, and returns the range
// chosen. min must be below max, and min <= lo <= hi <= max.
func SliderRange[T Number](st *Session, label string, min, max, lo, hi T, opts ...WidgetOption) (T, T) {
	o := widgetOpts(opts)
	sliderRange("SliderRange", label, min, max)
	step := widgetStep[T]("SliderRange", label, o)
	fmin, fmax := float64(min), float64(max)
	for _, x := range []T{lo, hi} {
		if !inRange(float64(x), fmin, fmax) {
			panic(&WidgetError{Func: "SliderRange", Label: label, Problem: outOfRange("value", x, min, max),
				Fix: "Pass lo and hi between min and max."})
		}
	}
	if lo > hi {
		panic(&WidgetError{Func: "SliderRange", Label: label, Problem: fmt.Sprintf("lo %v is greater than hi %v", lo, hi),
			Fix: "Pass lo first, then hi."})
	}
	def := [2]float64{float64(lo), float64(hi)}
	valid := func(r [2]float64) bool { return inRange(r[0], fmin, fmax) && inRange(r[1], fmin, fmax) && r[0] <= r[1] }
	o.identity(fmin, fmax, def, step)
	o.hasDefault = def != [2]float64{fmin, fmax}
	o.state(func(v any) (any, bool) {
		r, ok := v.([2]float64)
		return [2]T{T(r[0]), T(r[1])}, ok
	}, func(v any) (any, error) {
		t, ok := v.([2]T)
		if !ok {
			return nil, typeError[[2]T](v)
		}
		r := [2]float64{float64(t[0]), float64(t[1])}
		if !valid(r) {
			return nil, fmt.Errorf("%v is not a range in [%v, %v]", t, min, max)
		}
		return r, nil
	})
	var v [2]float64
	id := st.use(kindSlider, label, o, func() any { return def }, func(w *widget) {
		r, ok := w.value.([2]float64)
		if !ok || !valid(r) {
			r = def
		}
		v = r
		w.value = v
	})
	st.emitWidget(kindSlider, id, label, o, func(p *props) {
		p.num("min", fmin).num("max", fmax).num("step", step).nums("value", v[:])
	})
	return T(v[0]), T(v[1])
}

// bound formats a number input's Min or Max for messages.
func bound(b *float64, inf float64) float64 {
	if b == nil {
		return inf
	}
	return *b
}

// NumberInput draws a number field with step buttons and returns its value. Min and Max options
// bound it, and value must be within them; an integer value must be one a browser number holds
// exactly (within ±(2^53-1)). A value the user clears is reported as the default; NumberInputOpt
// reports it as nil.
func NumberInput[T Number](st *Session, label string, value T, opts ...WidgetOption) T {
	if v := numberInput(st, "NumberInput", label, &value, widgetOpts(opts)); v != nil {
		return *v
	}
	return value
}

// numberInput is NumberInput and NumberInputOpt: value nil starts the field empty, and the result
// is nil while it is empty.
func numberInput[T Number](st *Session, fn, label string, value *T, o *widgetOptions) *T {
	step := widgetStep[T](fn, label, o)
	lo, hi := bound(o.min, math.Inf(-1)), bound(o.max, math.Inf(1))
	var v0 *float64
	if value != nil {
		f := float64(*value)
		v0 = &f
	}
	switch {
	case lo > hi:
		panic(&WidgetError{Func: fn, Label: label, Problem: fmt.Sprintf("min %v is greater than max %v", lo, hi),
			Fix: "Pass Min below Max."})
	case v0 == nil:
	case isInteger[T]() && math.Abs(*v0) > maxSafeInteger:
		panic(&WidgetError{Func: fn, Label: label,
			Problem: fmt.Sprintf("value %v is beyond ±%d, the largest integer a browser number input holds exactly", *value, int64(maxSafeInteger)),
			Fix:     "Use a smaller value, or a TextInput for identifiers this long."})
	case !inRange(*v0, lo, hi):
		panic(&WidgetError{Func: fn, Label: label, Problem: outOfRange("value", *value, lo, hi),
			Fix: "Pass a value between Min and Max, or widen them."})
	}
	natural := 0.0
	if o.min != nil {
		natural = *o.min
	}
	if v0 == nil {
		o.identity(nil, lo, hi, step)
		o.hasDefault = false
	} else {
		o.identity(*v0, lo, hi, step)
		o.hasDefault = *v0 != natural
	}
	o.state(func(v any) (any, bool) {
		f, ok := v.(*float64)
		if !ok || f == nil {
			return T(0), false
		}
		return T(*f), true
	}, func(v any) (any, error) {
		t, ok := v.(T)
		if !ok {
			return nil, typeError[T](v)
		}
		f := float64(t)
		if !inRange(f, lo, hi) {
			return nil, fmt.Errorf("%s", outOfRange("the value", t, lo, hi))
		}
		return &f, nil
	})
	initial := func() *float64 {
		if v0 == nil {
			return nil
		}
		f := *v0
		return &f
	}
	var v *float64
	id := st.use(kindNumberInput, label, o, func() any { return initial() }, func(w *widget) {
		f, ok := w.value.(*float64)
		switch {
		case ok && f == nil: // cleared by the user, or started empty
			v = nil
		case ok && inRange(*f, lo, hi):
			x := *f
			if isInteger[T]() {
				x = math.Round(x)
			}
			v = &x
		default: // out of a keyed widget's new range: its default, not a clamp
			v = initial()
		}
		w.value = v
	})
	st.emitWidget(kindNumberInput, id, label, o, func(p *props) {
		p.optNum("min", o.min).optNum("max", o.max).num("step", step).optNum("value", v).str("placeholder", o.placeholder)
	})
	if v == nil {
		return nil
	}
	t := T(*v)
	return &t
}
