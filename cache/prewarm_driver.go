package cache

import (
	"context"
	"errors"
	"sync/atomic"
)

// This file is the runtime's side of prewarming (SPEC C8): the build's native run computes and
// collects the marked calls, and the page seeds its cache from what the build shipped. Apps use
// Prewarm0..Prewarm3 (prewarm.go) and never call these.

// SeedFunc supplies the record of key, a miss of the data function fn (its display name), before
// the function runs: the bytes of a sealed record, or nil to compute as usual. It may block (a
// download); it runs inside the key's flight, so concurrent callers wait for it once. It may also
// panic to stop the run (the build's native run stops at a miss it must leave to the browser).
type SeedFunc func(ctx context.Context, fn, key string) []byte

var seedSource atomic.Pointer[SeedFunc]

// SetSeedSource installs f as the source of seed records for every data function's misses; nil
// removes it. Records it supplies are verified (checksum, identity, result type) before use.
func SetSeedSource(f SeedFunc) {
	if f == nil {
		seedSource.Store(nil)
		return
	}
	seedSource.Store(&f)
}

// PrewarmCall is one call marked with Prewarm0..Prewarm3.
type PrewarmCall struct{ m *prewarmMark }

// PrewarmCalls returns the marked calls, in the order they were marked.
func PrewarmCalls() []PrewarmCall {
	prewarmMu.Lock()
	defer prewarmMu.Unlock()
	calls := make([]PrewarmCall, len(prewarmMarks))
	for i, m := range prewarmMarks {
		calls[i] = PrewarmCall{m}
	}
	return calls
}

// Func returns the marked function's display name.
func (p PrewarmCall) Func() string { return p.m.core.display() }

// Key returns the entry key of the marked call, or why its arguments have none.
func (p PrewarmCall) Key() (string, error) { return p.m.key() }

// Run makes the marked call with host h (a session of the runtime, or nil), computing and
// storing its record unless it is cached already.
func (p PrewarmCall) Run(h any) error {
	if p.m.core.widgets() {
		return ErrPrewarmWidgets
	}
	return p.m.run(h)
}

// Record returns the sealed record of the marked call from the engine's data tier, a copy the
// caller owns, and false when the call has no entry (it failed, or was not run).
func (p PrewarmCall) Record(ctx context.Context) ([]byte, bool) {
	key, err := p.m.key()
	if err != nil {
		return nil, false
	}
	b, _, ok := p.m.core.tierOf().read(ctx, key, false)
	if !ok || len(b) < recordMinSize {
		return nil, false
	}
	b = append([]byte(nil), b...)
	sealRecord(b)
	return b, true
}

// ErrPrewarmWidgets is PrewarmCall.Run's error for a function made with AllowWidgets: its
// entries depend on the widgets its call draws, so it cannot be computed ahead.
var ErrPrewarmWidgets = errors.New("cache: a function made with AllowWidgets cannot be prewarmed; remove its Prewarm mark")
