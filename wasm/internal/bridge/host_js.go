//go:build js && wasm

package bridge

import (
	"fmt"
	"sync"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

var (
	hostOnce sync.Once
	hostObj  js.Value
)

// host returns globalThis.wasmlitHost. It panics with a hint when the page did not load
// host/host.js, because nothing in the runtime can work without it.
func host() js.Value {
	hostOnce.Do(func() {
		hostObj = js.Global().Get("wasmlitHost")
	})
	if hostObj.Type() != js.TypeObject {
		panic("wasmlit bridge: globalThis.wasmlitHost is missing; load the app through web/index.html, which runs host/host.js before the Go program")
	}
	return hostObj
}

// Mount creates session sid's app root inside the first element matching the CSS selector.
// It panics when no element matches, naming the selector. In worker mode (SPEC C9) there is no
// document here: the page's host checks the selector.
func Mount(sid int, selector string) {
	// A rare path, in page mode only: the dom package makes the lookup readable.
	if js.Global().Get("document").Truthy() && dom.GetWindow().Document().QuerySelector(selector) == nil {
		panic(fmt.Sprintf("wasmlit bridge: Mount(%d, %q): no element matches the selector; check the page has it (web/index.html provides #app)", sid, selector))
	}
	host().Call("mount", sid, selector)
}

// Status sets the data-status of session sid's root ("running" or "idle"). seq is the sequence
// number of the last event Go has taken; the host stays "running" while it has sent later ones.
func Status(sid int, status string, seq uint64) {
	host().Call("status", sid, status, seq)
}

// Log writes msg to the browser console at level "debug", "info", "warn" or "error".
func Log(level, msg string) {
	host().Call("log", level, msg)
}

// BuildID returns the build id of the running app (from app.json), or a random id per page
// load when the build has none. It is empty when the host does not expose one.
func BuildID() string { return hostString("buildID") }

// AppName returns the app's name (app.json's name, or the page's path): the cache keeps each app's
// entries apart by it, so two apps on one origin never read each other's.
func AppName() string { return hostString("appName") }

func hostString(member string) string {
	v := host().Get(member)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// TakeFile returns the bytes of the uploaded file with the given token (from a file uploader's
// change event) and makes the host forget them, so the second call for a token returns false.
// The caller owns the returned slice.
func TakeFile(token string) ([]byte, bool) {
	v := host().Call("takeFile", token)
	if v.Type() != js.TypeObject {
		return nil, false
	}
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b, true
}

// LocationSearch returns the page's location.search ("?a=1&b=2", or "" without a query). It
// reads the current URL on every call, so a history.pushState by the page is seen. In worker mode
// (SPEC C9) the worker's location is its script's: the host's locationSearch() gives the page's.
func LocationSearch() string {
	if h := js.Global().Get("wasmlitHost"); h.Type() == js.TypeObject && h.Get("locationSearch").Type() == js.TypeFunction {
		if s := h.Call("locationSearch"); s.Type() == js.TypeString {
			return s.String()
		}
		return ""
	}
	loc := js.Global().Get("location")
	if loc.Type() != js.TypeObject {
		return ""
	}
	if s := loc.Get("search"); s.Type() == js.TypeString {
		return s.String()
	}
	return ""
}
