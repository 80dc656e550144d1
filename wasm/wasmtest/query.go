package wasmtest

import (
	"net/url"
	"strings"

	"github.com/wasmlit/wasmlit/wasm"
)

// query is the query string of an app's page under test: its own, so parallel tests do not share
// one. Guarded by recorder.mu.
type query struct {
	search string
	set    bool // written by the test or the app; until then the process's is used
}

var _ wasm.QueryHost = (*recorder)(nil)

// Query implements wasm.QueryHost.
func (h *recorder) Query() (string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.query.search, h.query.set
}

// SetQuery implements wasm.QueryHost.
func (h *recorder) SetQuery(search string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.query = query{search: search, set: true}
}

// SetQueryParams replaces the query params of the app's page with v, as a visitor editing the
// address bar does, like assigning Streamlit's AppTest.query_params. The app sees them from its
// next run: call Rerun (or interact) after it.
func (a *App) SetQueryParams(v url.Values) {
	search := ""
	if enc := v.Encode(); enc != "" {
		search = "?" + enc
	}
	a.host.SetQuery(search)
}

// QueryParams returns the query params of the app's page as the app last left them (what the
// address bar would show), in a new url.Values the caller owns.
func (a *App) QueryParams() url.Values {
	search, _ := a.host.Query()
	v, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
	if v == nil {
		v = url.Values{}
	}
	return v
}
