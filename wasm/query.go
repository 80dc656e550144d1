package wasm

import (
	"net/url"
	"strings"
)

// Query params, like Streamlit's st.query_params: QueryParams reads them, SetQueryParam,
// SetQueryParams, DeleteQueryParam and ClearQueryParams write them (A14).
//
// A write changes the page's URL at once, in place: the address bar shows it, a reload or a shared
// link starts the app with it, and the next QueryParams in the same run reads it back. It does not
// add an entry to the browser's history (history.replaceState, not pushState), so the Back button
// leaves the app instead of stepping through every filter change. The path and the #fragment are
// kept; the query string is written in url.Values.Encode's form (keys sorted, spaces as '+').
// Query params belong to the page, so every session of a RunSessions page shares them.

// QueryParams returns the parameters of the page's query string (location.search), like reading
// Streamlit's st.query_params. Each call parses the current URL, writes of this run included, into
// a new url.Values the caller owns: changing it changes nothing else (write with SetQueryParam).
// Values are the decoded text the visitor typed or followed a link with: treat them as untrusted
// input. Elements show text safely, but do not pass a parameter to AllowHTML markdown or use it as
// a URL without checking it.
//
// A pair that does not decode (a bad %-escape, or a semicolon) is left out, as url.ParseQuery
// does. Natively (go test, wasmtest) there is no page: the result is what the app or the test
// wrote (wasmtest.App.SetQueryParams), empty at first.
func (st *Session) QueryParams() url.Values {
	return st.s.hidePage(parseQuery(st.s.search()))
}

// SetQueryParam sets the query param key to values, replacing what it held, like Streamlit's
// st.query_params[key] = value (several values give key=a&key=b, as a list does in Streamlit;
// none gives key=, an empty value). The URL changes at once (see QueryParams).
func (st *Session) SetQueryParam(key string, values ...string) {
	v := st.QueryParams()
	if len(values) == 0 {
		values = []string{""}
	}
	v[key] = append([]string(nil), values...)
	st.s.setSearch(v)
}

// SetQueryParams replaces every query param with v, like Streamlit's st.query_params.from_dict.
// An empty or nil v clears them. v is not kept.
func (st *Session) SetQueryParams(v url.Values) {
	st.s.setSearch(v)
}

// DeleteQueryParam removes the query param key, like Streamlit's del st.query_params[key]. Deleting
// a key that is not there does nothing.
func (st *Session) DeleteQueryParam(key string) {
	v := st.QueryParams()
	if _, ok := v[key]; !ok {
		return
	}
	delete(v, key)
	st.s.setSearch(v)
}

// ClearQueryParams removes every query param, like Streamlit's st.query_params.clear(): the URL
// keeps its path and loses its '?…'.
func (st *Session) ClearQueryParams() {
	st.s.setSearch(nil)
}

// QueryHost is implemented by a Host that keeps its own page URL instead of the browser's (package
// wasmtest's does, so parallel tests each have theirs). A session whose Host does not implement it
// uses the page's location.search.
type QueryHost interface {
	// Query returns the page's query string ("?a=1", or "" for none) and true, or false when the
	// host has none of its own and the page's is to be used.
	Query() (search string, ok bool)
	// SetQuery replaces the query string with search ("?a=1", or "" to remove it), keeping the
	// path, without a new history entry.
	SetQuery(search string)
}

// search returns the query string of the session's page.
func (s *session) search() string {
	if qh, ok := s.host.(QueryHost); ok {
		if q, ok := qh.Query(); ok {
			return q
		}
	}
	return locationSearch()
}

// setSearch replaces the query string of the session's page with v's encoding.
func (s *session) setSearch(v url.Values) {
	v = s.keepPage(v) // the page shown is Navigation's (pages.go)
	search := ""
	if enc := v.Encode(); enc != "" {
		search = "?" + enc
	}
	if qh, ok := s.host.(QueryHost); ok {
		qh.SetQuery(search)
		return
	}
	setLocationSearch(search)
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
