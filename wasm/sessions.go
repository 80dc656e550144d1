package wasm

import (
	"fmt"
	"sync"
)

// Several sessions in one page. RunSessions (run_js.go) mounts one app several times, each mount
// its own session in a labelled panel: what Streamlit shows to two users who open the same app.
// The sessions share the cached resources and data of the page and nothing else. The parts here
// do not touch the page, so they are tested natively.

// checkSessionLabels reports an error unless every label is non-empty and unique: a label names
// its session's panel, and people and tests find a session by it.
func checkSessionLabels(labels []string) error {
	seen := make(map[string]bool, len(labels))
	for i, l := range labels {
		if l == "" {
			return fmt.Errorf("wasmlit: RunSessions: label %d is empty; give each session a name people can read, like \"User A\"", i+1)
		}
		if seen[l] {
			return fmt.Errorf("wasmlit: RunSessions: two sessions are labelled %q; give each session its own label", l)
		}
		seen[l] = true
	}
	return nil
}

// firstRunHost is a Host that closes done when its session reports idle for the first time, that
// is when the session's first run has finished. Everything else goes to the wrapped Host.
type firstRunHost struct {
	Host
	once sync.Once
	done chan struct{}
}

func newFirstRunHost(h Host) *firstRunHost {
	return &firstRunHost{Host: h, done: make(chan struct{})}
}

func (h *firstRunHost) Status(status string, seq uint64) {
	h.Host.Status(status, seq)
	if status == "idle" {
		h.once.Do(func() { close(h.done) })
	}
}

// startInTurn starts app on each host in order, each once the session before has finished its
// first run, the way users who open an app one after another would: what a run does to a shared
// resource is then seen by the next session's first run, in a fixed order. started is called with
// each App as soon as it has started (before its first run ends), so that events can reach it.
// startInTurn returns once the last session has started; it blocks meanwhile, so call it from a
// goroutine that may block (never from a js.FuncOf callback).
func startInTurn(app func(*Session), hosts []Host, started func(i int, a *App)) {
	for i, h := range hosts {
		fh := newFirstRunHost(h)
		started(i, Start(app, fh))
		if i < len(hosts)-1 {
			<-fh.done
		}
	}
}
