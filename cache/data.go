package cache

import (
	"context"
	"errors"
	"reflect"
	"time"
)

// dataCore is the engine of one data function (cache_data): results are
// stored as records (CBOR value + recorded elements) in the engine's
// two-tier store; every caller decodes its own copy.
type dataCore[R any] struct {
	*funcInfo
	index  lru[int64] // key -> record size
	flight flight[dataResult]
}

// dataResult is what a computation hands to the callers that waited for it.
type dataResult struct {
	value    []byte // CBOR of the result, decoded by each waiter
	elements []byte
	own      any // the computing caller's value (R)
}

func newDataCore[R any](fn any, nParams int, method bool, opts []Option) *dataCore[R] {
	c := &dataCore[R]{funcInfo: newFuncInfo(dataKeyPrefix, fn, nParams, method, opts)}
	c.opts.engine.register(c)
	return c
}

func (c *dataCore[R]) isData() bool { return true }

func (c *dataCore[R]) stats() FuncStats {
	c.resolve()
	s := FuncStats{Name: c.id.Name, Display: c.id.Display, Kind: "data"}
	c.index.each(func(_ string, n int64) { s.Entries++; s.Bytes += n })
	c.fill(&s)
	return s
}

func (c *dataCore[R]) clearAll() {
	c.resolve()
	c.opts.engine.dataTier().clear(context.Background(), c.prefix)
	c.index.reset()
}

func (c *dataCore[R]) clearKey(key string, err error) {
	if err != nil {
		return // an unhashable argument has no entry
	}
	c.opts.engine.dataTier().delete(context.Background(), key)
	c.index.remove(key)
}

// call is Call of every data wrapper: run calls the user's function.
func (c *dataCore[R]) call(h Host, run func() (R, error), args ...arg) (R, error) {
	var zero R
	host := liveHost(h)
	ctx := hostContext(host)
	key, err := c.key(args...)
	if err != nil {
		return zero, err
	}
	if v, _, ok, err := c.lookup(ctx, host, key, false); ok || err != nil {
		return v, err
	}
	res, err, leader := c.flight.do(ctx, key, c.id.Display, func() (dataResult, error) {
		return c.compute(ctx, host, key, run)
	})
	if err != nil {
		return zero, err
	}
	if leader {
		return res.own.(R), nil
	}
	// A caller that waited decodes its own copy and replays the elements.
	c.hits.Add(1)
	v, err := decodeValue[R](res.value)
	if err != nil {
		return zero, err
	}
	if host != nil && len(res.elements) > 0 {
		if err := host.Replay(res.elements); err != nil {
			return zero, err
		}
	}
	return v, nil
}

// lookup reads key's record; any failing check is a miss (and the record is
// deleted). onlyPersistent reads past the memory tier (after a cross-process
// lock). A hit replays the recorded elements.
func (c *dataCore[R]) lookup(ctx context.Context, host Host, key string, onlyPersistent bool) (R, dataResult, bool, error) {
	var zero R
	t := c.opts.engine.dataTier()
	var b []byte
	var ok, persisted bool
	if onlyPersistent {
		b, ok = t.getPersistent(ctx, key)
		persisted = true
	} else {
		b, persisted, ok = t.get(ctx, key)
	}
	if !ok {
		return zero, dataResult{}, false, nil
	}
	rec, err := decodeRecord(b, persisted)
	if err == nil && (rec.Name != c.id.Name || rec.FuncHash != c.id.Hash) {
		err = errors.New("record belongs to another function")
	}
	var v R
	if err == nil {
		if c.opts.ttl > 0 && c.opts.engine.now().Sub(time.Unix(0, rec.Created)) > c.opts.ttl {
			c.clearKey(key, nil) // expired: a plain miss
			return zero, dataResult{}, false, nil
		}
		v, err = decodeValue[R](rec.Value)
	}
	if err != nil {
		c.opts.engine.warn("cache: dropping an unreadable cache record; recomputing",
			"func", c.id.Display, "key", key, "err", err)
		c.clearKey(key, nil)
		return zero, dataResult{}, false, nil
	}
	c.index.put(key, int64(len(b)), 0)
	c.hits.Add(1)
	if host != nil && len(rec.Elements) > 0 {
		if err := host.Replay(rec.Elements); err != nil {
			return zero, dataResult{}, false, err
		}
	}
	return v, dataResult{value: rec.Value, elements: rec.Elements, own: v}, true, nil
}

func (c *dataCore[R]) compute(ctx context.Context, host Host, key string, run func() (R, error)) (dataResult, error) {
	// Check again inside the flight: another flight for this key may have
	// stored the value between this caller's lookup and its taking the
	// flight (the earlier flight finished and forgot the key in between).
	if _, res, ok, err := c.lookup(ctx, host, key, false); ok || err != nil {
		return res, err
	}
	unlock := func() {}
	e := c.opts.engine
	if l := e.locker(); l != nil && e.dataTier().hasPersistent() {
		u, err := l.Lock(ctx, key)
		if err != nil {
			if ctx.Err() != nil {
				return dataResult{}, ctx.Err()
			}
			e.warnOnce("cache: cross-tab lock failed; computing without it", "err", err)
		} else {
			unlock = u
			// Another process may have computed it while we waited.
			if _, res, ok, err := c.lookup(ctx, host, key, true); ok || err != nil {
				unlock()
				return res, err
			}
		}
	}
	c.misses.Add(1)
	v, elements, err := runRecorded(host, c.funcInfo, run)
	if err != nil {
		unlock()
		return dataResult{}, err
	}
	val, err := encodeValue(v)
	if err != nil {
		unlock()
		ue := &UnserializableReturnValueError{Func: c.id.Display, Type: typeName(reflect.TypeFor[R]()), Cause: err}
		var we *walkError
		if errors.As(err, &we) {
			ue.Path, ue.Cause = we.path(), we.cause
		}
		return dataResult{}, ue
	}
	rec := record{Name: c.id.Name, FuncHash: c.id.Hash, Created: e.now().UnixNano(), Elements: elements, Value: val}
	b := rec.encode()
	t := e.dataTier()
	t.set(ctx, key, b, unlock)
	for _, old := range c.index.put(key, int64(len(b)), c.opts.maxEntries) {
		t.deleteAsync(context.Background(), old)
	}
	return dataResult{value: val, elements: elements, own: v}, nil
}

// runRecorded runs fn between BeginMiss and End, timing it. End runs also
// when fn panics (the panic goes on).
func runRecorded[R any](host Host, f *funcInfo, fn func() (R, error)) (v R, elements []byte, err error) {
	var rec Recorder
	if host != nil {
		rec = host.BeginMiss(f.spinner())
	}
	start := time.Now()
	defer func() {
		f.compute.Add(int64(time.Since(start)))
		if rec != nil {
			elements = rec.End()
		}
	}()
	v, err = fn()
	return v, elements, err
}
