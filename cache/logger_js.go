//go:build js && wasm

package cache

import (
	"os"
	"time"

	"github.com/wasmlit/wasmlit/internal/slogtext"
)

// defaultLogger is the Logger of an engine configured without one: in js/wasm it writes what
// slog.Default would (the standard logger's line: date, time, "WARN", the message and its
// attributes) to standard error, the console, without linking log/slog and log into every app.
// (The runtime configures the default engine with its own console logger before the first run.)
func defaultLogger() Logger { return stderrLogger{} }

type stderrLogger struct{}

func (stderrLogger) Warn(msg string, args ...any) {
	_, _ = os.Stderr.Write(slogtext.LogLine(time.Now(), slogtext.Text("WARN", msg, args)))
}
