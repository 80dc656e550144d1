//go:build js && wasm

package cache

import (
	"context"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/wasmlit/wasmlit/internal/jsawait"
)

// WebLocker is the Locker of the browser: an exclusive Web Lock
// (navigator.locks, through globalThis.wasmlitHost.locks in host/locks.js) per
// app and key, named "wasmlit:<app>:<key>", so that of all the tabs of an
// origin one computes a key while the others wait (SPEC B16, C5). The lock is
// held from Lock's return until unlock is called; if the tab holding it closes
// or crashes, the browser releases it.
//
// A WebLocker is safe for concurrent use; its zero value is not usable (use
// NewWebLocker). Lock blocks the calling goroutine: never call it from inside
// a js.FuncOf callback.
type WebLocker struct {
	app   string
	locks js.Value
}

// NewWebLocker returns the WebLocker of app. It fails when the page has no Web
// Locks (an insecure context: http on a host other than localhost; an old
// browser) or wasmlitHost.locks is missing; then the caller should rely on
// in-process compute-once only (tabs may then compute a key twice, which is
// wasteful but correct).
func NewWebLocker(app string) (*WebLocker, error) {
	l, err := hostMember("locks", "acquire")
	if err != nil {
		return nil, err
	}
	if !l.Call("available").Truthy() {
		return nil, fmt.Errorf("cache: Web Locks (navigator.locks) are not available here " +
			"(they need a secure context: https, or http on localhost)")
	}
	return &WebLocker{app: app, locks: l}, nil
}

// LockName returns the Web Lock name of key: "wasmlit:<app>:<key>".
func (l *WebLocker) LockName(key string) string { return "wasmlit:" + l.app + ":" + key }

// Lock blocks until this page holds the exclusive lock of key, or ctx is done
// (then it returns ctx.Err() and the waiting request is withdrawn, so it never
// takes the lock later). unlock releases the lock; calling it again does
// nothing. Cancelling ctx after Lock returned does not release the lock: call
// unlock. Other errors come from the browser (a lock request it refused).
func (l *WebLocker) Lock(ctx context.Context, key string) (unlock func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	h := l.locks.Call("acquire", l.LockName(key))
	if _, err := jsawait.Await(ctx, h.Get("held")); err != nil {
		h.Call("abort") // withdraws the request, or releases a lock granted meanwhile
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("cache: Web Lock %q: %w", l.LockName(key), err)
	}
	var once sync.Once
	return func() { once.Do(func() { h.Call("release") }) }, nil
}
