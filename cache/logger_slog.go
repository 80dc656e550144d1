//go:build !(js && wasm)

package cache

import "log/slog"

// defaultLogger is the Logger of an engine configured without one.
func defaultLogger() Logger { return slog.Default() }
