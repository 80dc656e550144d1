//go:build js && wasm

package wasm

import "github.com/wasmlit/wasmlit/wasm/internal/bridge"

// The page keeps session state across the dev server's reload through its host (host/devstate.js).

func (h *browserHost) KeptState() ([]byte, bool) {
	snapshot, keep := bridge.KeptState(h.sid)
	if snapshot == "" {
		return nil, keep
	}
	return []byte(snapshot), keep
}

func (h *browserHost) SaveState(snapshot []byte) { bridge.SaveState(h.sid, string(snapshot)) }
func (h *browserHost) Warn(msg string)           { bridge.Log("warn", msg) }
