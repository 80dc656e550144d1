//go:build js && wasm

package bridge

import (
	"sync"
	"syscall/js"
)

// maxKeptBuffer bounds the JS-side buffer Apply keeps between calls; larger patches get a
// buffer of their own that the browser frees after the call.
const maxKeptBuffer = 1 << 20

var (
	applyMu  sync.Mutex
	applyBuf js.Value // a Uint8Array reused across Apply calls; undefined until the first one
	applyCap int
)

// Apply hands one patch buffer (see docs/PROTOCOL.md) to the host, which applies it to session
// sid's DOM before returning. It costs one CopyBytesToJS and one call: the bytes go into a
// Uint8Array kept between calls and the host reads its first len(ops) bytes. The caller keeps
// ownership of ops. Apply is safe for concurrent use.
func Apply(sid int, ops []byte) {
	if len(ops) == 0 {
		return
	}
	applyMu.Lock()
	defer applyMu.Unlock()
	buf := applyBuf
	if len(ops) > applyCap {
		n := max(4096, applyCap)
		for n < len(ops) {
			n *= 2
		}
		buf = js.Global().Get("Uint8Array").New(n)
		if n <= maxKeptBuffer {
			applyBuf, applyCap = buf, n
		}
	}
	js.CopyBytesToJS(buf, ops)
	host().Call("apply", sid, buf, len(ops))
}
