package wasm

import (
	"sync"

	"github.com/wasmlit/wasmlit/cache/driver"
)

var _ driver.Detacher = cacheHost{}

// Detach runs a cached function's background refresh (cache.BackgroundRefresh) in a session of
// its own, mounted on a host that shows nothing: the function may draw, and the cache records
// what it draws for later hits, but the run of h's session has moved on and must not get those
// elements from another goroutine. When run stored a fresh value, h's session reruns to show it.
func (h cacheHost) Detach(run func(session any) (stored bool)) {
	origin := h.st.s
	dh := &detachedHost{yield: origin.host.Yield, idle: make(chan struct{})}
	var once sync.Once
	var stored bool
	a := Start(func(st *Session) {
		// Once: a detached session runs one function; a rerun asked of every session (a
		// cleared cache) finds nothing more to do.
		once.Do(func() { stored = run(st) })
	}, dh)
	go func() {
		<-dh.idle
		a.Close()
		if stored {
			origin.mu.Lock()
			origin.requestRunLocked()
			origin.mu.Unlock()
		}
	}()
}

// detachedHost is the Host of a detached session: patches go nowhere, yields are the page's.
type detachedHost struct {
	yield    func()
	idleOnce sync.Once
	idle     chan struct{} // closed at the session's first idle
}

func (h *detachedHost) Apply([]byte) {}

func (h *detachedHost) Status(status string, _ uint64) {
	if status == "idle" {
		h.idleOnce.Do(func() { close(h.idle) })
	}
}

func (h *detachedHost) Yield() { h.yield() }
