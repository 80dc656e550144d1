package wasm

// SetLocationSearch makes QueryParams read search instead of the page's location.search until
// the returned function restores it. For tests only.
func SetLocationSearch(search string) (restore func()) {
	old := locationSearch
	locationSearch = func() string { return search }
	return func() { locationSearch = old }
}
