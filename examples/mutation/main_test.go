//go:build !js

// These tests serve the app's files with net/http/httptest, which a js/wasm test under Node
// cannot; the browser specs in playwright/ cover the same app in the page.

package main

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// usersAAndB starts the app twice, A then B, as the page does: two sessions sharing the caches,
// B's first run after A's. It serves the rides sample and starts from empty caches.
func usersAAndB(t *testing.T) (a, b *wasmtest.App) {
	srv := httptest.NewServer(http.FileServer(http.Dir(".")))
	t.Cleanup(srv.Close)
	ridesURL = srv.URL + "/static/uber-rides-sample.csv"
	cache.ClearAllResources()
	cache.ClearAllData()
	return wasmtest.New(t, app), wasmtest.New(t, app)
}

// texts returns the texts (stText) the app shows, in order.
func texts(at *wasmtest.App) []string {
	var out []string
	for _, e := range at.Find("stText") {
		out = append(out, e.Label())
	}
	return out
}

func exceptions(at *wasmtest.App) []string {
	var out []string
	for _, e := range at.Find("stException") {
		out = append(out, e.Str("message"))
	}
	return out
}

const (
	all     = "columns: Date/Time, Lat, Lon, Base"
	noLat   = "columns: Date/Time, Lon, Base"
	dropped = "dropped Lat, columns now: Date/Time, Lon, Base"
	keyErr  = `"['Lat'] not found in axis"`
)

// TestMutationStories_B3_B5 runs the seed's two stories with users A and B and checks every value
// the seed gives: the shared resource is changed by each run, the data copies never are.
func TestMutationStories_B3_B5(t *testing.T) {
	a, b := usersAAndB(t)
	// A's first run: both tables are whole and lose Lat; l[0] is 2 in both columns.
	wantTexts(t, "A", a, all, dropped, all, dropped, "l[0] is: 2", "l[0] is: 2")
	wantExceptions(t, "A", a)
	// B's first run: the resource table has lost Lat to A's run, so dropping it fails (B5); the
	// data copy is whole (B3). The shared list was [2, 2, 3]: B sees 3; the data list still 2.
	wantTexts(t, "B", b, noLat, all, dropped, "l[0] is: 3", "l[0] is: 2")
	wantExceptions(t, "B", b, keyErr)
	// A reruns right after B: 4 from the shared list, 2 from its copy; the resource table fails.
	a.Click("Rerun")
	wantTexts(t, "A rerun", a, noLat, all, dropped, "l[0] is: 4", "l[0] is: 2")
	wantExceptions(t, "A rerun", a, keyErr)
	// B is untouched until it runs again.
	wantTexts(t, "B", b, noLat, all, dropped, "l[0] is: 3", "l[0] is: 2")
	// Each loader ran once for both sessions: the resource is one instance, the data one entry.
	for _, f := range []cache.FuncStats{loadRidesResource.Stats(), loadRidesData.Stats(), createListResource.Stats(), createListData.Stats()} {
		if f.Misses != 1 {
			t.Errorf("%s ran %d times, want 1", f.Display, f.Misses)
		}
	}
}

func wantTexts(t *testing.T, who string, at *wasmtest.App, want ...string) {
	t.Helper()
	if got := texts(at); !slices.Equal(got, want) {
		t.Errorf("%s shows %q, want %q", who, got, want)
	}
}

func wantExceptions(t *testing.T, who string, at *wasmtest.App, want ...string) {
	t.Helper()
	if got := exceptions(at); !slices.Equal(got, want) {
		t.Errorf("%s shows exceptions %q, want %q", who, got, want)
	}
}

func TestDropMissingColumnIsKeyError(t *testing.T) {
	tb, err := parseCSV([]byte("a,b\n1,2\n3,4\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := tb.Drop("a"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tb.Names, []string{"b"}) || !slices.Equal(tb.Cells[0], []string{"2", "4"}) {
		t.Fatalf("after Drop: %+v", tb)
	}
	if err := tb.Drop("a"); err == nil || err.Error() != `"['a'] not found in axis"` {
		t.Fatalf("second Drop: %v", err)
	}
}
