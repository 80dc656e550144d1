package driver

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// Prewarming (SPEC C8) from the runtime's side: the build's native run computes the calls an app
// marked with cache.Prewarm0..3 and collects their records; the page seeds its cache from what
// the build shipped.

// SeedFunc supplies the record of key, a miss of the data function fn (its display name), before
// the function runs: the bytes of a sealed record, or nil to compute as usual. It may block (a
// download); it runs inside the key's flight, so concurrent callers wait for it once. It may also
// panic to stop the run (the build's native run stops at a miss it must leave to the browser).
type SeedFunc func(ctx context.Context, fn, key string) []byte

var seedSource atomic.Pointer[SeedFunc]

// SetSeedSource installs f as the source of seed records for every data function's misses; nil
// removes it. The cache verifies what it supplies (checksum, identity, result type) before use.
func SetSeedSource(f SeedFunc) {
	if f == nil {
		seedSource.Store(nil)
		return
	}
	seedSource.Store(&f)
}

// Seed returns the installed seed source, or nil.
func Seed() SeedFunc {
	if p := seedSource.Load(); p != nil {
		return *p
	}
	return nil
}

// PrewarmCall is one call marked with cache.Prewarm0..3.
type PrewarmCall struct {
	// Func returns the marked function's display name.
	Func func() string
	// Key returns the entry key of the marked call, or why its arguments have none.
	Key func() (string, error)
	// Run makes the marked call with session (the runtime's session, or nil), computing and
	// storing its record unless it is cached already. A function made with
	// cache.AllowWidgets gives ErrPrewarmWidgets.
	Run func(session any) error
	// Record returns the sealed record of the marked call, a copy the caller owns, and false
	// when the call has no entry (it failed, or was not run).
	Record func(ctx context.Context) ([]byte, bool)
}

var (
	prewarmMu    sync.Mutex
	prewarmCalls []PrewarmCall
)

// AddPrewarmCall registers a marked call; package cache calls it for each mark.
func AddPrewarmCall(c PrewarmCall) {
	prewarmMu.Lock()
	defer prewarmMu.Unlock()
	prewarmCalls = append(prewarmCalls, c)
}

// PrewarmCalls returns the marked calls, in the order they were marked.
func PrewarmCalls() []PrewarmCall {
	prewarmMu.Lock()
	defer prewarmMu.Unlock()
	return append([]PrewarmCall(nil), prewarmCalls...)
}

// ErrPrewarmWidgets is PrewarmCall.Run's error for a function made with cache.AllowWidgets: its
// entries depend on the widgets its call draws, so it cannot be computed ahead.
var ErrPrewarmWidgets = errors.New("cache: a function made with AllowWidgets cannot be prewarmed; remove its Prewarm mark")
