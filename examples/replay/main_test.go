package main

import (
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// count returns the text of the one stText element starting with prefix.
func count(t *testing.T, at *wasmtest.App, prefix string) string {
	t.Helper()
	for _, e := range at.Find("stText") {
		if strings.HasPrefix(e.Label(), prefix) {
			return strings.TrimPrefix(e.Label(), prefix)
		}
	}
	t.Fatalf("no text %q in\n%s", prefix, at.Root())
	return ""
}

// TestReplay_B13_B14 drives the page natively: replayed elements, widget values in the key, and
// the refusal without the opt-in. Counts are package globals, so it checks how they change.
func TestReplay_B13_B14(t *testing.T) {
	at := wasmtest.New(t, app)
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("exception on load: %s", ex[0].Str("message"))
	}
	api, section, data := count(t, at, "getAPIData runs = "), count(t, at, "showData runs = "), count(t, at, "getData runs = ")

	// B13: a rerun hits; the elements drawn inside are replayed in place.
	at.Rerun()
	if count(t, at, "getAPIData runs = ") != api || count(t, at, "showData runs = ") != section {
		t.Fatalf("a rerun ran a cached function again")
	}
	if n := len(at.Find("stAlert")); n != 3 { // two success messages and the warning
		t.Errorf("want 3 alerts after the rerun, got %d:\n%s", n, at.Root())
	}
	for _, kind := range []string{"stMetric", "stLineChart", "stDataFrame", "stSubheader"} {
		if len(at.Find(kind)) == 0 {
			t.Errorf("no %s replayed:\n%s", kind, at.Root())
		}
	}

	// B14: a new slider value computes, an earlier one hits.
	at.Set("stSlider", "Rows to fetch", 12)
	if got := count(t, at, "fetched "); got != "12 rows" {
		t.Errorf("fetched %s", got)
	}
	afterNew := count(t, at, "getData runs = ")
	if afterNew == data {
		t.Errorf("a new slider value did not run getData")
	}
	at.Set("stSlider", "Rows to fetch", 6)
	if got := count(t, at, "fetched "); got != "6 rows" {
		t.Errorf("fetched %s", got)
	}
	if got := count(t, at, "getData runs = "); got != afterNew {
		t.Errorf("going back to 6 rows ran getData again: %s -> %s", afterNew, got)
	}

	// Without the opt-in: exactly one CachedWidgetError.
	at.Set("stCheckbox", "Call a cached function that draws a widget, without the opt-in", true)
	ex := at.Find("stException")
	if len(ex) != 1 || ex[0].Str("type") != "CachedWidgetError" {
		t.Fatalf("want one CachedWidgetError:\n%s", at.Root())
	}
	at.Set("stCheckbox", "Call a cached function that draws a widget, without the opt-in", false)
	if n := len(at.Find("stException")); n != 0 {
		t.Errorf("the exception stayed after unchecking")
	}
}
