package main

// The data step (see cmd/wasmlit/datastep.go): the build writes this app's own copy of the 5 MB
// rides CSV (the same bytes as examples/rides makes), so the built app is one self-contained
// folder that works on its own, not only beside the rides example in the gallery.

//wasmlit:generates static/rides-5mb.csv
//go:generate go run github.com/wasmlit/wasmlit/cmd/ridesgen -size 5MB -o static/rides-5mb.csv
