package wasm

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Widget kinds, which are also their elements' data-testid.
const (
	kindButton       = "stButton"
	kindSubmit       = "stFormSubmitButton"
	kindCheckbox     = "stCheckbox"
	kindToggle       = "stToggle"
	kindRadio        = "stRadio"
	kindSelectbox    = "stSelectbox"
	kindMultiselect  = "stMultiSelect"
	kindSlider       = "stSlider"
	kindNumberInput  = "stNumberInput"
	kindTextInput    = "stTextInput"
	kindTextArea     = "stTextArea"
	kindDateInput    = "stDateInput"
	kindFileUploader = "stFileUploader"
)

// widgetID is a widget's identity: its kind and label, or its explicit key (A2).
//
// Invalid UTF-8 in the label or key is replaced by U+FFFD, as the props sent to the host are: the
// id the host sends back in an event must be the id Go knows.
func widgetID(kind, label string, o *widgetOptions) string {
	if o.key != "" {
		return "key:" + validUTF8(o.key)
	}
	return kind + ":" + validUTF8(label)
}

// validUTF8 replaces each invalid byte of s with U+FFFD, as appendJSONString does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// use claims widget id for this run and returns its state, made by init the first time.
// update runs under the session lock with the widget; the widget's value is read there.
func (st *Session) use(kind, label string, o *widgetOptions, init func() any, update func(w *widget)) string {
	s := st.s
	s.checkpoint()
	id := widgetID(kind, label, o)
	s.checkWidget(kind, label) // inside a cached function (B14)
	s.claimWidget(id, kind, label)
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.widgets[id]
	fresh := w == nil || w.kind != kind
	if fresh {
		w = &widget{kind: kind}
		if init != nil {
			w.value = init()
		}
		s.widgets[id] = w
	}
	w.onChange = o.onChange
	update(w)
	s.recordWidgetLocked(id, w, fresh)
	return id
}

// emitWidget emits a widget element; build adds the kind's own props after the common ones.
func (st *Session) emitWidget(kind, id, label string, o *widgetOptions, build func(p *props)) {
	s := st.s
	s.arena.begin()
	s.arena.str("id", id).str("label", label).str("help", o.help).boolean("disabled", o.disabled)
	if o.labelVis != "" {
		s.arena.str("labelVisibility", string(o.labelVis))
	}
	build(&s.arena)
	s.emit(st.parent, kind, id, s.arena.end(), nil)
}

// Button draws a button and reports whether it was clicked since the last run.
func (st *Session) Button(label string, opts ...WidgetOption) bool {
	return st.button(kindButton, label, opts)
}

func (st *Session) button(kind, label string, opts []WidgetOption) bool {
	o := widgetOpts(opts)
	var clicked bool
	id := st.use(kind, label, o, nil, func(w *widget) { clicked = w.active })
	style := "secondary"
	if o.primary {
		style = "primary"
	}
	st.emitWidget(kind, id, label, o, func(p *props) { p.str("kind", style) })
	return clicked
}

// Checkbox draws a checkbox, checked at first if value is true, and returns its state.
func (st *Session) Checkbox(label string, value bool, opts ...WidgetOption) bool {
	return st.boolWidget(kindCheckbox, label, value, opts)
}

// Toggle draws an on/off switch and returns its state.
func (st *Session) Toggle(label string, value bool, opts ...WidgetOption) bool {
	return st.boolWidget(kindToggle, label, value, opts)
}

func (st *Session) boolWidget(kind, label string, value bool, opts []WidgetOption) bool {
	o := widgetOpts(opts)
	var v bool
	id := st.use(kind, label, o, func() any { return value }, func(w *widget) { v = w.value.(bool) })
	st.emitWidget(kind, id, label, o, func(p *props) { p.boolean("value", v) })
	return v
}

