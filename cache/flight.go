package cache

import (
	"context"
	"runtime/debug"
	"sync"
)

// flight runs one computation per key at a time (singleflight): callers of a
// key that is being computed wait for it and share its result. The zero value
// is ready to use; a flight is safe for concurrent use.
//
// Clears (B29): forget and forgetAll detach the computations in flight, for one
// key or for all, so that callers arriving afterwards start a new computation
// instead of waiting for one that began before the clear. Callers already
// waiting still get the detached computation's result, but that result is not
// stored: a computation stores it through keep, which does nothing once the
// call is forgotten. A clear forgets before it empties the storage, and keep
// stores under the flight's lock, so a result computed across a clear is
// either stored before the clear, which then removes it, or not at all.
type flight[T any] struct {
	mu    sync.Mutex
	calls map[string]*call[T]
}

type call[T any] struct {
	done  chan struct{}
	val   T
	err   error
	panic *PanicError
	retry bool // the computing caller was stopped: waiters try again

	forgotten bool // a clear came after the computation started (guarded by flight.mu)
}

// keepFunc is what a computation calls to store its result: it runs store
// unless a clear came after the computation started, and reports whether it
// did. store must not call into the flight.
type keepFunc func(store func()) bool

// do runs fn for key unless a computation for key is in flight, in which case
// it waits for that one (or for ctx). leader reports whether this caller ran
// fn. A panic in fn is handed to every caller as a *PanicError, the
// computing one included. The key is forgotten when fn returns, so the next
// call after an error or a panic runs fn again. When the computing caller's
// ctx is done and fn failed, waiters do not inherit that failure: one of them
// computes again. fn stores its result only through keep (see flight).
//
// waiting, when not nil, is called when this caller starts waiting for another
// caller's computation, and the function it returns when the wait ends: the
// cache shows the waiting caller's spinner with it (C11).
func (g *flight[T]) do(ctx context.Context, key, name string, waiting func() (done func()), fn func(keep keepFunc) (T, error)) (v T, err error, leader bool) {
	for {
		g.mu.Lock()
		if g.calls == nil {
			g.calls = map[string]*call[T]{}
		}
		if c, ok := g.calls[key]; ok {
			g.mu.Unlock()
			done := func() {}
			if waiting != nil {
				done = waiting()
			}
			select {
			case <-c.done:
				done()
			case <-ctx.Done():
				done()
				var zero T
				return zero, ctx.Err(), false
			}
			if c.retry {
				continue
			}
			if c.panic != nil {
				panic(c.panic)
			}
			return c.val, c.err, false
		}
		c := &call[T]{done: make(chan struct{})}
		g.calls[key] = c
		g.mu.Unlock()
		g.run(ctx, key, name, c, fn)
		if c.panic != nil {
			panic(c.panic)
		}
		return c.val, c.err, true
	}
}

func (g *flight[T]) run(ctx context.Context, key, name string, c *call[T], fn func(keepFunc) (T, error)) {
	normal := false
	defer func() {
		if !normal {
			// A panic (or runtime.Goexit, for which r is nil): the stack is
			// taken here, in the deferred call, where it still shows the
			// panicking frames.
			if r := recover(); r != nil {
				if pe, ok := r.(*PanicError); ok {
					c.panic = pe
				} else {
					c.panic = &PanicError{Func: name, Value: r, Stack: debug.Stack()}
				}
			} else {
				c.retry = true
			}
		}
		if (c.err != nil || c.panic != nil) && ctx.Err() != nil {
			c.retry = true
		}
		g.mu.Lock()
		if g.calls[key] == c { // a clear may have detached c, and a newer call taken its key
			delete(g.calls, key)
		}
		g.mu.Unlock()
		close(c.done)
	}()
	c.val, c.err = fn(func(store func()) bool { return g.keep(c, store) })
	normal = true
}

// keep runs store unless c was forgotten.
func (g *flight[T]) keep(c *call[T], store func()) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c.forgotten {
		return false
	}
	store()
	return true
}

// forget detaches the computation of key in flight, if there is one: its
// result is not stored, and later callers of key compute again.
func (g *flight[T]) forget(key string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if c, ok := g.calls[key]; ok {
		c.forgotten = true
		delete(g.calls, key)
	}
}

// forgetAll is forget for every key.
func (g *flight[T]) forgetAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for key, c := range g.calls {
		c.forgotten = true
		delete(g.calls, key)
	}
}
