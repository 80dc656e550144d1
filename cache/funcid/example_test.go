package funcid_test

import (
	"fmt"
	"strings"

	"github.com/wasmlit/wasmlit/cache/funcid"
)

// A function without a source table gets a fallback identity: its runtime
// name, and a hash that changes with the build id.
func ExampleOf() {
	funcid.Warn = func(string) {} // the "no source table" warning
	funcid.SetBuildID("build-1")
	id := funcid.Of(strings.ToUpper)
	fmt.Println(id.Name, id.Display, id.FromSource, id.Params == nil)
	// Output: strings.ToUpper ToUpper false true
}
