package fetch

import (
	"context"
	"errors"
	"fmt"
)

// Error is a failed fetch. Status is the HTTP status when the server answered (Get returns an
// Error for any status outside 200–299) and 0 when no response arrived; Err is the cause.
type Error struct {
	URL    string
	Status int
	Err    error
}

// Error says what failed and what to check.
func (e *Error) Error() string {
	msg := fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
	if h := e.hint(); h != "" {
		msg += " (" + h + ")"
	}
	return msg
}

// Unwrap returns the cause, so errors.Is(err, ErrNetwork) and errors.Is(err, context.Canceled)
// work.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) hint() string {
	switch {
	case errors.Is(e.Err, context.Canceled), errors.Is(e.Err, context.DeadlineExceeded):
		return ""
	case errors.Is(e.Err, ErrNetwork):
		return "check that you are online, that the URL and port are right and the server is running; " +
			"in the browser a cross-origin URL also needs the server to send Access-Control-Allow-Origin for this page's origin"
	case e.Status == 401 || e.Status == 403:
		return "the server refused access: check credentials, tokens and permissions"
	case e.Status == 404 || e.Status == 410:
		return "the server has nothing at this URL: check the path and spelling"
	case e.Status == 429:
		return "too many requests: wait and try again, or cache the result with CacheData"
	case e.Status >= 500:
		return "the server failed: try again later or look at the server's logs"
	case e.Status >= 400:
		return "the server rejected the request: check the method, headers and body"
	}
	return ""
}

// statusText fills in for servers that send no status text (HTTP/2 never does). It is a short
// list on purpose: net/http.StatusText would pull net/http into the wasm binary (+6 MB).
var statusText = map[int]string{
	400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
	405: "Method Not Allowed", 408: "Request Timeout", 410: "Gone", 429: "Too Many Requests",
	500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
}

// statusLine formats "status 404 Not Found".
func statusLine(code int, text string) string {
	if text == "" {
		text = statusText[code]
	}
	if text == "" {
		return fmt.Sprintf("status %d", code)
	}
	return fmt.Sprintf("status %d %s", code, text)
}
