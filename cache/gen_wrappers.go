//go:build ignore

// gen_wrappers writes data_funcs.gen.go and resource_funcs.gen.go, the arity
// wrappers of package cache, from internal/genwrappers/wrappers.go.tmpl.
// Run it with go generate ./cache.
package main

import (
	"log"
	"os"

	"github.com/wasmlit/wasmlit/cache/internal/genwrappers"
)

func main() {
	files, err := genwrappers.Generate()
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(f.Name, f.Data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
