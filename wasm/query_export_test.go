package wasm

import "time"

// SetLocationSearch makes QueryParams read search instead of the page's location.search until
// the returned function restores it. For tests only.
func SetLocationSearch(search string) (restore func()) {
	old := locationSearch
	locationSearch = func() string { return search }
	return func() { locationSearch = old }
}

// StopClock makes sessions created until the returned function runs see a clock that never moves,
// so that no run is long enough for a partial flush, however slow the machine. For tests only.
func StopClock() (restore func()) {
	old := clock
	t := time.Unix(0, 0)
	clock = func() time.Time { return t }
	return func() { clock = old }
}
