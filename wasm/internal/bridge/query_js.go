//go:build js && wasm

package bridge

// SetLocationSearch replaces the page's query string with search ("?a=1", or "" to remove it)
// through the host's setQuery: the path and #fragment stay, and no history entry is added
// (history.replaceState). LocationSearch reads the new one at once.
func SetLocationSearch(search string) {
	host().Call("setQuery", search)
}

// PushLocationSearch makes search ("?page=x", or "" to remove the query) the page's query string
// in a new history entry, through the host's pushQuery (history.pushState): Back returns to the
// URL before it. The path stays; the #fragment is dropped.
func PushLocationSearch(search string) {
	host().Call("pushQuery", search)
}
