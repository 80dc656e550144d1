package cache

import (
	"context"
	"runtime/debug"
	"sync"
)

// flight runs one computation per key at a time (singleflight): callers of a
// key that is being computed wait for it and share its result. The zero value
// is ready to use.
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
}

// do runs fn for key unless a computation for key is in flight, in which case
// it waits for that one (or for ctx). leader reports whether this caller ran
// fn. A panic in fn is handed to every caller as a *PanicError, the
// computing one included. The key is forgotten when fn returns, so the next
// call after an error or a panic runs fn again. When the computing caller's
// ctx is done and fn failed, waiters do not inherit that failure: one of them
// computes again.
func (g *flight[T]) do(ctx context.Context, key, name string, fn func() (T, error)) (v T, err error, leader bool) {
	for {
		g.mu.Lock()
		if g.calls == nil {
			g.calls = map[string]*call[T]{}
		}
		if c, ok := g.calls[key]; ok {
			g.mu.Unlock()
			select {
			case <-c.done:
			case <-ctx.Done():
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

func (g *flight[T]) run(ctx context.Context, key, name string, c *call[T], fn func() (T, error)) {
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
		delete(g.calls, key)
		g.mu.Unlock()
		close(c.done)
	}()
	c.val, c.err = fn()
	normal = true
}
