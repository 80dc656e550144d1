package wasm

import (
	"fmt"
	"hash/fnv"
	"strconv"
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

// funcNames are the Go functions that draw each kind, for messages.
var funcNames = map[string]string{
	kindButton: "Button", kindSubmit: "FormSubmitButton", kindCheckbox: "Checkbox", kindToggle: "Toggle",
	kindRadio: "Radio", kindSelectbox: "Selectbox", kindMultiselect: "Multiselect", kindSlider: "Slider",
	kindNumberInput: "NumberInput", kindTextInput: "TextInput", kindTextArea: "TextArea",
	kindDateInput: "DateInput", kindFileUploader: "FileUploader",
}

// funcName names the function that draws kind, or the kind itself.
func funcName(kind string) string {
	if f, ok := funcNames[kind]; ok {
		return f
	}
	return kind
}

// widgetID is a widget's identity (A2). With an explicit key it is the key alone. Without one it
// is the kind, the label and, when the widget is in a form or has value-defining parameters
// (options, default, min, max, step), a hash of those: "stSlider:Level:1x8kq2m0tb3z". Changing a
// parameter makes another widget, which starts at its default; the same label in two forms is two
// widgets. The id travels to the page and back in events, so it stays short.
//
// Invalid UTF-8 in the label or key is replaced by U+FFFD, as the props sent to the host are: the
// id the host sends back in an event must be the id Go knows.
func widgetID(kind, label, form string, o *widgetOptions) string {
	if o.key != "" {
		return "key:" + validUTF8(o.key)
	}
	id := kind + ":" + validUTF8(label)
	if form == "" && len(o.params) == 0 {
		return id
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%q", form)
	for _, p := range o.params {
		fmt.Fprintf(h, "\x00%#v", p)
	}
	return id + ":" + strconv.FormatUint(h.Sum64(), 36)
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

// use claims the widget's identity for this run and returns it, with the widget's state made by
// init the first time. Before update runs, a value set in session state under the widget's key
// becomes the widget's value (A12), converted by o.fromPublic. update runs under the session lock
// with the widget; it reads the value there, resets a value the parameters no longer allow, and
// sets what events need (nopts, option). Form rules and session-state faults stop the run with an
// exception element (A15).
func (st *Session) use(kind, label string, o *widgetOptions, init func() any, update func(w *widget)) string {
	s := st.s
	s.checkpoint()
	id := widgetID(kind, label, st.form, o)
	s.checkWidget(kind, label) // inside a cached function (B14)
	st.checkForm(kind, label, o)
	s.claimWidget(id, kind, label)
	warn, err := s.useLocked(id, kind, label, o, init, update)
	if err != nil {
		panic(err)
	}
	if warn {
		st.Warning(defaultAndStateWarning(o.key))
	}
	return id
}

// useLocked is use's part under the session lock. It reports whether the widget took a value from
// session state although the app gave it a default too (Streamlit's warning).
func (s *session) useLocked(id, kind, label string, o *widgetOptions, init func() any, update func(w *widget)) (warn bool, err error) {
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
	if v, ok := s.state[o.key]; ok && o.key != "" {
		if o.fromPublic == nil {
			return false, &StateError{Key: o.key,
				Problem: fmt.Sprintf("cannot be set: the value of %s(%q) comes only from the user", funcName(kind), label),
				Fix:     "Do not set session state under the key of a button or a file uploader."}
		}
		x, err := o.fromPublic(v)
		if err != nil {
			return false, &StateError{Key: o.key,
				Problem: fmt.Sprintf("holds a value %s(%q) cannot show: %v", funcName(kind), label, err),
				Fix:     "Set a value of the widget's type that its parameters allow."}
		}
		delete(s.state, o.key)
		w.value = x
		warn = o.hasDefault
	}
	w.onChange = o.onChange
	w.toPublic = o.toPublic
	update(w)
	s.recordWidgetLocked(id, w, fresh)
	return warn, nil
}

// checkForm enforces the form rules (A15): no Button in a form, no FormSubmitButton outside one,
// and inside a form only the submit button takes a callback.
func (st *Session) checkForm(kind, label string, o *widgetOptions) {
	fn := funcName(kind)
	switch {
	case kind == kindButton && st.form != "":
		panic(&WidgetError{Func: fn, Label: label, Problem: fmt.Sprintf("is inside form %q", st.form),
			Fix: "A form takes no Button: use FormSubmitButton, or draw the button outside the form."})
	case kind == kindSubmit && st.form == "":
		panic(&WidgetError{Func: fn, Label: label, Problem: "is not inside a form",
			Fix: "Draw it with the handle that st.Form returns."})
	case o.onChange != nil && st.form != "" && kind != kindSubmit:
		panic(&WidgetError{Func: fn, Label: label, Problem: fmt.Sprintf("has an OnChange callback inside form %q", st.form),
			Fix: "Inside a form only the FormSubmitButton takes a callback: move it there (OnClick), or draw the widget outside the form."})
	}
}

// plainState lets session state read and set a widget whose stored value is its Go value
// (Checkbox, TextInput, DateInput).
func plainState[T any](o *widgetOptions) {
	o.state(func(v any) (any, bool) {
		t, ok := v.(T)
		return t, ok
	}, func(v any) (any, error) {
		t, ok := v.(T)
		if !ok {
			return nil, typeError[T](v)
		}
		return t, nil
	})
}

// typeError says that a session-state value is not of the widget's type T.
func typeError[T any](v any) error {
	var zero T
	return fmt.Errorf("it is a %T, and the widget's value is a %T", v, zero)
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
