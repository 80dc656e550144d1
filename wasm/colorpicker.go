package wasm

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

const kindColorPicker = "stColorPicker"

// decodeColor takes the "#rrggbb" the page's color input sends.
func decodeColor(w *widget, e wire.Event) error {
	var s string
	if err := json.Unmarshal(e.Value, &s); err != nil {
		return err
	}
	c, ok := hexColor(s)
	if !ok {
		return fmt.Errorf("%q is not a color of the form #rrggbb", s)
	}
	w.value = c
	return nil
}

// hexColor returns s as a lower-case "#rrggbb", and whether s is one ("#RGB" is widened).
func hexColor(s string) (string, bool) {
	if len(s) == 4 && s[0] == '#' {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	if len(s) != 7 || s[0] != '#' {
		return "", false
	}
	for _, c := range s[1:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return "", false
		}
	}
	return strings.ToLower(s), true
}

// ColorPicker draws a color swatch that opens the browser's color picker, holding value at
// first, and returns the color chosen as "#rrggbb" in lower case (Streamlit's st.color_picker).
// value is "#rrggbb" or "#rgb", or "" for black; any other value stops the run with a
// WidgetError. With a key, session state holds the color as a string.
func (st *Session) ColorPicker(label, value string, opts ...WidgetOption) string {
	def := "#000000"
	if value != "" {
		c, ok := hexColor(value)
		if !ok {
			panic(&WidgetError{Func: "ColorPicker", Label: label, Problem: fmt.Sprintf("the value %q is not a hex color", value),
				Fix: `Pass a color of the form "#rrggbb", such as "#1f77b4", or "" for black.`})
		}
		def = c
	}
	o := widgetOpts(opts)
	o.identity(def)
	o.hasDefault = def != "#000000"
	o.state(func(v any) (any, bool) {
		s, ok := v.(string)
		return s, ok
	}, func(v any) (any, error) {
		s, ok := v.(string)
		if !ok {
			return nil, typeError[string](v)
		}
		c, ok := hexColor(s)
		if !ok {
			return nil, fmt.Errorf("%q is not a color of the form #rrggbb", s)
		}
		return c, nil
	})
	var v string
	id := st.use(kindColorPicker, label, o, func() any { return def }, func(w *widget) {
		w.decode = decodeColor
		c, ok := w.value.(string)
		if !ok {
			c = def
		}
		v, w.value = c, c
	})
	st.emitWidget(kindColorPicker, id, label, o, func(p *props) { p.str("value", v) })
	return v
}
