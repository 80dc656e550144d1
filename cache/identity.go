package cache

import "github.com/wasmlit/wasmlit/cache/funcid"

// identify is the seam to funcid.Of (tests replace it to simulate a source
// table: parameter names, edited sources).
var identify = funcid.Of
