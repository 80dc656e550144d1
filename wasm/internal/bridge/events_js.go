//go:build js && wasm

package bridge

import (
	"fmt"
	"sync"
	"syscall/js"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

type batch struct {
	sid  int
	data []byte
}

var (
	eventsMu      sync.Mutex
	eventsQ       []batch                     // batches the host sent, not yet handed to handler
	eventsHandler func(sid int, batch []byte) // nil until OnEvents
	eventsFn      js.Func                     // wasmlitGo.events; undefined until OnEvents
	eventsWake    = make(chan struct{}, 1)
)

// OnEvents registers fn as the receiver of event batches: it defines globalThis.wasmlitGo with
// the events(sid, json) function the host calls. The JS callback only queues the batch and
// returns; one goroutine calls fn for each batch, in the order the host sent them, so fn never
// runs inside the callback and may block (but a slow fn delays later batches). batch is a JSON
// array of events (wire.DecodeEvents parses it); fn owns it. Batches over wire.MaxEventBatch
// are dropped with a console error. A second call replaces fn.
func OnEvents(fn func(sid int, batch []byte)) {
	eventsMu.Lock()
	first := eventsHandler == nil
	eventsHandler = fn
	if first {
		eventsFn = js.FuncOf(receiveEvents)
	}
	eventsMu.Unlock()
	if !first {
		return
	}
	go dispatchEvents()
	obj := js.Global().Get("Object").New()
	obj.Set("events", eventsFn)
	js.Global().Set("wasmlitGo", obj)
}

// receiveEvents is wasmlitGo.events. It must return at once: it runs on the JS event loop.
func receiveEvents(_ js.Value, args []js.Value) any {
	if len(args) < 2 || args[1].Type() != js.TypeString {
		js.Global().Get("console").Call("error", "wasmlitGo.events(sid, json): expected a session id and a JSON string")
		return nil
	}
	s := args[1].String()
	if len(s) > wire.MaxEventBatch {
		js.Global().Get("console").Call("error", fmt.Sprintf("wasmlitGo.events: dropped a batch of %d bytes (limit %d)", len(s), wire.MaxEventBatch))
		return nil
	}
	b := batch{sid: args[0].Int(), data: []byte(s)}
	eventsMu.Lock()
	eventsQ = append(eventsQ, b)
	eventsMu.Unlock()
	select {
	case eventsWake <- struct{}{}:
	default: // the dispatcher is already awake and will see the batch
	}
	return nil
}

// dispatchEvents hands queued batches to the handler, one at a time, in arrival order.
func dispatchEvents() {
	for range eventsWake {
		for {
			eventsMu.Lock()
			if len(eventsQ) == 0 {
				eventsMu.Unlock()
				break
			}
			b, fn := eventsQ[0], eventsHandler
			eventsQ[0] = batch{}
			eventsQ = eventsQ[1:]
			eventsMu.Unlock()
			fn(b.sid, b.data)
		}
	}
}