// TextInput draws a one-line text field, holding value at first, and returns its text.
// The text is sent when the user presses Enter or leaves the field.
func (st *Session) TextInput(label, value string, opts ...WidgetOption) string {
	o := widgetOpts(opts)
	var v string
	id := st.use(kindTextInput, label, o, func() any { return value }, func(w *widget) { v = w.value.(string) })
	st.emitWidget(kindTextInput, id, label, o, func(p *props) {
		p.str("value", v).str("placeholder", o.placeholder).boolean("password", o.password).int("maxChars", o.maxChars)
	})
	return v
}

// TextArea draws a multi-line text field and returns its text.
func (st *Session) TextArea(label, value string, opts ...WidgetOption) string {
	o := widgetOpts(opts)
	var v string
	id := st.use(kindTextArea, label, o, func() any { return value }, func(w *widget) { v = w.value.(string) })
	st.emitWidget(kindTextArea, id, label, o, func(p *props) {
		p.str("value", v).str("placeholder", o.placeholder).int("height", o.height).int("maxChars", o.maxChars)
	})
	return v
}

// DateInput draws a date picker and returns the chosen day.
func (st *Session) DateInput(label string, value Date, opts ...WidgetOption) Date {
	o := widgetOpts(opts)
	var v Date
	id := st.use(kindDateInput, label, o, func() any { return value }, func(w *widget) {
		if d, ok := w.value.(Date); ok {
			v = d
		} else {
			v, w.value = value, value
		}
	})
	st.emitWidget(kindDateInput, id, label, o, func(p *props) { p.str("value", v.String()).str("min", "").str("max", "") })
	return v
}

// FileUploader draws a file picker and returns the files chosen (nil before any).
func (st *Session) FileUploader(label string, opts ...WidgetOption) []File {
	o := widgetOpts(opts)
	var files []File
	id := st.use(kindFileUploader, label, o, nil, func(w *widget) { files, _ = w.value.([]File) })
	st.emitWidget(kindFileUploader, id, label, o, func(p *props) {
		p.strs("accept", o.accept).boolean("multiple", o.multiple)
		p.key("files")
		p.buf = append(p.buf, '[')
		for i, f := range files {
			if i > 0 {
				p.buf = append(p.buf, ',')
			}
			p.buf = append(p.buf, `{"name":`...)
			p.buf = appendJSONString(p.buf, f.Name)
			p.buf = append(p.buf, `,"size":`...)
			p.buf = appendJSONNumber(p.buf, float64(f.Size))
			p.buf = append(p.buf, '}')
		}
		p.buf = append(p.buf, ']')
	})
	return files
}

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

// pick returns the index of a single-choice widget's option, or -1.
func (st *Session) pick(kind, label string, labels []string, o *widgetOptions, build func(p *props, index int)) int {
	def := 0
	if o.hasIndex {
		def = o.index
	}
	if def >= len(labels) || def < -1 {
		panic(fmt.Errorf("wasmlit: %s %q: Index(%d) is out of range for %d options", kind, label, def, len(labels)))
	}
	if len(labels) == 0 {
		def = -1
	}
	var index int
	id := st.use(kind, label, o, func() any { return def }, func(w *widget) {
		index = w.value.(int)
		if index >= len(labels) {
			index = def
		}
		w.value = index
		w.nopts = len(labels)
	})
	st.emitWidget(kind, id, label, o, func(p *props) { build(p, index) })
	return index
}

// Radio draws a group of radio buttons and returns the chosen option (T's zero value if none).
func Radio[T any](st *Session, label string, options []T, opts ...WidgetOption) T {
	o := widgetOpts(opts)
	labels := optionLabels(options, o)
	i := st.pick(kindRadio, label, labels, o, func(p *props, index int) {
		p.strs("options", labels).int("index", index).boolean("horizontal", o.horizontal)
	})
	var zero T
	if i < 0 {
		return zero
	}
	return options[i]
}

