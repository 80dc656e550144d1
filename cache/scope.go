package cache

import (
	"context"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// ScopeSession caches the function per session (Streamlit's scope="session", B20): each session
// of the app (each tab, each page load, each session of RunSessions) has its own entries and its
// own computations, and no other session sees them. Session entries live in memory only: a
// session ends with its page, so nothing of it is written to IndexedDB, where it would outlive
// the session. Clear and ClearArgs clear every session's entries. Without a runtime (a plain Go
// program) there is one session.
func ScopeSession() Option { return func(o *options) { o.sessionScope = true } }

// scoped returns the key of argsKey in the session of rt, for a function cached per session;
// argsKey itself otherwise. The session's key starts with argsKey, so a clear of argsKey's
// prefix clears every session's entry.
func (f *funcInfo) scoped(argsKey string, rt driver.Runtime) string {
	if !f.opts.sessionScope {
		return argsKey
	}
	id := ""
	if s, ok := rt.(driver.SessionRuntime); ok {
		id = s.SessionID()
	}
	return argsKey + "~" + id
}

// clearScoped is ClearArgs of a function cached per session: argsKey's entries in every session.
func (c *dataCore[R]) clearScoped(argsKey string) {
	c.flight.forgetAll() // the sessions' computations of argsKey; detaching others only skips a store
	c.opts.engine.dataTier().clear(context.Background(), argsKey)
	c.index.removePrefix(argsKey)
}

// setSessionRecord stores a session's record in the memory tier only, and runs after.
func (t *tier) setSessionRecord(ctx context.Context, key string, b []byte, after func()) {
	_ = t.mem.Set(ctx, key, b)
	if after != nil {
		after()
	}
}
