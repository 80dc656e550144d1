package edge

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// The Worker's endpoint only computes: every other method or path is refused with a reason and
// the Worker's header, and nothing is computed (E3); a record is answered with its TTL (E2).
func TestHandlerAnswersOnlyComputeRequests_E3(t *testing.T) {
	var computed, flushed int
	h := &Handler{
		Compute: func(_ context.Context, body []byte) ([]byte, time.Duration, error) {
			computed++
			if string(body) == "forged" {
				return nil, 0, &driver.SharedError{Status: 409, Reason: "another build"}
			}
			return []byte("record"), 90 * time.Second, nil
		},
		Flush: func() { flushed++ },
	}
	cases := []struct {
		method, path, body string
		length             int64
		status             int
		reason             string
	}{
		{"GET", "/__wasmlit/shared", "", 0, 405, "POST"},
		{"PUT", "/app/__wasmlit/shared", "value", 0, 405, "stores only what it computes"},
		{"DELETE", "/__wasmlit/shared", "", 0, 405, "not allowed"},
		{"POST", "/__wasmlit/store", "value", 0, 404, "no such endpoint"},
		{"POST", "/__wasmlit/shared", "x", driver.MaxSharedRequestBytes + 1, 413, "over the limit"},
	}
	for _, tc := range cases {
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
		if tc.length > 0 {
			req.ContentLength = tc.length
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.reason) || w.Header().Get(HeaderName) == "" {
			t.Errorf("%s %s = %d %q, want %d with %q and %s", tc.method, tc.path, w.Code, w.Body.String(), tc.status, tc.reason, HeaderName)
		}
	}
	if computed != 0 {
		t.Fatalf("refused requests computed %d times", computed)
	}

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/__wasmlit/shared", strings.NewReader("forged")))
	if w.Code != 409 || !strings.Contains(w.Body.String(), "another build") {
		t.Errorf("a request of another build = %d %q, want 409 with the reason", w.Code, w.Body.String())
	}
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/app/__wasmlit/shared", strings.NewReader("ok")))
	if w.Code != 200 || w.Body.String() != "record" || w.Header().Get("Cache-Control") != "public, max-age=90" {
		t.Errorf("a good request = %d %q %q", w.Code, w.Body.String(), w.Header().Get("Cache-Control"))
	}
	if flushed != 2 {
		t.Errorf("flushed %d times, want after each computation (2)", flushed)
	}
}
