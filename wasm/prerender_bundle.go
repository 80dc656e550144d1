package wasm

// The prewarm bundle (SPEC C8): the build's native run writes it beside the page
// (prerender_other.go) and the page seeds its cache from it (prerender_js.go).
//
//	prewarm/index.json   prewarmIndex: entry key -> record file
//	prewarm/<hex>.rec    a sealed cache record (cache/record.go), checked again when used

// prewarmIndex is prewarm/index.json: the record file of each entry key.
type prewarmIndex struct {
	Version int                     `json:"version"`
	Records map[string]prewarmEntry `json:"records"`
}

// prewarmEntry is one record of a prewarm bundle.
type prewarmEntry struct {
	File string `json:"file"` // beside index.json
	Func string `json:"func"`
	Size int    `json:"size"`
}

// prewarmIndexVersion is prewarmIndex.Version; the page ignores an index of another version.
const prewarmIndexVersion = 1
