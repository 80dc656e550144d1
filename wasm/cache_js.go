//go:build js && wasm

package wasm

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/wasmlit/wasmlit/cache"
	"github.com/wasmlit/wasmlit/cache/funcid"
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
		Logger:              slog.New(consoleHandler{}),
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

// consoleHandler sends the cache's log records to the browser console.
type consoleHandler struct{ attrs []slog.Attr }

func (h consoleHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h consoleHandler) Handle(_ context.Context, r slog.Record) error {
	msg := "wasmlit: " + r.Message
	add := func(a slog.Attr) bool {
		msg += " " + a.Key + "=" + a.Value.String()
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	level := "info"
	if r.Level >= slog.LevelWarn {
		level = "warn"
	}
	bridge.Log(level, msg)
	return nil
}

func (h consoleHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return consoleHandler{attrs: append(append([]slog.Attr(nil), h.attrs...), attrs...)}
}

func (h consoleHandler) WithGroup(string) slog.Handler { return h }

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
