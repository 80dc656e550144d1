package main

import (
	"fmt"
	"syscall/js"
	"time"
)

// released reports whether release-<run>.txt is served beside the page. It asks with a synchronous
// XMLHttpRequest, which a dedicated worker may make, so the computation never yields to the
// worker's event loop while it waits. The URL is resolved against the page's, as the worker's own
// is its script's.
func released(run int) bool {
	base := js.Global().Get("location").Get("href")
	if b := js.Global().Get("wasmlitHost").Get("baseURI"); b.Truthy() {
		base = b
	}
	url := js.Global().Get("URL").New(fmt.Sprintf("release-%d.txt?t=%d", run, time.Now().UnixNano()), base)
	x := js.Global().Get("XMLHttpRequest").New()
	x.Call("open", "GET", url.Get("href"), false)
	x.Call("send")
	return x.Get("status").Int() == 200
}
