//go:build js && wasm

package wasm

import (
	"fmt"
	"sync"
	"syscall/js"

	"github.com/wasmlit/wasmlit/wasm/internal/bridge"
)

// AppSelector is the element Run mounts the app into.
const AppSelector = "#app"

// Run mounts app in the page's #app element and serves it until the page closes. It never returns.
func Run(app func(*Session)) {
	Mount(AppSelector, app)
	select {}
}

// RunSessions mounts app once per label, each mount its own session (its own widgets and session
// state; cached resources and data shared), in a panel headed by its label inside the page's #app
// element, the panels side by side on wide screens. It serves them until the page closes and never
// returns. It shows in one page what two users of one app see, as in
//
//	func main() { wasm.RunSessions(app, "User A", "User B") }
//
// The sessions start one after another, like users who open the app one after another: each once
// the session before has finished its first run. Labels must be non-empty and unique. With no
// labels, RunSessions is Run.
func RunSessions(app func(*Session), labels ...string) {
	if len(labels) == 0 {
		Run(app)
	}
	if err := checkSessionLabels(labels); err != nil {
		panic(err)
	}
	// Every panel is in the page before the first session starts, so wasmlit.settled() waits for
	// the sessions that have not started yet.
	mountMu.Lock()
	sids := make([]int, len(labels))
	hosts := make([]Host, len(labels))
	for i, label := range labels {
		sids[i] = mountLocked(AppSelector, label)
		hosts[i] = &browserHost{sid: sids[i]}
	}
	mountMu.Unlock()
	startInTurn(app, hosts, func(i int, a *App) {
		mountMu.Lock()
		apps[sids[i]] = a
		mountMu.Unlock()
	})
	select {}
}

// Mount mounts app into the element matched by selector, as its own session: its own widgets and
// session state, sharing cached resources with the other sessions in the page. Call it from main
// once per app, before blocking (select {}).
func Mount(selector string, app func(*Session)) {
	mountMu.Lock()
	defer mountMu.Unlock()
	sid := mountLocked(selector, "")
	apps[sid] = Start(app, &browserHost{sid: sid})
}

// mountLocked gives the next session id a root in the page, inside selector's element, or inside a
// new panel headed by label there when label is not empty. The caller holds mountMu.
func mountLocked(selector, label string) int {
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
	lastSID++
	if label == "" {
		bridge.Mount(lastSID, selector)
	} else {
		mountLabelled(lastSID, selector, label)
	}
	return lastSID
}

// mountLabelled asks the host for a panel headed by label inside selector's element, holding
// session sid's root (docs/PROTOCOL.md, mount).
func mountLabelled(sid int, selector, label string) {
	host := js.Global().Get("wasmlitHost")
	if host.Type() != js.TypeObject {
		panic("wasmlit: globalThis.wasmlitHost is missing; load the app through the page the build writes (web/index.html), which runs host/host.js (bundled as host/bundle.js) before the Go program")
	}
	if doc := js.Global().Get("document"); doc.Truthy() && doc.Call("querySelector", selector).IsNull() {
		panic(fmt.Sprintf("wasmlit: RunSessions: no element matches %q; check the page has it (web/index.html provides #app)", selector))
	}
	host.Call("mount", sid, selector, label)
}

var (
	mountMu sync.Mutex
	apps    map[int]*App // by session id, once started
	lastSID int          // the last session id given out
)

// browserHost is the Host of a session in the page, through the bridge.
type browserHost struct{ sid int }

func (h *browserHost) Apply(ops []byte)                 { bridge.Apply(h.sid, ops) }
func (h *browserHost) Status(status string, seq uint64) { bridge.Status(h.sid, status, seq) }
func (h *browserHost) Yield()                           { bridge.Yield() }
