package wasm

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
)

// TextOption changes how a text element is drawn.
type TextOption func(*textOptions)

type textOptions struct {
	allowHTML bool
	divider   bool
	language  string
}

// AllowHTML lets raw HTML in markdown through (sanitised: no scripts, no event handlers).
// Without it, HTML in markdown is shown as text. Use it only with text you trust.
func AllowHTML() TextOption { return func(o *textOptions) { o.allowHTML = true } }

// WithDivider draws a rule under a header.
func WithDivider() TextOption { return func(o *textOptions) { o.divider = true } }

// Language names the language of a code block, for highlighting.
func Language(lang string) TextOption { return func(o *textOptions) { o.language = lang } }

func textOpts(opts []TextOption) textOptions {
	var o textOptions
	for _, f := range opts {
		f(&o)
	}
	return o
}

// Title draws a page title.
func (st *Session) Title(text string) {
	st.leaf("stTitle", func(p *props) { p.str("text", text) })
}

// Header draws a section header.
func (st *Session) Header(text string, opts ...TextOption) {
	o := textOpts(opts)
	st.leaf("stHeader", func(p *props) { p.str("text", text).boolean("divider", o.divider) })
}

// Subheader draws a smaller header.
func (st *Session) Subheader(text string) {
	st.leaf("stSubheader", func(p *props) { p.str("text", text) })
}

// Markdown draws GitHub-flavoured markdown. Raw HTML is shown as text unless AllowHTML is given.
func (st *Session) Markdown(text string, opts ...TextOption) {
	o := textOpts(opts)
	st.leaf("stMarkdown", func(p *props) { p.str("text", text).boolean("unsafe", o.allowHTML) })
}

// Caption draws small, muted markdown.
func (st *Session) Caption(text string) {
	st.leaf("stCaption", func(p *props) { p.str("text", text) })
}

// Text draws preformatted plain text.
func (st *Session) Text(text string) {
	st.leaf("stText", func(p *props) { p.str("text", text) })
}

// Textf draws fmt.Sprintf(format, args...) as plain text.
func (st *Session) Textf(format string, args ...any) { st.Text(fmt.Sprintf(format, args...)) }

// Code draws a code block.
func (st *Session) Code(code string, opts ...TextOption) {
	o := textOpts(opts)
	st.leaf("stCode", func(p *props) { p.str("code", code).str("language", o.language) })
}

// JSON draws v as a collapsible JSON tree. A value encoding/json cannot encode is shown as an
// exception element instead.
func (st *Session) JSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		st.Exception(fmt.Errorf("wasmlit: cannot show %T as JSON: %w", v, err))
		return
	}
	st.leaf("stJson", func(p *props) { p.str("json", string(b)).boolean("expanded", true) })
}

func (st *Session) alert(kind, text string) {
	st.leaf("stAlert", func(p *props) { p.str("kind", kind).str("text", text).str("icon", "") })
}

// Success draws a green message box (markdown).
func (st *Session) Success(text string) { st.alert("success", text) }

// Info draws a blue message box (markdown).
func (st *Session) Info(text string) { st.alert("info", text) }

// Warning draws a yellow message box (markdown).
func (st *Session) Warning(text string) { st.alert("warning", text) }

// Error draws a red message box (markdown). To show an error value with its stack, use Exception.
func (st *Session) Error(text string) { st.alert("error", text) }

// Exception draws err with the Go stack of the call, as an uncaught panic would be shown.
// A nil err draws nothing.
func (st *Session) Exception(err error) {
	if err == nil {
		return
	}
	st.s.checkpoint()
	st.s.emitException(st.parent, err, cleanStack(debug.Stack()))
}

// Divider draws a horizontal rule.
func (st *Session) Divider() { st.leaf("stDivider", func(p *props) {}) }

// MetricOption adds to a metric.
type MetricOption func(*metricOptions)

type metricOptions struct{ delta, color string }

// Delta shows a change under a metric's value; a leading "-" draws it red and pointing down.
func Delta(delta string) MetricOption { return func(o *metricOptions) { o.delta = delta } }

// DeltaColor sets how the delta is coloured: "normal" (default), "inverse" or "off".
func DeltaColor(c string) MetricOption { return func(o *metricOptions) { o.color = c } }

// Metric draws a label with a big value, and optionally a delta.
func (st *Session) Metric(label, value string, opts ...MetricOption) {
	o := metricOptions{color: "normal"}
	for _, f := range opts {
		f(&o)
	}
	st.leaf("stMetric", func(p *props) {
		p.str("label", label).str("value", value).str("delta", o.delta).str("deltaColor", o.color)
	})
}
