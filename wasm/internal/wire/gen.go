//go:build ignore

// gen writes host/wire.gen.js from the constants of package wire.
package main

import (
	"log"
	"os"

	"github.com/wasmlit/wasmlit/wasm/internal/wire"
)

func main() {
	if err := os.WriteFile("../../../host/wire.gen.js", []byte(wire.JS()), 0o644); err != nil {
		log.Fatal(err)
	}
}
