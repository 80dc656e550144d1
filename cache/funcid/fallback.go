package funcid

import (
	"encoding/hex"
	"math/rand/v2"
	"sync"
	"sync/atomic"

	"github.com/zeebo/xxh3"
)

// Warn receives the one-time warnings of this package: the source table is
// missing, stale, or not yet registered. The default writes to the standard
// logger (log.Print; in js/wasm the same line to standard error, the browser
// console, without linking package log). Set it before the first call of Of;
// it is read without synchronisation.
var Warn = defaultWarn

var (
	warnMu sync.Mutex

	warnedMissing, warnedStale, warnedInit, warnedUnresolved bool
)

// warnOnce calls Warn with msg unless *done is already set.
func warnOnce(done *bool, msg string) {
	warnMu.Lock()
	first := !*done
	*done = true
	warnMu.Unlock()
	if first && Warn != nil {
		Warn(msg)
	}
}

// buildID is the id fallback identities are hashed with; processID stands
// in until SetBuildID is called. It is a variable initialiser, not an init
// function, so that Of works during the initialisation of package variables.
var (
	buildID   atomic.Pointer[string]
	processID = func() string {
		var b [16]byte
		// math/rand/v2 is seeded randomly per process, which is all a build id needs; crypto/rand
		// would link the whole crypto stack into every app (about 150 KB of wasm).
		for i := range b {
			b[i] = byte(rand.Uint32())
		}
		return "process-" + hex.EncodeToString(b[:])
	}()
)

// SetBuildID sets the build's id (the runtime passes the hash of the wasm),
// which fallback identities are hashed with: they stay the same across reloads
// of one build and change with every rebuild. Until it is called the id is
// random per process. Identities that Of returned before are not updated.
func SetBuildID(id string) {
	buildID.Store(&id)
	cache.reset()
}

// fallback is the identity of a function the table does not know: its hash
// covers the runtime name and the build id, so it misses after any rebuild.
func fallback(name, display string) Identity {
	h := xxh3.New128()
	_, _ = h.WriteString("wasmlit/funcid fallback\x00")
	_, _ = h.WriteString(name)
	_, _ = h.WriteString("\x00")
	if id := buildID.Load(); id != nil {
		_, _ = h.WriteString(*id)
	} else {
		_, _ = h.WriteString(processID)
	}
	return Identity{Name: name, Display: display, Hash: h.Sum128().Bytes()}
}
