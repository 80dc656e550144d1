//go:build js && wasm

package funcid

import (
	"os"
	"time"

	"github.com/wasmlit/wasmlit/internal/slogtext"
)

// defaultWarn writes msg as log.Print would, without linking package log into every app.
func defaultWarn(msg string) { _, _ = os.Stderr.Write(slogtext.LogLine(time.Now(), msg)) }
