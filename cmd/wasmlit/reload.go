package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Paths of the live-reload endpoints. They are absolute: serve -watch mounts dist/ at the root.
const (
	reloadScriptPath = "/_wasmlit/reload.js"
	reloadEventsPath = "/_wasmlit/events"
)

// reloadTag is what serve -watch adds to every HTML page it serves (never to the files in dist/).
const reloadTag = `<script type="module" src="` + reloadScriptPath + `"></script>` + "\n"

// reloadJS listens for build events. "reload" carries the names of the rebuilt apps: the page
// reloads when it shows one of them (or the gallery). "failed" shows the compiler output over the
// page, which keeps running the last good build. "hello" carries the server's build generation;
// after a reconnect (server restarted, events missed) a different one reloads the page.
// It builds its overlay with textContent only, so no build output can inject markup.
const reloadJS = `// wasmlit serve -watch: live reload. Not part of a built app.
const es = new EventSource(new URL('events', import.meta.url));
let generation = null;
const app = location.pathname.split('/').filter(Boolean)[0] || '';
// The page's host (devstate.js) keeps widget values across a reload flagged so; a reload the
// user makes is not, and starts fresh.
function devReload() {
  sessionStorage.setItem('wasmlit:dev-reload', location.pathname);
  location.reload();
}
function overlay(text) {
  let box = document.getElementById('wasmlit-build-error');
  if (!text) { box?.remove(); return; }
  if (!box) {
    box = document.createElement('pre');
    box.id = 'wasmlit-build-error';
    box.setAttribute('role', 'alert');
    box.setAttribute('data-testid', 'wlBuildError');
    Object.assign(box.style, {
      position: 'fixed', left: '0', right: '0', bottom: '0', maxHeight: '50vh', overflow: 'auto',
      margin: '0', padding: '1rem', zIndex: '2147483647', background: '#2b0d0d', color: '#ffd7d7',
      font: '13px/1.45 ui-monospace, monospace', whiteSpace: 'pre-wrap', borderTop: '3px solid #e5484d',
    });
    document.body.append(box);
  }
  box.textContent = 'Build failed (the page runs the last good build):\n\n' + text;
}
es.addEventListener('hello', (e) => {
  if (generation !== null && generation !== e.data) devReload();
  generation = e.data;
});
es.addEventListener('reload', (e) => {
  const apps = JSON.parse(e.data);
  if (app === '' || apps.includes(app)) devReload();
});
es.addEventListener('failed', (e) => overlay(JSON.parse(e.data)));
es.addEventListener('ok', () => overlay(''));
`

// broker fans build events out to the open pages over Server-Sent Events.
// It is safe for concurrent use; the zero value is not (use newBroker).
type broker struct {
	mu         sync.Mutex
	clients    map[chan sseEvent]struct{}
	generation int64
	lastErr    string // the current build failure, sent to pages that connect while it lasts
	done       chan struct{}
	closeOnce  sync.Once
}

type sseEvent struct{ name, data string }

func newBroker() *broker {
	return &broker{
		clients:    map[chan sseEvent]struct{}{},
		generation: time.Now().UnixNano(),
		done:       make(chan struct{}),
	}
}

// Reloaded tells pages that apps were rebuilt.
func (b *broker) Reloaded(apps []string) {
	data, _ := json.Marshal(apps)
	b.mu.Lock()
	b.generation++
	b.lastErr = ""
	b.mu.Unlock()
	b.send(sseEvent{"ok", "{}"})
	b.send(sseEvent{"reload", string(data)})
}

// Failed tells pages that a build failed, with the compiler output.
func (b *broker) Failed(msg string) {
	data, _ := json.Marshal(msg)
	b.mu.Lock()
	b.lastErr = string(data)
	b.mu.Unlock()
	b.send(sseEvent{"failed", string(data)})
}

func (b *broker) send(ev sseEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- ev:
		default: // a stuck client misses this one; it catches up through "hello" on reconnect
		}
	}
}

// Close ends every event stream (so that http.Server.Shutdown does not wait on them).
func (b *broker) Close() { b.closeOnce.Do(func() { close(b.done) }) }

// ServeHTTP serves reload.js and the event stream.
func (b *broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case reloadScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		fmt.Fprint(w, reloadJS)
	case reloadEventsPath:
		b.stream(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (b *broker) stream(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan sseEvent, 8)
	b.mu.Lock()
	b.clients[c] = struct{}{}
	gen, lastErr := b.generation, b.lastErr
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.clients, c)
		b.mu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: %s\n\n", strconv.FormatInt(gen, 10))
	if lastErr != "" {
		fmt.Fprintf(w, "event: failed\ndata: %s\n\n", lastErr)
	}
	flusher.Flush()
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case ev := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		}
		flusher.Flush()
	}
}
