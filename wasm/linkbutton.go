package wasm

const kindLinkButton = "stLinkButton"

// LinkButton draws a button that opens url in a new tab (Streamlit's st.link_button). It is a link,
// not a widget: it causes no rerun and returns nothing. Primary draws it as the page's main
// action; Help adds a tooltip; Disabled greys it out. The page links only to http(s), mailto: and
// tel: URLs (a relative URL resolves against the page); any other shows the label without a link.
func (st *Session) LinkButton(label, url string, opts ...WidgetOption) {
	o := widgetOpts(opts)
	style := "secondary"
	if o.primary {
		style = "primary"
	}
	st.leaf(kindLinkButton, func(p *props) {
		p.str("label", label).str("url", url).str("kind", style).str("help", o.help).boolean("disabled", o.disabled)
	})
}
