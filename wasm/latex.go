package wasm

const kindLatex = "stLatex"

// Latex draws a LaTeX formula in display style (Streamlit's st.latex), typeset in the page by KaTeX,
// which loads the first time an app draws one. Only math is typeset: commands that would load or
// link anything (\href, \url, \includegraphics) are not run. A formula KaTeX cannot parse is
// shown as its source beside KaTeX's message. Help adds a tooltip.
func (st *Session) Latex(formula string, opts ...WidgetOption) {
	o := widgetOpts(opts)
	st.leaf(kindLatex, func(p *props) { p.str("text", formula).str("help", o.help) })
}
