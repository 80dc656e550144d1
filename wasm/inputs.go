package wasm

// The first widgets: button, checkbox, toggle, text input and area, date input, file uploader.

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
	o.identity(value)
	o.hasDefault = value
	plainState[bool](o)
	var v bool
	id := st.use(kind, label, o, func() any { return value }, func(w *widget) {
		v, _ = w.value.(bool)
		w.value = v
	})
	st.emitWidget(kind, id, label, o, func(p *props) { p.boolean("value", v) })
	return v
}

// TextInput draws a one-line text field, holding value at first, and returns its text.
// The text is sent when the user presses Enter or leaves the field.
func (st *Session) TextInput(label, value string, opts ...WidgetOption) string {
	o := widgetOpts(opts)
	o.identity(value, o.maxChars)
	o.hasDefault = value != ""
	plainState[string](o)
	var v string
	id := st.use(kindTextInput, label, o, func() any { return value }, func(w *widget) { v = textValue(w, value) })
	st.emitWidget(kindTextInput, id, label, o, func(p *props) {
		p.str("value", v).str("placeholder", o.placeholder).boolean("password", o.password).int("maxChars", o.maxChars)
	})
	return v
}

// TextArea draws a multi-line text field and returns its text.
func (st *Session) TextArea(label, value string, opts ...WidgetOption) string {
	o := widgetOpts(opts)
	o.identity(value, o.maxChars)
	o.hasDefault = value != ""
	plainState[string](o)
	var v string
	id := st.use(kindTextArea, label, o, func() any { return value }, func(w *widget) { v = textValue(w, value) })
	st.emitWidget(kindTextArea, id, label, o, func(p *props) {
		p.str("value", v).str("placeholder", o.placeholder).int("height", o.height).int("maxChars", o.maxChars)
	})
	return v
}

// textValue is a text widget's value: its text, or value when it has none.
func textValue(w *widget, value string) string {
	v, ok := w.value.(string)
	if !ok {
		v = value
	}
	w.value = v
	return v
}

// DateInput draws a date picker and returns the chosen day.
func (st *Session) DateInput(label string, value Date, opts ...WidgetOption) Date {
	o := widgetOpts(opts)
	o.identity(value.String())
	o.hasDefault = value != Date{}
	plainState[Date](o)
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
	o.identity(o.accept, o.multiple)
	o.state(func(v any) (any, bool) { f, ok := v.([]File); return f, ok }, nil)
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
