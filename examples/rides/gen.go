package main

// The data step (see cmd/wasmlit/datastep.go): the build makes the CSVs when one is missing, so
// that 55 MB of generated data is neither committed nor downloaded. Same bytes every time.

//wasmlit:generates static/rides-5mb.csv static/rides-50mb.csv
//go:generate go run github.com/wasmlit/wasmlit/cmd/ridesgen -size 5MB -o static/rides-5mb.csv
//go:generate go run github.com/wasmlit/wasmlit/cmd/ridesgen -size 50MB -o static/rides-50mb.csv
