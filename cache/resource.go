package cache

import (
	"context"
	"time"
)

// resourceCore is the engine of one resource function (cache_resource): the
// very instance the function returned is kept in memory and handed to every
// caller in the process; it is never copied or serialised.
type resourceCore[R any] struct {
	*funcInfo
	entries lru[*resEntry[R]]
	flight  flight[*resEntry[R]]
}

type resEntry[R any] struct {
	val      R
	created  time.Time
	elements []byte
}

func newResourceCore[R any](fn any, nParams int, method bool, opts []Option) *resourceCore[R] {
	c := &resourceCore[R]{funcInfo: newFuncInfo(resourceKeyPrefix, fn, nParams, method, opts)}
	c.opts.engine.register(c)
	return c
}

func (c *resourceCore[R]) isData() bool { return false }

func (c *resourceCore[R]) stats() FuncStats {
	c.resolve()
	s := FuncStats{Name: c.id.Name, Display: c.id.Display, Kind: "resource"}
	c.entries.each(func(string, *resEntry[R]) { s.Entries++ })
	c.fill(&s)
	return s
}

func (c *resourceCore[R]) clearAll() { c.entries.reset() }

func (c *resourceCore[R]) clearKey(key string, err error) {
	if err == nil {
		c.entries.remove(key)
	}
}

func (c *resourceCore[R]) lookup(host Host, key string) (*resEntry[R], bool, error) {
	e, ok := c.entries.get(key)
	if !ok {
		return nil, false, nil
	}
	if c.opts.ttl > 0 && c.opts.engine.now().Sub(e.created) > c.opts.ttl {
		c.entries.remove(key)
		return nil, false, nil
	}
	c.hits.Add(1)
	if host != nil && len(e.elements) > 0 {
		if err := host.Replay(e.elements); err != nil {
			return nil, false, err
		}
	}
	return e, true, nil
}

func (c *resourceCore[R]) call(h Host, run func() (R, error), args ...arg) (R, error) {
	var zero R
	host := liveHost(h)
	ctx := hostContext(host)
	key, err := c.key(args...)
	if err != nil {
		return zero, err
	}
	if e, ok, err := c.lookup(host, key); ok || err != nil {
		if err != nil {
			return zero, err
		}
		return e.val, nil
	}
	e, err, leader := c.flight.do(ctx, key, c.id.Display, func() (*resEntry[R], error) {
		return c.compute(ctx, host, key, run)
	})
	if err != nil {
		return zero, err
	}
	if !leader {
		c.hits.Add(1)
		if host != nil && len(e.elements) > 0 {
			if err := host.Replay(e.elements); err != nil {
				return zero, err
			}
		}
	}
	return e.val, nil
}

func (c *resourceCore[R]) compute(_ context.Context, host Host, key string, run func() (R, error)) (*resEntry[R], error) {
	// Check again inside the flight (see dataCore.compute).
	if e, ok, err := c.lookup(host, key); ok || err != nil {
		return e, err
	}
	c.misses.Add(1)
	v, elements, err := runRecorded(host, c.funcInfo, run)
	if err != nil {
		return nil, err
	}
	e := &resEntry[R]{val: v, created: c.opts.engine.now(), elements: elements}
	c.entries.put(key, e, c.opts.maxEntries)
	return e, nil
}
