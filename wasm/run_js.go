//go:build js && wasm

package wasm

import (
	"sync"

	"wasmlit/wasm/internal/bridge"
)

// AppSelector is the element Run mounts the app into.
const AppSelector = "#app"

// Run mounts app in the page's #app element and serves it until the page closes. It never returns.
func Run(app func(*Session)) {
	Mount(AppSelector, app)
	select {}
}

// Mount mounts app into the element matched by selector, as its own session: its own widgets and
// session state, sharing cached resources with the other sessions in the page. Call it from main
// once per app, before blocking (select {}).
func Mount(selector string, app func(*Session)) {
	mountMu.Lock()
	defer mountMu.Unlock()
	if apps == nil {
		configureCache()
		apps = make(map[int]*App)
		takeFile = bridge.TakeFile
		bridge.OnEvents(func(sid int, batch []byte) {
			mountMu.Lock()
			a := apps[sid]
			mountMu.Unlock()
			if a == nil {
				bridge.Log("warn", "wasmlit: events for an unknown session")
				return
			}
			if err := a.Dispatch(batch); err != nil {
				bridge.Log("warn", err.Error())
			}
		})
	}
	sid := len(apps) + 1
	bridge.Mount(sid, selector)
	apps[sid] = Start(app, &browserHost{sid: sid})
}

var (
	mountMu sync.Mutex
	apps    map[int]*App
)

// browserHost is the Host of a session in the page, through the bridge.
type browserHost struct{ sid int }

func (h *browserHost) Apply(ops []byte)                 { bridge.Apply(h.sid, ops) }
func (h *browserHost) Status(status string, seq uint64) { bridge.Status(h.sid, status, seq) }
func (h *browserHost) Yield()                           { bridge.Yield() }
