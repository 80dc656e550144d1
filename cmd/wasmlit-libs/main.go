// Command wasmlit-libs makes web/lib and web/libs.sum.json from web/node_modules, as web/libs.json
// lists the files (package internal/weblibs). go generate ./web runs it; so does ./build.sh libs.
//
// Usage:
//
//	wasmlit-libs [WEB_DIR]
//
// WEB_DIR defaults to the working directory. Run npm ci there first.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/wasmlit/wasmlit/internal/weblibs"
)

func main() {
	web := "."
	switch len(os.Args) {
	case 1:
	case 2:
		web = os.Args[1]
	default:
		fmt.Fprintln(os.Stderr, "usage: wasmlit-libs [WEB_DIR]")
		os.Exit(2)
	}
	if err := weblibs.Generate(web); err != nil {
		fmt.Fprintln(os.Stderr, "wasmlit-libs:", err)
		os.Exit(1)
	}
	abs, _ := filepath.Abs(web)
	fmt.Fprintf(os.Stderr, "wasmlit-libs: wrote %s and %s\n", filepath.Join(abs, "lib"), filepath.Join(abs, weblibs.SumName))
}
