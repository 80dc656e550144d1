package driver

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The edge tier (SPEC E1–E4) from the runtime's side: the browser's remote (the Worker's
// endpoint) and the Worker's server of cache.Shared functions. Apps mark a function with
// cache.Shared and never call these.

// SharedPath is the path, relative to the site's root, of the Worker's one endpoint: POST a
// request (a function's identity and CBOR arguments), get the record. There is no endpoint to
// store a value (E3).
const SharedPath = "__wasmlit/shared"

// Request bounds the Worker enforces (E3): larger requests are refused before they are decoded.
const (
	MaxSharedRequestBytes = 1 << 20 // the whole request body
	MaxSharedArgs         = 64      // arguments of one call
)

// SharedRemote computes a shared function elsewhere (the edge Worker). Compute returns the sealed
// record, or an error; *SharedUnavailableError means there is no Worker to ask (a static host).
type SharedRemote interface {
	Compute(ctx context.Context, req []byte) (record []byte, err error)
}

// SharedUnavailableError says that no Worker answered: the site is served by a plain static host
// or the browser is offline. The function then computes in the browser (E4).
type SharedUnavailableError struct {
	Reason string
}

func (e *SharedUnavailableError) Error() string {
	return "cache: no edge Worker to compute shared functions (" + e.Reason + "); computing in the browser"
}

// SharedError is the Worker's refusal of a request (E3): Status is the HTTP status to answer
// (4xx: the request is at fault), Reason says what was wrong and how to fix it.
type SharedError struct {
	Status int
	Reason string
	Err    error
}

func (e *SharedError) Error() string {
	if e.Err != nil {
		return e.Reason + ": " + e.Err.Error()
	}
	return e.Reason
}

// Unwrap returns the error behind the refusal, if any.
func (e *SharedError) Unwrap() error { return e.Err }

var (
	remoteMu sync.Mutex
	remote   SharedRemote // nil: compute in this process
)

// SetSharedRemote sets where shared functions are computed on a miss; nil computes them in this
// process (the Worker itself, native programs, tests). The browser runtime sets the Worker's
// endpoint of the page's site.
func SetSharedRemote(r SharedRemote) {
	remoteMu.Lock()
	remote = r
	remoteMu.Unlock()
}

// Remote returns what SetSharedRemote set.
func Remote() SharedRemote {
	remoteMu.Lock()
	defer remoteMu.Unlock()
	return remote
}

// SharedServer is the Worker's side of cache.Shared functions, which package cache registers.
type SharedServer struct {
	// Serve answers one request body: it checks the request (a known shared function of this
	// build, arguments that decode into its parameter types), computes or finds the record
	// through the ordinary cache path and returns it sealed, with the function's TTL (0: none).
	// A refusal is a *SharedError with a 4xx status, and nothing is computed or stored.
	Serve func(ctx context.Context, body []byte) (record []byte, ttl time.Duration, err error)
	// TTL returns the TTL of the shared function whose entry key is key (0: none, or not a
	// shared function's key): the Worker's store expires records with it.
	TTL func(key string) time.Duration
}

var server atomic.Pointer[SharedServer]

// RegisterSharedServer installs s; package cache calls it when the program makes its first
// shared function (cache.Shared), so a program without one does not link the server.
func RegisterSharedServer(s SharedServer) { server.Store(&s) }

// ServeShared answers one request body with the registered server (see SharedServer.Serve). With
// none (the program has no shared function), every request is refused with a *SharedError: 413
// when it is over MaxSharedRequestBytes, else 404.
func ServeShared(ctx context.Context, body []byte) (record []byte, ttl time.Duration, err error) {
	s := server.Load()
	if s == nil {
		return nil, 0, errNoServer(len(body))
	}
	return s.Serve(ctx, body)
}

// errNoServer is ServeShared's refusal of a request of n bytes when the program has no shared
// function.
func errNoServer(n int) error {
	if n > MaxSharedRequestBytes {
		return &SharedError{Status: 413, Reason: "request of " + strconv.Itoa(n) + " bytes is over the limit of " +
			strconv.Itoa(MaxSharedRequestBytes) + " bytes; pass smaller arguments to shared functions"}
	}
	return &SharedError{Status: 404, Reason: "no shared function in this build: mark it cache.Shared() and deploy the Worker built with the app"}
}

// SharedTTL is the registered server's TTL (see SharedServer.TTL).
func SharedTTL(key string) time.Duration {
	if s := server.Load(); s != nil {
		return s.TTL(key)
	}
	return 0
}

// SharedCounts counts, in this process, the shared functions that ServeShared ran (the Worker's
// statistics) and the misses the edge Worker answered (each a computation the browser did not
// run). Package cache adds to them.
var SharedCounts struct {
	Computations atomic.Int64
	Fetched      atomic.Int64
}

var onCompute atomic.Pointer[func()]

// OnSharedCompute sets f to be called each time ServeShared runs a shared function (not on its
// hits): the Worker counts the computations of every instance of one isolate with it.
func OnSharedCompute(f func()) { onCompute.Store(&f) }

// SharedComputed counts one computation and calls the OnSharedCompute function; package cache
// calls it.
func SharedComputed() {
	SharedCounts.Computations.Add(1)
	if f := onCompute.Load(); f != nil && *f != nil {
		(*f)()
	}
}
