package wasm

import (
	"net/url"
	"strings"
)

// QueryParams returns the parameters of the page's query string (location.search), like
// Streamlit's st.query_params, read-only: each call parses the current URL into a new url.Values
// the caller owns, so changing it changes nothing else. Values are the decoded text the visitor
// typed or followed a link with: treat them as untrusted input. Elements show text safely, but
// do not pass a parameter to AllowHTML markdown or use it as a URL without checking it.
//
// A pair that does not decode (a bad %-escape, or a semicolon) is left out, as url.ParseQuery
// does. Natively (go test, wasmtest) there is no page and the result is empty.
func (st *Session) QueryParams() url.Values {
	return parseQuery(locationSearch())
}

// parseQuery parses a location.search string, with or without its leading '?'. It never returns
// nil, so an app can index the result without checking.
func parseQuery(search string) url.Values {
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?")) // keeps the pairs that decode
	if v == nil {
		v = url.Values{}
	}
	return v
}
