package wasm

import "encoding/json"

// Empty values (A13): the Opt variants of the value widgets start empty and can be cleared by the
// user, like Streamlit's value=None (index=None for a selectbox or radio). One convention holds for
// all of them: a nil pointer is "empty", both for the value the widget starts with and for the value
// it returns, so
//
//	age := wasm.NumberInputOpt[int](st, "Age", nil) // *int: nil until the user types a number
//	if age == nil {
//		st.Stop()
//	}
//	st.Write(fmt.Sprint("Next year you are ", *age+1))
//
// A returned pointer is the caller's: it points to a fresh copy on every call. An Opt widget is the
// same element as its plain variant (same kind, test id and identity), so switching between the two
// keeps the widget; the plain variant reports an empty widget as its default.

// isEmptyEvent reports whether an event value is JSON null or missing: a cleared widget.
func isEmptyEvent(v json.RawMessage) bool {
	return len(v) == 0 || string(v) == "null"
}

// NumberInputOpt is NumberInput that can be empty, like Streamlit's st.number_input(value=None):
// it starts empty when value is nil (showing the Placeholder option's text, if any), the user can
// clear it, and it returns nil while it is empty. Min, Max and Step apply to a number as in
// NumberInput. T cannot be inferred from a nil value: write NumberInputOpt[float64](st, "x", nil).
func NumberInputOpt[T Number](st *Session, label string, value *T, opts ...WidgetOption) *T {
	return numberInput(st, "NumberInputOpt", label, value, widgetOpts(opts))
}

// TextInputOpt is TextInput that can be empty, like Streamlit's st.text_input(value=None): it
// starts empty when value is nil and returns nil while the field is empty, the text otherwise
// (never a pointer to ""). Placeholder sets the text shown in the empty field.
func (st *Session) TextInputOpt(label string, value *string, opts ...WidgetOption) *string {
	return nonEmpty(st.TextInput(label, deref(value), opts...))
}

// TextAreaOpt is TextArea that can be empty, like Streamlit's st.text_area(value=None): it starts
// empty when value is nil and returns nil while the area is empty, the text otherwise.
func (st *Session) TextAreaOpt(label string, value *string, opts ...WidgetOption) *string {
	return nonEmpty(st.TextArea(label, deref(value), opts...))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// DateInputOpt is DateInput that can be empty, like Streamlit's st.date_input(value=None): it
// starts empty when value is nil, the user can clear it, and it returns nil while it is empty.
func (st *Session) DateInputOpt(label string, value *Date, opts ...WidgetOption) *Date {
	o := widgetOpts(opts)
	if value == nil {
		o.identity(nil)
	} else {
		o.identity(*value)
	}
	var v *Date
	id := st.use(kindDateInput, label, o, func() any {
		if value == nil {
			return nil
		}
		return *value
	}, func(w *widget) {
		if d, ok := w.value.(Date); ok {
			v = &d
		} else {
			v, w.value = nil, nil
		}
	})
	st.emitWidget(kindDateInput, id, label, o, func(p *props) {
		if v == nil {
			p.raw("value", []byte("null"))
		} else {
			p.str("value", v.String())
		}
		p.str("min", "").str("max", "")
	})
	if v == nil {
		return nil
	}
	d := *v
	return &d
}

// SelectboxOpt is Selectbox that can be empty, like Streamlit's st.selectbox(index=None): it
// starts with no choice (the Placeholder option's text, or "Choose an option", is shown) unless
// Index(i) chooses option i, the user can clear it by choosing the placeholder again, and it
// returns nil while nothing is chosen, a pointer to a copy of the chosen option otherwise. Unlike
// Selectbox, it tells "nothing chosen" from an option that is T's zero value.
func SelectboxOpt[T any](st *Session, label string, options []T, opts ...WidgetOption) *T {
	o := widgetOpts(opts)
	if !o.hasIndex {
		o.index, o.hasIndex = -1, true
	}
	labels := optionLabels(options, o)
	i := pickOne(st, kindSelectbox, label, options, o, func(p *props, index int) {
		p.strs("options", labels).int("index", index).str("placeholder", o.placeholder).boolean("clearable", true)
	})
	return optionPtr(options, i)
}

// RadioOpt is Radio that can be empty, like Streamlit's st.radio(index=None): no button is checked
// at first unless Index(i) checks option i, and it returns nil while none is, a pointer to a copy of
// the chosen option otherwise. As in Streamlit and HTML, the user cannot uncheck a radio group:
// only the app empties it (a new identity, or Key with a new key).
func RadioOpt[T any](st *Session, label string, options []T, opts ...WidgetOption) *T {
	o := widgetOpts(opts)
	if !o.hasIndex {
		o.index, o.hasIndex = -1, true
	}
	labels := optionLabels(options, o)
	i := pickOne(st, kindRadio, label, options, o, func(p *props, index int) {
		p.strs("options", labels).int("index", index).boolean("horizontal", o.horizontal)
	})
	return optionPtr(options, i)
}

// optionPtr returns a pointer to a copy of options[i], or nil for i < 0 (nothing chosen).
func optionPtr[T any](options []T, i int) *T {
	if i < 0 || i >= len(options) {
		return nil
	}
	v := options[i]
	return &v
}
