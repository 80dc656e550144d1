//go:build !(js && wasm)

package funcid

import "log"

func defaultWarn(msg string) { log.Print(msg) }