// Selectbox draws a drop-down list and returns the chosen option (T's zero value if none).
func Selectbox[T any](st *Session, label string, options []T, opts ...WidgetOption) T {
	o := widgetOpts(opts)
	labels := optionLabels(options, o)
	i := st.pick(kindSelectbox, label, labels, o, func(p *props, index int) {
		p.strs("options", labels).int("index", index).str("placeholder", o.placeholder)
	})
	var zero T
	if i < 0 {
		return zero
	}
	return options[i]
}

// Multiselect draws a multiple-choice list, with defaults chosen at first, and returns the chosen
// options in the order of options.
func Multiselect[T comparable](st *Session, label string, options []T, defaults []T, opts ...WidgetOption) []T {
	o := widgetOpts(opts)
	labels := optionLabels(options, o)
	var chosen []int
	id := st.use(kindMultiselect, label, o, func() any {
		var idx []int
		for _, d := range defaults {
			if i := slices.Index(options, d); i >= 0 {
				idx = append(idx, i)
			}
		}
		return idx
	}, func(w *widget) {
		w.nopts = len(options)
		for _, i := range w.value.([]int) {
			if i < len(options) {
				chosen = append(chosen, i)
			}
		}
		slices.Sort(chosen)
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

// Number is the type of a slider's or number input's value.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~float32 | ~float64
}

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

// Slider draws a slider from min to max, at value at first, and returns its value.
func Slider[T Number](st *Session, label string, min, max, value T, opts ...WidgetOption) T {
	o := widgetOpts(opts)
	step := o.step
	if step <= 0 {
		step = defaultStep[T]()
	}
	lo, hi := float64(min), float64(max)
	var v float64
	id := st.use(kindSlider, label, o, func() any { return float64(value) }, func(w *widget) {
		f, ok := w.value.(float64)
		if !ok {
			f = float64(value)
		}
		v = clamp(f, lo, hi)
		w.value = v
	})
	st.emitWidget(kindSlider, id, label, o, func(p *props) {
		p.num("min", lo).num("max", hi).num("step", step).num("value", v)
	})
	return T(v)
}

// SliderRange draws a slider with two thumbs and returns the range chosen.
func SliderRange[T Number](st *Session, label string, min, max, lo, hi T, opts ...WidgetOption) (T, T) {
	o := widgetOpts(opts)
	step := o.step
	if step <= 0 {
		step = defaultStep[T]()
	}
	fmin, fmax := float64(min), float64(max)
	var v [2]float64
	id := st.use(kindSlider, label, o, func() any { return [2]float64{float64(lo), float64(hi)} }, func(w *widget) {
		r, ok := w.value.([2]float64)
		if !ok {
			r = [2]float64{float64(lo), float64(hi)}
		}
		a, b := clamp(r[0], fmin, fmax), clamp(r[1], fmin, fmax)
		if a > b {
			a, b = b, a
		}
		v = [2]float64{a, b}
		w.value = v
	})
	st.emitWidget(kindSlider, id, label, o, func(p *props) {
		p.num("min", fmin).num("max", fmax).num("step", step).nums("value", v[:])
	})
	return T(v[0]), T(v[1])
}

// NumberInput draws a number field with step buttons and returns its value. Min and Max options
// bound it; a value the user clears is reported as the last value.
func NumberInput[T Number](st *Session, label string, value T, opts ...WidgetOption) T {
	o := widgetOpts(opts)
	step := o.step
	if step <= 0 {
		step = defaultStep[T]()
	}
	var v float64
	id := st.use(kindNumberInput, label, o, func() any { f := float64(value); return &f }, func(w *widget) {
		f, ok := w.value.(*float64)
		if !ok || f == nil {
			x := float64(value)
			f = &x
		}
		x := *f
		if o.min != nil {
			x = math.Max(x, *o.min)
		}
		if o.max != nil {
			x = math.Min(x, *o.max)
		}
		if isInteger[T]() {
			x = math.Round(x)
		}
		v = x
		w.value = &x
	})
	st.emitWidget(kindNumberInput, id, label, o, func(p *props) {
		p.optNum("min", o.min).optNum("max", o.max).num("step", step).num("value", v)
	})
	return T(v)
}
