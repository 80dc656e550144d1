//go:build !(js && wasm)

package wasm

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/driver"
)

// runPrerender runs the build's native run of app into a temporary folder and restores what it
// changes process-wide.
func runPrerender(t *testing.T, app func(*Session)) (string, error) {
	t.Helper()
	dir := t.TempDir()
	tr := http.DefaultClient.Transport
	t.Cleanup(func() {
		http.DefaultClient.Transport = tr
		driver.SetSeedSource(nil)
	})
	return dir, prerender(app, dir, t.TempDir())
}

var (
	unmarkedRuns atomic.Int64
	unmarked     = cache.Data1(func(st *Session, n int) (int, error) { unmarkedRuns.Add(1); return n, nil })
	markedRuns   atomic.Int64
	marked       = cache.Prewarm1(cache.Data1(func(st *Session, n int) (int, error) {
		markedRuns.Add(1)
		return n * 10, nil
	}), 4)
)

func TestPrerenderStopsAtUnmarkedMiss_C7(t *testing.T) {
	dir, err := runPrerender(t, func(st *Session) {
		st.Title("Before the miss")
		v, _ := unmarked.Call(st, 1)
		st.Textf("after the miss %d", v)
	})
	if err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(dir, "prerender.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), ">Before the miss</h1>") {
		t.Errorf("the elements before the miss are missing: %s", html)
	}
	if strings.Contains(string(html), "after the miss") || unmarkedRuns.Load() != 0 {
		t.Errorf("the unmarked function ran natively (runs %d): %s", unmarkedRuns.Load(), html)
	}
	var rep prerenderReport
	data, _ := os.ReadFile(filepath.Join(dir, "prerender.json"))
	if err := json.Unmarshal(data, &rep); err != nil || rep.StoppedAt == "" {
		t.Errorf("prerender.json = %s (%v), want stoppedAt naming the function", data, err)
	}
}

func TestPrerenderRefusesAFailingFirstRun_C7(t *testing.T) {
	_, err := runPrerender(t, func(st *Session) {
		st.Title("x")
		panic("needs the browser")
	})
	if err == nil || !strings.Contains(err.Error(), "needs the browser") {
		t.Fatalf("err = %v, want the first run's panic", err)
	}
}

func TestPrerenderShipsMarkedRecords_C8(t *testing.T) {
	dir, err := runPrerender(t, func(st *Session) {
		v, _ := marked.Call(st, 4)
		st.Textf("value %d", v)
	})
	if err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "prerender.html"))
	if !strings.Contains(string(html), "value 40") {
		t.Errorf("the marked call was not computed for the first run: %s", html)
	}
	var idx prewarmIndex
	data, err := os.ReadFile(filepath.Join(dir, "prewarm", "index.json"))
	if err != nil || json.Unmarshal(data, &idx) != nil || idx.Version != prewarmIndexVersion {
		t.Fatalf("prewarm/index.json = %s, %v", data, err)
	}
	var key string
	for _, c := range driver.PrewarmCalls() {
		if k, _ := c.Key(); idx.Records[k].File != "" {
			key = k
		}
	}
	if key == "" {
		t.Fatalf("the bundle has no record of the marked call: %s", data)
	}
	rec, err := os.ReadFile(filepath.Join(dir, "prewarm", idx.Records[key].File))
	if err != nil {
		t.Fatal(err)
	}
	if markedRuns.Load() != 1 {
		t.Errorf("the marked function ran %d times in the build, want 1", markedRuns.Load())
	}

	// A first visit: an empty cache seeded from the bundle computes nothing.
	cache.ClearAllData()
	driver.SetSeedSource(func(_ context.Context, _, k string) []byte {
		if k == key {
			return rec
		}
		return nil
	})
	if v, err := marked.Call(nil, 4); v != 40 || err != nil {
		t.Fatalf("Call = %d, %v", v, err)
	}
	if markedRuns.Load() != 1 {
		t.Errorf("the seeded call ran the function (runs %d)", markedRuns.Load())
	}
}
