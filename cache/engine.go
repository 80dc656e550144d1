package cache

import (
	"context"
	"sync"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// DefaultMemoryBytes bounds the memory tier when Config.MemoryBytes is 0:
// the wasm32 heap is fatal at about 3.8 GiB and never shrinks.
const DefaultMemoryBytes = 512 << 20

// Config configures an Engine. Its zero value is a memory-only engine with
// the real clock and warnings to slog.Default (in js/wasm, to standard error as slog.Default
// writes them, without linking log/slog).
type Config struct {
	Store       driver.Store     // persistent tier (IndexedDB, FileStore); nil: memory only
	MemoryBytes int64            // bound of the memory tier; 0: DefaultMemoryBytes; < 0: unbounded
	Locker      driver.Locker    // cross-process compute-once; nil: in-process only
	Logger      Logger           // warnings; nil: slog.Default() (see Config)
	Now         func() time.Time // the clock for TTL and record times; nil: time.Now
	// OnPersistentFailure is called once when the persistent store fails and the engine goes on
	// with memory only (C6), so the app can tell its user; nil: the warning is only logged.
	OnPersistentFailure func(err error)
}

// Engine holds what cached functions share: the two-tier data store, the
// locker, the clock, the logger, and the registry behind Stats and the
// global clears. An Engine is safe for concurrent use. Use NewEngine or
// Default; the zero value is not usable.
type Engine struct {
	mu     sync.Mutex
	cfg    Config
	mem    *memoryStore
	tier   *tier
	funcs  []registered
	warned map[string]bool
}

// registered is a cached function as the engine sees it.
type registered interface {
	stats() FuncStats
	clearAll()
	isData() bool
}

// NewEngine returns an Engine configured by c.
func NewEngine(c Config) *Engine {
	e := &Engine{}
	e.Configure(c)
	return e
}

var defaultEngine = NewEngine(Config{})

// Default returns the engine that cached functions use unless WithEngine is
// given. The runtime configures it at start-up (persistent store, locker,
// logger) with Configure.
func Default() *Engine { return defaultEngine }

// Configure replaces the engine's configuration. Call it at start-up, before
// the first cached call: it starts a new, empty memory tier.
func (e *Engine) Configure(c Config) {
	mb := c.MemoryBytes
	if mb == 0 {
		mb = DefaultMemoryBytes
	}
	mem := newMemoryStore(mb)
	e.mu.Lock()
	e.cfg = c
	e.mem = mem
	e.tier = newTier(mem, e.warn, c.OnPersistentFailure)
	e.tier.setPersistent(c.Store)
	e.mu.Unlock()
	if c.Store != nil {
		sweepOrphans(context.Background(), c.Store, e.warn) // sweep.go
	}
}

// MemoryBytes returns the bound of the memory tier as configured: 0 means
// DefaultMemoryBytes, < 0 unbounded.
func (e *Engine) MemoryBytes() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cfg.MemoryBytes
}

// SetMemoryBytes changes the bound of the memory tier (0: DefaultMemoryBytes;
// < 0: unbounded) and keeps its entries, evicting the least recently used at
// once when the bound shrinks. A record larger than the bound is kept only in
// the persistent store. It is safe to call at any time; in the browser, call
// it from main before wasm.Run, or from the app (the runtime's Configure keeps
// the bound set here).
func (e *Engine) SetMemoryBytes(n int64) {
	mb := n
	if mb == 0 {
		mb = DefaultMemoryBytes
	}
	e.mu.Lock()
	e.cfg.MemoryBytes = n
	mem := e.mem
	e.mu.Unlock()
	mem.SetMaxBytes(mb)
}

// MemoryUsage reports the entries and bytes the memory tier holds now.
func (e *Engine) MemoryUsage() (entries int, bytes int64) {
	e.mu.Lock()
	mem := e.mem
	e.mu.Unlock()
	return mem.Len()
}

func (e *Engine) now() time.Time {
	e.mu.Lock()
	now := e.cfg.Now
	e.mu.Unlock()
	if now == nil {
		return time.Now()
	}
	return now()
}

func (e *Engine) dataTier() *tier {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.tier
}

func (e *Engine) locker() driver.Locker {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cfg.Locker
}

func (e *Engine) warn(msg string, args ...any) {
	e.mu.Lock()
	l := e.cfg.Logger
	e.mu.Unlock()
	if l == nil {
		l = defaultLogger()
	}
	l.Warn(msg, args...)
}

// warnOnce warns once per engine for a given message.
func (e *Engine) warnOnce(msg string, args ...any) {
	e.mu.Lock()
	if e.warned == nil {
		e.warned = map[string]bool{}
	}
	seen := e.warned[msg]
	e.warned[msg] = true
	e.mu.Unlock()
	if !seen {
		e.warn(msg, args...)
	}
}

func (e *Engine) register(r registered) {
	e.mu.Lock()
	e.funcs = append(e.funcs, r)
	e.mu.Unlock()
}

func (e *Engine) registered() []registered {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]registered(nil), e.funcs...)
}

// Flush waits until every write queued for the persistent store is done.
// The cache never needs it; tests and shutdown paths do.
func (e *Engine) Flush() { e.dataTier().flush() }

// ClearAllData empties every data cache of the engine: the memory tier and
// the persistent store, including entries of functions not called yet in
// this process (B15).
func (e *Engine) ClearAllData() {
	for _, r := range e.registered() {
		if r.isData() {
			r.clearAll()
		}
	}
	e.dataTier().clear(context.Background(), dataKeyPrefix)
}

// ClearAllResources empties every resource cache of the engine.
func (e *Engine) ClearAllResources() {
	for _, r := range e.registered() {
		if !r.isData() {
			r.clearAll()
		}
	}
}

// ClearFunction empties the caches of the functions whose identity name is name (Stats' Name,
// e.g. "main.loadData"), or of the one wrapper whose ID is name: the page's cache inspector
// clears one wrapper this way. It reports how many cached functions it cleared.
func (e *Engine) ClearFunction(name string) int {
	n := 0
	for _, r := range e.registered() {
		if s := r.stats(); s.Name == name || s.ID == name {
			r.clearAll()
			n++
		}
	}
	return n
}

// Stats returns the statistics of every cached function of the engine, in
// the order the functions were created.
func (e *Engine) Stats() []FuncStats {
	rs := e.registered()
	out := make([]FuncStats, len(rs))
	for i, r := range rs {
		out[i] = r.stats()
	}
	return out
}

// ClearAllData empties every data cache of the default engine.
func ClearAllData() { Default().ClearAllData() }

// ClearAllResources empties every resource cache of the default engine.
func ClearAllResources() { Default().ClearAllResources() }

// Stats returns the statistics of the default engine's cached functions.
func Stats() []FuncStats { return Default().Stats() }

// ClearFunction empties the caches of the default engine's functions named name.
func ClearFunction(name string) int { return Default().ClearFunction(name) }

// Flush waits for the default engine's queued persistent writes.
func Flush() { Default().Flush() }
