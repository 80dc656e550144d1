//go:build js && wasm

package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"syscall/js"

	"github.com/wasmlit/wasmlit/internal/jsawait"
)

// Open starts a request through the browser's fetch and returns once the response headers have
// arrived, whatever the status. The caller must close Body. Cancelling ctx aborts the request
// and any body read in progress. A request that gets no response (network down, or a CORS
// block, which the browser does not tell apart) is an *Error wrapping ErrNetwork.
//
// Open blocks the calling goroutine; never call it from inside a js.FuncOf callback.
func Open(ctx context.Context, url string, opts ...Option) (*Response, error) {
	o := buildOptions(opts)
	if err := ctx.Err(); err != nil {
		return nil, &Error{URL: url, Err: err}
	}
	init, err := json.Marshal(map[string]any{"method": o.method, "headers": o.header})
	if err != nil {
		return nil, &Error{URL: url, Err: fmt.Errorf("bad request: %w", err)}
	}
	h, err := fetchStart(ctx, url, string(init), o.body)
	if err != nil {
		return nil, &Error{URL: url, Err: jsFetchError(ctx, err)}
	}
	var hdr map[string]string
	if err := json.Unmarshal([]byte(h.Get("headersJSON").String()), &hdr); err != nil {
		hdr = map[string]string{}
	}
	total := int64(h.Get("total").Float())
	r := &Response{
		URL:        h.Get("url").String(),
		Status:     h.Get("status").Int(),
		StatusText: h.Get("statusText").String(),
		Header:     hdr,
		Total:      total,
	}
	if r.URL == "" {
		r.URL = url
	}
	b := &jsBody{h: h, ctx: ctx, url: r.URL, p: progress{fn: o.onProgress, total: total}}
	b.stop = context.AfterFunc(ctx, b.abort)
	r.Body = b
	return r, nil
}

var errNoHost = errors.New("globalThis.wasmlitHost.fetchStart is missing: run the app through web/index.html, which loads host/host.js")

// jsFetchError turns the host's rejection into the cause an *Error carries.
func jsFetchError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var je *jsawait.Error
	if !errors.As(err, &je) {
		return err // errNoHost
	}
	switch je.Name {
	case "AbortError":
		return context.Canceled
	case "RequestError": // host.js could not build the request (bad URL, method or header)
		return fmt.Errorf("bad request: %s", je.Message)
	}
	// host.js names a failed fetch "NetworkError"; its message repeats the URL, so it is not
	// kept. The browser hides whether the network or a CORS rule failed.
	return fmt.Errorf("%w or CORS block; the browser does not say which", ErrNetwork)
}

// jsBody reads a fetch handle's body chunk by chunk.
type jsBody struct {
	h      js.Value
	ctx    context.Context
	url    string
	p      progress
	buf    []byte // the unread rest of the last chunk
	eof    bool
	closed bool
	stop   func() bool
}

func (b *jsBody) Read(p []byte) (int, error) {
	if b.closed {
		return 0, errors.New("fetch: read after Close")
	}
	for len(b.buf) == 0 {
		if b.eof {
			return 0, io.EOF
		}
		if err := b.ctx.Err(); err != nil {
			return 0, err
		}
		chunk, err := readChunk(b.ctx, b.h)
		if err != nil {
			if b.ctx.Err() != nil {
				return 0, b.ctx.Err()
			}
			return 0, fmt.Errorf("the download of %s broke off: %w", b.url, err)
		}
		if chunk == nil {
			b.eof = true
			continue
		}
		b.buf = chunk
		b.p.add(len(chunk))
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

// Close stops the download if it is still running.
func (b *jsBody) Close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	b.stop()
	if !b.eof {
		b.abort()
	}
	b.buf = nil
	return nil
}

func (b *jsBody) abort() { b.h.Call("abort") }
