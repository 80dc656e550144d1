// Package funcid gives a cached function its identity at run time: the name
// the Go runtime knows it by, a name to show people, a hash of its source code
// and its parameter names.
//
// Go has no inspect.getsource, so the source side comes from a table that the
// generator github.com/wasmlit/wasmlit/cmd/wasmlit-gen writes into each app package at build time
// (wasmlit_srcindex.gen.go). The generated init function hands the table to
// [Register]; [Of] then finds a function's entry by the file and line of the
// function's entry point, as runtime.FuncForPC reports them. That covers
// declared functions, function literals (also those assigned to package
// variables, the usual form of a cached function), method values and method
// expressions.
//
// The generator also records every call of a cache wrapper constructor
// (cache.Data1(...)) as a [Site]: the name the wrapper is declared under and
// the hash of the wrapped expression, so the cache knows a cached function by
// its declaration, found by the call's file and line ([LookupSite]), not by
// the compiler's closure names. A main package registers the complete list of
// its program's sites ([RegisterProgram]); the cache drops persisted records
// of functions that are not in it.
//
// Without a table (a plain go build that skipped the generator) Of returns a
// fallback identity: its hash is made of the function's runtime name and the
// build's id ([SetBuildID]), so cached results miss after every rebuild and are
// never stale. [Warn] is told once.
//
// A table built from older source than the binary would give stale hashes;
// Of notices when a registered function is no longer where the table says and
// falls back, but an edit that keeps every line in place is only seen by
// regenerating. Build with ./build.sh, which always regenerates.
package funcid
