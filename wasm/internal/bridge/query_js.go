//go:build js && wasm

package bridge

// SetLocationSearch replaces the page's query string with search ("?a=1", or "" to remove it)
// through the host's setQuery: the path and #fragment stay, and no history entry is added
// (history.replaceState). LocationSearch reads the new one at once.
func SetLocationSearch(search string) {
	host().Call("setQuery", search)
}
