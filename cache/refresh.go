package cache

import (
	"fmt"
	"sync"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// BackgroundRefresh serves a data function's entry for up to maxStale after its TTL ends and
// refreshes it in the background (SPEC B21, stale-while-revalidate): the first call that finds
// the entry expired gets the old value at once, and starts one computation of the function for
// its arguments; later calls get the old value too until the computation stores the new one.
// Past TTL + maxStale the entry is an ordinary miss, computed while the caller waits.
//
//	var getPrices = cache.Data0(fetchPrices, cache.TTL(time.Minute), cache.BackgroundRefresh(time.Hour))
//
// In wasmlit the refresh runs in a session of its own, off the page: what the function draws is
// recorded for later hits and shown nowhere, and when the new value is stored, the session that
// was served the old one reruns to show it. The refresh gets the call's arguments: do not change
// what they point to afterwards. BackgroundRefresh needs TTL, and is for data functions without
// AllowWidgets (their entries depend on the widgets of the session that draws them). A refresh
// that fails keeps the old value until the window ends, with a warning; the next call past the
// TTL tries again. maxStale <= 0 turns it off.
func BackgroundRefresh(maxStale time.Duration) Option {
	return func(o *options) { o.maxStale = maxStale }
}

// checkRefresh panics when BackgroundRefresh was given where it cannot work, saying what to do.
func checkRefresh(o *options, display func() string) {
	switch {
	case o.maxStale <= 0:
	case o.ttl <= 0:
		panic("cache.BackgroundRefresh of " + display() + " needs cache.TTL: the refresh starts when the TTL ends")
	case o.shared:
		panic("cache.BackgroundRefresh of " + display() + " cannot be used with cache.Shared yet: " +
			"the edge Worker keeps a shared entry for its TTL; drop one of the two options")
	case o.allowWidgets:
		panic("cache.BackgroundRefresh of " + display() + " cannot be used with cache.AllowWidgets: " +
			"its entries depend on the widgets of the session that draws them; drop one of the two options")
	}
}

// servableStale reports whether an entry created at created, past its TTL, may still be served
// while it is refreshed.
func (f *funcInfo) servableStale(created time.Time) bool {
	return f.opts.maxStale > 0 && f.opts.engine.now().Sub(created) <= f.opts.ttl+f.opts.maxStale
}

// canRefresh reports whether a caller with session st and runtime rt may be served a stale
// value: the function refreshes in the background, and the runtime can run it away from the
// caller's run (a plain program, rt == nil, runs it on a goroutine). A nil st is the cache's own
// call (the edge Worker's ServeShared), which never serves a stale value.
func (c *dataCore[R]) canRefresh(st Session, rt driver.Runtime) bool {
	if c.opts.maxStale <= 0 || st == nil {
		return false
	}
	if rt == nil {
		return true
	}
	_, ok := rt.(driver.Detacher)
	return ok
}

// refresh starts the background refresh of argsKey, unless one runs: the function runs in the
// flight of argsKey (callers that find no entry wait for it, as for any miss) with a session of
// the runtime's own, or with st in a plain program.
func (c *dataCore[R]) refresh(st Session, rt driver.Runtime, argsKey string, args []arg, run func(Session) (R, error)) {
	if !c.refreshing.add(argsKey) {
		return
	}
	job := func(session any) (stored bool) {
		defer c.refreshing.remove(argsKey)
		s, _ := session.(Session)
		if s == nil {
			s = st
		}
		start := c.opts.engine.now()
		if err := c.runRefresh(s, argsKey, args, run); err != nil {
			c.opts.engine.warn("cache: a background refresh failed; the stale value is served until the next try",
				"func", c.id.Display, "err", err)
			return false
		}
		// A value that outlived its TTL while it was computed is not worth a rerun: the rerun
		// would be served it stale and refresh again, over and over.
		return !c.expired(start)
	}
	if d, ok := rt.(driver.Detacher); ok {
		d.Detach(job)
		return
	}
	go job(nil)
}

// runRefresh computes argsKey's entry again with session s and stores it.
func (c *dataCore[R]) runRefresh(s Session, argsKey string, args []arg, run func(Session) (R, error)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	ctx, rt := runtimeOf(s)
	c.refreshes.Add(1)
	_, err, _ = c.flight.do(ctx, argsKey, c.id.Display, nil, func(keep keepFunc) (dataResult, error) {
		return c.compute(ctx, rt, nil, argsKey, args, func() (R, error) { return run(s) }, keep)
	})
	return err
}

// keySet is a set of keys safe for concurrent use.
type keySet struct {
	mu   sync.Mutex
	keys map[string]bool
}

// add adds key and reports whether it was absent.
func (k *keySet) add(key string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys[key] {
		return false
	}
	if k.keys == nil {
		k.keys = map[string]bool{}
	}
	k.keys[key] = true
	return true
}

func (k *keySet) remove(key string) {
	k.mu.Lock()
	delete(k.keys, key)
	k.mu.Unlock()
}
