//go:build !js

package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strings"
)

// Open starts a request and returns once the response headers have arrived, whatever the
// status. The caller must close Body. Cancelling ctx aborts the request and any body read in
// progress. A request that gets no response is an *Error wrapping ErrNetwork (or ctx.Err()).
func Open(ctx context.Context, url string, opts ...Option) (*Response, error) {
	o := buildOptions(opts)
	var body io.Reader
	if o.body != nil {
		body = bytes.NewReader(o.body)
	}
	req, err := http.NewRequestWithContext(ctx, o.method, url, body)
	if err != nil {
		return nil, &Error{URL: url, Err: fmt.Errorf("bad request: %w", err)}
	}
	for k, v := range o.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, &Error{URL: url, Err: ctx.Err()}
		}
		return nil, &Error{URL: url, Err: fmt.Errorf("%w: %w", ErrNetwork, unwrapURLError(err))}
	}
	h := make(map[string]string, len(resp.Header))
	for k, vs := range resp.Header {
		h[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	text, _ := strings.CutPrefix(resp.Status, fmt.Sprint(resp.StatusCode))
	r := &Response{
		URL:        resp.Request.URL.String(),
		Status:     resp.StatusCode,
		StatusText: strings.TrimSpace(text),
		Header:     h,
		Total:      resp.ContentLength,
		Body:       &nativeBody{rc: resp.Body, ctx: ctx, p: progress{fn: o.onProgress, total: resp.ContentLength}},
	}
	return r, nil
}

// unwrapURLError drops net/http's *url.Error wrapper, whose message repeats the method and URL
// that *Error already shows.
func unwrapURLError(err error) error {
	var ue *neturl.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// nativeBody counts bytes for OnProgress and reports a cancelled context as ctx.Err().
type nativeBody struct {
	rc  io.ReadCloser
	ctx context.Context
	p   progress
}

func (b *nativeBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.p.add(n)
	if err != nil && err != io.EOF && b.ctx.Err() != nil {
		err = b.ctx.Err()
	}
	return n, err
}

func (b *nativeBody) Close() error { return b.rc.Close() }
