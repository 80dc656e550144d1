package wasm

// Popover draws a button labelled label that opens a floating panel, and returns a handle that
// draws into the panel (Streamlit's st.popover). The content is drawn in every run, open or not;
// opening and closing it is the page's business (click, Escape, a click outside) and causes no
// rerun. Of the widget options, Help adds a tooltip, Disabled greys the button out and Primary
// draws it as the page's main action.
func (st *Session) Popover(label string, opts ...WidgetOption) *Session {
	o := widgetOpts(opts)
	style := "secondary"
	if o.primary {
		style = "primary"
	}
	return st.container("stPopover", func(p *props) {
		p.str("label", label).str("help", o.help).boolean("disabled", o.disabled).str("kind", style)
	})
}
