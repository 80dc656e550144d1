package main

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

func label(at *wasmtest.App, prefix string) string {
	for _, e := range at.Find("stText") {
		if l := e.Label(); len(l) >= len(prefix) && l[:len(prefix)] == prefix {
			return l
		}
	}
	return ""
}

// TestMaxEntriesEvictsLeastRecentlyUsed_B7 visits seeds 1, 2, 3, 1, 4, 2: with three entries at
// most, 4 evicts 2 (the least recently used, since 1 was read again), so 2 runs twice and 1 once.
func TestMaxEntriesEvictsLeastRecentlyUsed_B7(t *testing.T) {
	at := wasmtest.New(t, app)
	for _, i := range []int{1, 2, 0, 3, 1} { // option indexes of seeds 2, 3, 1, 4, 2
		at.Set("stSelectbox", "Seed", i)
	}
	if got, want := label(at, "runs per seed = "), "runs per seed = 1:1 2:2 3:1 4:1"; got != want {
		t.Errorf("%s, want %s", got, want)
	}
	if got, want := label(at, "entries = "), "entries = 3, hits = 1, misses = 5"; got != want {
		t.Errorf("%s, want %s", got, want)
	}
}

// TestSpinnersOffCustomAndTimed_B8 runs a round with no delay: the silent function shows no
// spinner, the custom one its text, the timed one the default text with the time. (The default
// text names the function as the build's source table does: "timed" in the browser, a generic
// name in a plain go test.)
func TestSpinnersOffCustomAndTimed_B8(t *testing.T) {
	at := wasmtest.New(t, app)
	at.Set("stNumberInput", "Delay ms", 0)
	before := len(at.Created("stSpinner"))
	at.Click("New round")
	got := at.Created("stSpinner")[before:]
	if len(got) != 2 || got[0]["text"] != "Fetching data from the API…" || got[0]["showTime"] != false ||
		!strings.HasPrefix(got[1]["text"].(string), "Running `") || got[1]["showTime"] != true {
		t.Fatalf("spinners = %v, want the custom one, then the timed one", got)
	}
	for _, want := range []string{"silent: round 1 done", "custom: round 1 done", "timed: round 1 done"} {
		at.Get("stText", want)
	}
}
