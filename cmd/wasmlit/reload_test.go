package main

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// readEvent reads one server-sent event (name and data) from r.
func readEvent(t *testing.T, r *bufio.Reader) (name, data string) {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream ended: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" && name != "":
			return name, data
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
	}
}

func TestReloadEvents_D1(t *testing.T) {
	events := newBroker()
	h, files, err := newServeHandler(distTree(t), "/", defaultCSP, events)
	if err != nil {
		t.Fatal(err)
	}
	defer files.Close()
	ts := httptest.NewServer(h)
	defer ts.Close()

	resp, err := http.Get(ts.URL + reloadScriptPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("reload.js: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	resp, err = http.Get(ts.URL + reloadEventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	if name, _ := readEvent(t, r); name != "hello" {
		t.Fatalf("first event %q, want hello", name)
	}
	events.Failed("main.go:3: syntax error")
	if name, data := readEvent(t, r); name != "failed" || data != `"main.go:3: syntax error"` {
		t.Errorf("got %s %s", name, data)
	}
	events.Reloaded([]string{"hello"})
	if name, _ := readEvent(t, r); name != "ok" {
		t.Errorf("got %s, want ok", name)
	}
	if name, data := readEvent(t, r); name != "reload" || data != `["hello"]` {
		t.Errorf("got %s %s", name, data)
	}

	// Close ends the stream, so that server shutdown does not wait for open pages.
	done := make(chan struct{})
	go func() {
		for {
			if _, err := r.ReadString('\n'); err != nil {
				close(done)
				return
			}
		}
	}()
	events.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the stream stayed open after Close")
	}
}

func TestReloadLateJoinerSeesFailure_D1(t *testing.T) {
	events := newBroker()
	defer events.Close()
	events.Failed("boom")
	ts := httptest.NewServer(events)
	defer ts.Close()
	resp, err := http.Get(ts.URL + reloadEventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	readEvent(t, r) // hello
	if name, data := readEvent(t, r); name != "failed" || data != `"boom"` {
		t.Errorf("got %s %s", name, data)
	}
}
