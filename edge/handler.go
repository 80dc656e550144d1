package edge

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/driver"
)

// HeaderName is set on every answer of the Worker's endpoint: the browser tells a Worker's
// refusal from a static host's 404 or 405 by it (and then computes in the browser, E4).
const HeaderName = "X-Wasmlit-Edge"

// noTTLMaxAge is the Cache-Control max-age of a function without a TTL: a year.
const noTTLMaxAge = 365 * 24 * time.Hour

// Handler answers the shared-function endpoint (any path ending in "/" + driver.SharedPath);
// every other path is a 404 (the Worker's script serves the static app before it gets here).
// compute is driver.ServeShared in the Worker; after it, flush waits for the record to be stored
// (the Worker's instance ends with the response).
type Handler struct {
	Compute func(ctx context.Context, body []byte) ([]byte, time.Duration, error)
	Flush   func()
}

// NewHandler returns the Worker's handler over the default cache engine.
func NewHandler() *Handler { return &Handler{Compute: driver.ServeShared, Flush: cache.Flush} }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(HeaderName, "1")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !strings.HasSuffix(r.URL.Path, "/"+driver.SharedPath) {
		refuse(w, http.StatusNotFound, "no such endpoint: the Worker answers POST …/"+driver.SharedPath+" only")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		refuse(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed: POST a shared-function request; the Worker stores only what it computes")
		return
	}
	if r.ContentLength > driver.MaxSharedRequestBytes {
		refuse(w, http.StatusRequestEntityTooLarge, "request of "+strconv.FormatInt(r.ContentLength, 10)+" bytes is over the limit of "+strconv.Itoa(driver.MaxSharedRequestBytes)+" bytes")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, driver.MaxSharedRequestBytes+1))
	if err != nil {
		refuse(w, http.StatusBadRequest, "reading the request: "+err.Error())
		return
	}
	rec, ttl, err := h.Compute(r.Context(), body)
	if h.Flush != nil {
		h.Flush()
	}
	if err != nil {
		status := http.StatusInternalServerError
		var se *driver.SharedError
		if errors.As(err, &se) {
			status = se.Status
		}
		refuse(w, status, err.Error())
		return
	}
	if ttl <= 0 {
		ttl = noTTLMaxAge
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(ttl/time.Second)))
	w.Header().Set("Content-Length", strconv.Itoa(len(rec)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rec)
}

// refuse answers status with a readable reason.
func refuse(w http.ResponseWriter, status int, reason string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, reason+"\n")
}
