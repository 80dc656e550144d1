package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrNetwork is wrapped by the *Error of a request that got no response at all: the network is
// down, the host does not answer, or (in the browser) a CORS rule blocked the response, which
// the browser does not tell apart from a network failure. Test for it with errors.Is.
var ErrNetwork = errors.New("network error")

type options struct {
	method     string
	header     map[string]string
	body       []byte
	onProgress func(done, total int64)
}

// Option configures a request. The zero set of options is a GET with no extra headers.
type Option func(*options)

// Method sets the HTTP method. The default is GET, or POST when a Body is given.
func Method(m string) Option { return func(o *options) { o.method = strings.ToUpper(m) } }

// Header adds a request header; a later Header with the same key replaces an earlier one.
func Header(k, v string) Option {
	return func(o *options) {
		if o.header == nil {
			o.header = map[string]string{}
		}
		o.header[k] = v
	}
}

// Body sets the request body. The request keeps a reference to b until it is sent; do not
// change b before Open returns.
func Body(b []byte) Option { return func(o *options) { o.body = b } }

// OnProgress calls fn as the body arrives, with the bytes read so far and the total size, or
// -1 when the size is unknown (no Content-Length, or a compressed response whose decoded size
// differs from it). fn runs on the goroutine that reads the body.
func OnProgress(fn func(done, total int64)) Option { return func(o *options) { o.onProgress = fn } }

func buildOptions(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if o.method == "" {
		o.method = "GET"
		if o.body != nil {
			o.method = "POST"
		}
	}
	return o
}

// Response is a response whose headers have arrived. Its Body streams the rest; the caller
// must close it.
type Response struct {
	URL        string            // the final URL, after redirects
	Status     int               // the HTTP status code, e.g. 200
	StatusText string            // the status text, e.g. "OK" (may be empty over HTTP/2)
	Header     map[string]string // lower-case names; repeated headers joined with ", "
	Total      int64             // the body size in bytes, or -1 when unknown
	Body       io.ReadCloser     // the body; reading it after the context ends fails
}

// Get fetches url and returns the whole body. A status outside 200–299 is an *Error carrying
// the status; the body of such a response is discarded.
func Get(ctx context.Context, url string, opts ...Option) ([]byte, error) {
	r, err := Open(ctx, url, opts...)
	if err != nil {
		return nil, err
	}
	defer r.Body.Close()
	if r.Status < 200 || r.Status > 299 {
		return nil, &Error{URL: r.URL, Status: r.Status, Err: errors.New(statusLine(r.Status, r.StatusText))}
	}
	n := 0
	if r.Total > 0 {
		n = int(r.Total)
	}
	b := make([]byte, 0, n+512)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		m, err := r.Body.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, &Error{URL: r.URL, Status: r.Status, Err: fmt.Errorf("reading the body: %w", err)}
		}
	}
}

// progress counts body bytes and reports them to an OnProgress callback.
type progress struct {
	fn          func(done, total int64)
	done, total int64
}

func (p *progress) add(n int) {
	if n <= 0 || p.fn == nil {
		return
	}
	p.done += int64(n)
	if p.total >= 0 && p.done > p.total {
		p.total = -1 // the size we were told was not the decoded size
	}
	p.fn(p.done, p.total)
}
