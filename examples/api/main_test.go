//go:build !js

// These tests serve the app's files with net/http/httptest, which a js/wasm test under Node
// cannot; the browser specs in playwright/ cover the same app in the page.

package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/wasm/wasmtest"
)

// fakeClock is the cache's clock in these tests: TTLs expire when the test says so.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func text(at *wasmtest.App, label string) bool {
	for _, e := range at.Find("stText") {
		if e.Label() == label {
			return true
		}
	}
	return false
}

// TestAPICallCachedWithTTL_B1_B6 serves static/posts.json over HTTP and counts the requests the app
// makes: one for the first run, none for reruns, one more once the TTL has passed.
func TestAPICallCachedWithTTL_B1_B6(t *testing.T) {
	var requests atomic.Int32
	files := http.FileServer(http.Dir("."))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	defer func(u string) { postsURL = u }(postsURL)
	postsURL = srv.URL + "/static/posts.json"

	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	cache.Default().Configure(cache.Config{Now: clock.Now})
	defer cache.Default().Configure(cache.Config{})
	fetches.Store(0)

	at := wasmtest.New(t, app)
	if ex := at.Find("stException"); len(ex) != 0 {
		t.Fatalf("exception: %s", ex[0].Str("message"))
	}
	if !text(at, "posts = 12") {
		t.Fatalf("posts not decoded:\n%s", at.Root())
	}
	at.Rerun()
	at.Click("Rerun")
	if n := requests.Load(); n != 1 {
		t.Fatalf("requests after two reruns = %d, want 1", n)
	}
	clock.Add(ttl + time.Second)
	at.Rerun()
	if n := requests.Load(); n != 2 {
		t.Fatalf("requests after the TTL = %d, want 2", n)
	}
	if !text(at, "fetches = 2") {
		t.Fatalf("the page does not show 2 fetches:\n%s", at.Root())
	}
}
