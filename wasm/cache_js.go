//go:build js && wasm

package wasm

import (
	"context"
	"errors"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/funcid"
	"github.com/wasmlit/wasmlit/internal/slogtext"
	"github.com/wasmlit/wasmlit/wasm/internal/bridge"
)

// configureCache connects the cache engine to the page, once, before the first run: cached data
// persists in IndexedDB (one database per app), computations of one key are serialised across
// tabs with Web Locks, and warnings go to the console. When IndexedDB cannot be used, the cache
// keeps working from memory and every session shows one warning saying so (C6).
func configureCache() {
	funcid.SetBuildID(bridge.BuildID())
	app := bridge.AppName()
	cfg := cache.Config{
		MemoryBytes:         cache.Default().MemoryBytes(), // an app may set it in main (SetMemoryBytes)
		Logger:              consoleLogger{},
		OnPersistentFailure: func(err error) { setStorageWarning(storageLost(err, false)) },
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if store, err := cache.OpenIDB(ctx, app); err != nil {
		bridge.Log("warn", "wasmlit: "+err.Error())
		setStorageWarning(storageLost(err, true))
	} else {
		cfg.Store = store
	}
	if locker, err := cache.NewWebLocker(app); err != nil {
		bridge.Log("warn", "wasmlit: "+err.Error()+"; tabs may compute the same cached value at once")
	} else {
		cfg.Locker = locker
	}
	cache.Default().Configure(cfg)
}

// storageLost is the warning every session shows, once, when the cache cannot use IndexedDB
// (C6): what happened, what it means for the user, and what to do. The error itself goes to the
// browser console. opening tells that IndexedDB could not be opened at all.
func storageLost(err error, opening bool) string {
	const after = " Cached data is kept in memory until the page is reloaded; the app works as usual."
	switch {
	case errors.Is(err, cache.ErrQuota):
		return "Cached data cannot be saved: the browser's storage for this site is full." + after +
			" Freeing disk space, or clearing this site's data in the browser's settings, lets it be saved again."
	case opening:
		return "Cached data cannot be saved: this browser does not let the site use IndexedDB " +
			"(a private window, or site storage blocked in the browser's settings)." + after
	default:
		return "Cached data cannot be saved: the browser's storage stopped working (the browser console says why)." + after
	}
}

// consoleLogger sends the cache's warnings to the browser console: "wasmlit: ", the message and
// " key=value" for each attribute (not through log/slog, which every app would then link).
type consoleLogger struct{}

func (consoleLogger) Warn(msg string, args ...any) {
	bridge.Log("warn", "wasmlit: "+msg+slogtext.Attrs(args))
}

// setStorageWarning sets the storage warning, once, and reruns every session so that it shows at
// once.
func setStorageWarning(msg string) {
	if storageWarning.CompareAndSwap(nil, &msg) {
		rerunAll()
	}
}

// rerunAll asks every session for a run.
func rerunAll() {
	sessionsMu.Lock()
	defer sessionsMu.Unlock()
	for _, s := range sessions {
		s.mu.Lock()
		s.requestRunLocked()
		s.mu.Unlock()
	}
}
