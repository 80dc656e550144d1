//go:build !js

package fetch

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestGetProgress_C2(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 10_000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Header().Set("X-Test", "yes")
		for i := 0; i < len(body); i += 7_000 {
			w.Write(body[i:min(i+7_000, len(body))])
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()

	var calls int
	var last, lastTotal int64
	got, err := Get(context.Background(), srv.URL, OnProgress(func(done, total int64) {
		if done < last {
			t.Errorf("progress went back from %d to %d", last, done)
		}
		calls++
		last, lastTotal = done, total
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, body) {
		t.Fatalf("got %d bytes, want %d", len(got), len(body))
	}
	if calls < 2 || last != int64(len(body)) || lastTotal != int64(len(body)) {
		t.Errorf("progress: %d calls, last (%d, %d), want several calls ending at (%d, %[4]d)", calls, last, lastTotal, len(body))
	}
}

func TestOpenResponse_C2(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		w.Header().Set("X-Method", r.Method)
		w.Write(append([]byte(r.Header.Get("X-Req")+":"), b...))
	}))
	defer srv.Close()

	r, err := Open(context.Background(), srv.URL+"/p", Body([]byte("hello")), Header("X-Req", "h1"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	if string(b) != "h1:hello" {
		t.Errorf("body %q, want %q", b, "h1:hello")
	}
	if r.Status != 200 || r.StatusText != "OK" || r.URL != srv.URL+"/p" {
		t.Errorf("status %d %q url %q", r.Status, r.StatusText, r.URL)
	}
	if r.Header["x-multi"] != "a, b" || r.Header["x-method"] != "POST" {
		t.Errorf("headers %v: want lower-case names, joined values and POST for a body", r.Header)
	}
}

func TestStatusErrors_C2(t *testing.T) {
	tests := []struct {
		status int
		hint   string
	}{
		{404, "check the path"},
		{403, "refused access"},
		{429, "wait and try again"},
		{503, "the server failed"},
		{400, "rejected the request"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "nope", tt.status)
			}))
			defer srv.Close()
			_, err := Get(context.Background(), srv.URL+"/missing.csv")
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("got %v (%T), want *Error", err, err)
			}
			if fe.Status != tt.status || fe.URL != srv.URL+"/missing.csv" {
				t.Errorf("Error{Status: %d, URL: %q}", fe.Status, fe.URL)
			}
			msg := err.Error()
			for _, want := range []string{srv.URL + "/missing.csv", "status " + strconv.Itoa(tt.status), tt.hint} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			if errors.Is(err, ErrNetwork) {
				t.Error("an HTTP status is not a network error")
			}
		})
	}
	// Open hands back any status without an error.
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	r, err := Open(context.Background(), srv.URL)
	if err != nil || r.Status != 404 {
		t.Fatalf("Open: %v, %v; want a 404 response and no error", r, err)
	}
	r.Body.Close()
}

func TestErrorWording_C2(t *testing.T) {
	e := &Error{URL: "https://example.com/a.csv", Status: 404, Err: errors.New(statusLine(404, ""))}
	want := "fetch https://example.com/a.csv: status 404 Not Found (the server has nothing at this URL: check the path and spelling)"
	if e.Error() != want {
		t.Errorf("got  %q\nwant %q", e.Error(), want)
	}
}

func TestConnectionRefused_C2(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/data"
	ln.Close() // nothing listens there now

	_, err = Get(context.Background(), url)
	var fe *Error
	if !errors.As(err, &fe) || fe.Status != 0 {
		t.Fatalf("got %v, want *Error with status 0", err)
	}
	if !errors.Is(err, ErrNetwork) {
		t.Errorf("%v does not wrap ErrNetwork", err)
	}
	msg := err.Error()
	for _, want := range []string{url, "network error", "refused", "server is running"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Count(msg, url) != 1 {
		t.Errorf("message %q repeats the URL", msg)
	}
}

func TestCancel_C2(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("part"))
		w.(http.Flusher).Flush()
		close(started)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	ctx, cancel := context.WithCancel(context.Background())
	r, err := Open(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	<-started
	buf := make([]byte, 4)
	if _, err := io.ReadFull(r.Body, buf); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := io.ReadAll(r.Body); !errors.Is(err, context.Canceled) {
		t.Errorf("read after cancel: %v, want context.Canceled", err)
	}

	// A context cancelled before the request starts fails at once.
	_, err = Get(ctx, srv.URL)
	var fe *Error
	if !errors.As(err, &fe) || !errors.Is(err, context.Canceled) || errors.Is(err, ErrNetwork) {
		t.Errorf("Get with a cancelled context: %v, want *Error wrapping context.Canceled", err)
	}
}

func TestUnknownSize_C2(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("a"))
		w.(http.Flusher).Flush() // chunked: no Content-Length
		w.Write([]byte("bc"))
	}))
	defer srv.Close()
	var totals []int64
	b, err := Get(context.Background(), srv.URL, OnProgress(func(done, total int64) { totals = append(totals, total) }))
	if err != nil || string(b) != "abc" {
		t.Fatalf("Get: %q, %v", b, err)
	}
	for _, tot := range totals {
		if tot != -1 {
			t.Errorf("total %d, want -1 for a chunked response", tot)
		}
	}
}

func TestProgressOvershoot(t *testing.T) {
	var got []int64
	p := progress{fn: func(done, total int64) { got = append(got, total) }, total: 4}
	p.add(3)
	p.add(3)
	if got[0] != 4 || got[1] != -1 {
		t.Errorf("totals %v, want [4 -1]: a size that the body outgrows is unknown", got)
	}
}
