//go:build js && wasm

package wasm

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"wasmlit/cache"
	"wasmlit/cache/funcid"
	"wasmlit/wasm/internal/bridge"
)

// configureCache connects the cache engine to the page, once, before the first run: cached data
// persists in IndexedDB (one database per app), computations of one key are serialised across
// tabs with Web Locks, and warnings go to the console. When IndexedDB cannot be used, the cache
// keeps working from memory and every session shows one warning saying so (C6).
func configureCache() {
	funcid.SetBuildID(bridge.BuildID())
	app := bridge.AppName()
	cfg := cache.Config{
		Logger:              slog.New(consoleHandler{}),
		OnPersistentFailure: func(err error) { setStorageWarning(storageLost(err)) },
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if store, err := cache.OpenIDB(ctx, app); err != nil {
		bridge.Log("warn", "wasmlit: "+err.Error())
		setStorageWarning(storageLost(err))
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

func storageLost(err error) string {
	return fmt.Sprintf("Cached data cannot be saved in this browser (%v), so it lasts only until the page is reloaded. "+
		"The app works as usual. Private windows and full disks are the usual causes.", err)
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
