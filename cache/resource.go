package cache

import (
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// resourceCore is the engine of one resource function (cache_resource): the
// very instance the function returned is kept in memory and handed to every
// caller in the process; it is never copied or serialised.
type resourceCore[R any] struct {
	*funcInfo
	entries   entryIndex[*resEntry[R]]
	manifests entryIndex[*manifest] // args key -> widgets drawn (AllowWidgets)
	flight    flight[*resEntry[R]]
	life      lifecycle[R] // Validate and OnRelease (B22)
}

type resEntry[R any] struct {
	key      string
	val      R
	created  time.Time
	elements []byte
}

func newResourceCore[R any](fn any, nParams int, method bool, opts []Option) *resourceCore[R] {
	c := &resourceCore[R]{funcInfo: newFuncInfo(resourceKeyPrefix, fn, nParams, method, opts)}
	display := func() string { c.resolve(); return c.id.Display }
	c.life = newLifecycle[R](c.opts, display)
	refuseMaxBytes(c.opts, display)
	if c.opts.maxStale > 0 {
		panic("cache.BackgroundRefresh is for data functions (cache.DataN): the resource function " + display() +
			" hands every caller the same instance, which a refresh in the background would replace under them")
	}
	c.opts.engine.register(c)
	return c
}

func (c *resourceCore[R]) isData() bool { return false }

func (c *resourceCore[R]) stats() FuncStats {
	c.resolve()
	s := FuncStats{Name: c.id.Name, Display: c.id.Display, Kind: "resource"}
	s.Entries, _ = c.entries.len()
	c.fill(&s)
	return s
}

// clearAll is Clear. It detaches the computations in flight first, so that
// none of them keeps a resource made before the clear (B29; see flight).
func (c *resourceCore[R]) clearAll() {
	c.flight.forgetAll()
	c.life.releaseAll(c.entries.takePrefix(""))
	c.manifests.reset()
}

// clearKey is ClearArgs: key is the arguments' key, or err says why they
// have none (an argument that cannot be hashed), which ClearArgs returns.
func (c *resourceCore[R]) clearKey(key string, err error) error {
	if err != nil {
		return err
	}
	if c.opts.sessionScope {
		// key is an args key: its entries are those of every session (and widget value).
		c.flight.forgetAll()
		c.life.releaseAll(c.entries.takePrefix(key))
		c.manifests.takePrefix(key)
		return nil
	}
	c.flight.forget(key)
	if c.opts.allowWidgets {
		// key is an args key: its entries are those of every widget value.
		c.life.releaseAll(c.entries.takePrefix(key))
		c.manifests.remove(key)
		return nil
	}
	c.drop(key)
	return nil
}

// drop removes key's entry and releases its resource (OnRelease).
func (c *resourceCore[R]) drop(key string) {
	if e, ok := c.entries.take(key); ok {
		c.life.releaseAll([]*resEntry[R]{e})
	}
}

func (c *resourceCore[R]) lookup(rt driver.Runtime, key string) (*resEntry[R], bool, error) {
	e, ok := c.entries.get(key)
	if !ok {
		return nil, false, nil
	}
	if c.expired(e.created) || (c.life.valid != nil && !c.life.valid(e.val)) {
		c.drop(key)
		return nil, false, nil
	}
	if rt != nil && len(e.elements) > 0 {
		if err := rt.Replay(e.elements); err != nil {
			// Nothing was drawn: recompute rather than fail (see dataCore.lookup).
			c.opts.engine.warn("cache: dropping a cached resource whose elements cannot be replayed; recomputing",
				"func", c.id.Display, "err", err)
			c.drop(key)
			return nil, false, nil
		}
	}
	c.hits.Add(1)
	return e, true, nil
}

// entryKey returns the entry's key for argsKey: argsKey itself, or with AllowWidgets the key of
// the widgets' current values, false when no manifest says which widgets the function draws.
func (c *resourceCore[R]) entryKey(wr driver.WidgetRuntime, argsKey string) (string, *manifest, bool) {
	if wr == nil {
		return argsKey, nil, true
	}
	m, ok := c.manifests.get(argsKey)
	if !ok {
		return "", nil, false
	}
	return m.entryKey(argsKey, wr.WidgetValues(m.ids)), m, true
}

func (c *resourceCore[R]) call(st Session, run func() (R, error), args ...arg) (R, error) {
	var zero R
	ctx, rt := runtimeOf(st)
	argsKey, err := c.key(args...)
	if err != nil {
		return zero, err
	}
	argsKey = c.scoped(argsKey, rt)
	wr := c.widgetRuntime(rt)
	for {
		if key, _, ok := c.entryKey(wr, argsKey); ok {
			if e, ok, err := c.lookup(rt, key); ok || err != nil {
				if err != nil {
					return zero, err
				}
				return e.val, nil
			}
		}
		e, err, leader := c.flight.do(ctx, argsKey, c.id.Display, c.waitSpinner(rt), func(keep keepFunc) (*resEntry[R], error) {
			return c.compute(rt, wr, argsKey, run, keep)
		})
		if err != nil {
			return zero, err
		}
		if !leader {
			if wr != nil {
				// Share the result only if this caller's widgets have the values it was
				// computed for (see dataCore.call).
				if k, _, ok := c.entryKey(wr, argsKey); !ok || k != e.key {
					continue
				}
			}
			c.hits.Add(1)
			if rt != nil && len(e.elements) > 0 {
				if err := rt.Replay(e.elements); err != nil {
					return zero, err
				}
			}
		}
		return e.val, nil
	}
}

// compute runs in the flight of argsKey and keeps the resource through keep.
func (c *resourceCore[R]) compute(rt driver.Runtime, wr driver.WidgetRuntime, argsKey string, run func() (R, error), keep keepFunc) (*resEntry[R], error) {
	// Check again inside the flight (see dataCore.compute).
	key, old, ok := c.entryKey(wr, argsKey)
	if ok {
		if e, ok, err := c.lookup(rt, key); ok || err != nil {
			return e, err
		}
	}
	v, elements, widgets, err := runMiss(&miss{rt: rt, f: c.funcInfo}, run)
	if err != nil {
		return nil, err
	}
	key = argsKey
	var m *manifest
	if wr != nil {
		var vals [][]byte
		m, vals = drawnManifest(old, widgets)
		key = m.entryKey(argsKey, vals)
	}
	e := &resEntry[R]{key: key, val: v, created: c.opts.engine.now(), elements: elements}
	// Kept only if no clear came since the computation started (B29): the callers waiting for
	// it get the resource either way.
	var evicted []*resEntry[R]
	keep(func() {
		if m != nil {
			c.manifests.put(argsKey, m, 0, 0)
		}
		evicted = c.entries.putTake(key, e, 0, c.opts.maxEntries)
	})
	c.life.releaseAll(evicted) // after keep: never under the flight's lock
	return e, nil
}
