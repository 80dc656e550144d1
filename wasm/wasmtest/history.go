package wasmtest

import (
	"fmt"
	"net/url"

	"github.com/wasmlit/wasmlit/wasm"
)

// history is the browser history of an app's page under test: the query strings of the entries
// before and after the current one (query.search), as Back and Forward reach them. Guarded by
// recorder.mu.
type history struct {
	back, forward []string
}

var _ wasm.HistoryHost = (*recorder)(nil)

// PushQuery implements wasm.HistoryHost: a new entry after the current one, as
// history.pushState makes; the entries that Forward would have reached are dropped.
func (h *recorder) PushQuery(search string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.history.back = append(h.history.back, h.query.search)
	h.history.forward = nil
	h.query = query{search: search, set: true}
}

// ClickPage follows the navigation menu's link to the page titled title (A10), as a visitor
// does: a new history entry with that page's URL, then a run. It fails the test if the menu
// (or a PageLink) has no such page.
func (a *App) ClickPage(title string) {
	a.t.Helper()
	for _, kind := range []string{"stSidebarNav", "stTopNav"} {
		for _, nav := range a.Find(kind) {
			pages, _ := nav.Props["pages"].([]any)
			for _, p := range pages {
				m, _ := p.(map[string]any)
				if m["title"] == title {
					a.followPage(fmt.Sprint(m["path"]))
					return
				}
			}
		}
	}
	for _, link := range a.Find("stPageLink") {
		if link.Str("title") == title {
			a.followPage(link.Str("path"))
			return
		}
	}
	a.t.Fatalf("wasmtest: no page titled %q in the navigation menu:\n%s%s", title, a.Sidebar(), a.Root())
}

// followPage goes to the page with URL path path ("" for the first page) and waits for the run.
func (a *App) followPage(path string) {
	search := ""
	if path != "" {
		search = "?" + url.Values{"page": {path}}.Encode()
	}
	a.host.PushQuery(search)
	a.Rerun()
}

// Back goes back one entry in the page's history, like the browser's Back button, and waits for
// the run it causes. It fails the test when there is no entry before the current one.
func (a *App) Back() {
	a.t.Helper()
	a.step("Back", "before", &a.host.history.back, &a.host.history.forward)
}

// Forward goes forward one entry in the page's history, like the browser's Forward button, and
// waits for the run it causes. It fails the test when there is no entry after the current one.
func (a *App) Forward() {
	a.t.Helper()
	a.step("Forward", "after", &a.host.history.forward, &a.host.history.back)
}

// step moves the current entry onto to and the last entry of from into its place, then reruns.
func (a *App) step(name, where string, from, to *[]string) {
	a.t.Helper()
	h := a.host
	h.mu.Lock()
	n := len(*from)
	if n == 0 {
		h.mu.Unlock()
		a.t.Fatalf("wasmtest: %s: no history entry %s %q", name, where, h.query.search)
	}
	*to = append(*to, h.query.search)
	h.query = query{search: (*from)[n-1], set: true}
	*from = (*from)[:n-1]
	h.mu.Unlock()
	a.Rerun()
}
