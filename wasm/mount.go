package wasm

import (
	"errors"
	"slices"
	"sync"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

// Host is what a mounted app needs from the page that shows it. In the browser, Run provides one
// backed by host.js; package wasmtest provides one that records, for tests without a browser.
type Host interface {
	// Apply receives one patch buffer (docs/PROTOCOL.md) per flush. The buffer is reused after
	// Apply returns; a Host that keeps it must copy it.
	Apply(ops []byte)
	// Status reports "running" when a run starts and "idle" when one finishes with nothing else
	// waiting; seq is the last event sequence number the run has seen.
	Status(status string, seq uint64)
	// Yield lets the page handle events and paint, blocking the calling goroutine meanwhile.
	Yield()
}

// App is an app function mounted on a Host: a session with its own widgets and session state.
// Several Apps may share one page; they share cached resources but nothing else.
type App struct {
	s *session
}

// Start mounts app on h and starts its first run in a new goroutine. It returns at once.
func Start(app func(*Session), h Host) *App {
	a := &App{s: newSession(app, h)}
	sessionsMu.Lock()
	sessions = append(sessions, a.s)
	sessionsMu.Unlock()
	go a.s.loop()
	return a
}

// sessions lists every session started in this process, for what concerns them all.
var (
	sessionsMu sync.Mutex
	sessions   []*session
)

// Close stops the app: a run in progress stops at its next runtime call, no run starts after
// it, and the session is forgotten. Events sent later are dropped. A page never closes its
// sessions; tests do (wasmtest closes each app when its test ends).
func (a *App) Close() {
	s := a.s
	s.mu.Lock()
	if !s.closed {
		s.interrupt.Store(true)
		if s.cancelRun != nil {
			s.cancelRun()
		}
		s.closed = true
		close(s.wake)
	}
	s.mu.Unlock()
	sessionsMu.Lock()
	sessions = slices.DeleteFunc(sessions, func(x *session) bool { return x == s })
	sessionsMu.Unlock()
}

// Dispatch hands the app one batch of events from the host (the JSON of docs/PROTOCOL.md) and
// requests a rerun. Values that do not fit their widget are dropped, and reported in the error;
// the rest still apply. Safe to call from any goroutine; it does not wait for the run.
func (a *App) Dispatch(batch []byte) error {
	evs, err := wire.DecodeEvents(batch)
	if err != nil {
		return err
	}
	return errors.Join(a.s.dispatch(evs)...)
}
