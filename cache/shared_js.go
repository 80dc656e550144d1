//go:build js && wasm

package cache

import (
	"context"
	"fmt"
	"sync/atomic"
	"syscall/js"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/internal/jsawait"
)

// In a page (or the page's Web Worker), shared functions ask the site's edge Worker: the
// endpoint driver.SharedPath beside the page. Elsewhere (Node tests, the Worker itself) there is no
// location and they compute in the process.
func init() {
	loc := js.Global().Get("location")
	if loc.Type() != js.TypeObject || js.Global().Get("fetch").Type() != js.TypeFunction {
		return
	}
	url := js.Global().Get("URL").New(driver.SharedPath, loc.Get("href")).Call("toString").String()
	driver.SetSharedRemote(&fetchRemote{url: url})
}

// fetchRemote posts SharedRequests to the edge Worker with fetch. The first answer that shows
// there is no Worker (a static host's 404 or 405, a network error) turns it off for the page: the
// shared functions then compute in the browser without asking again (E4).
type fetchRemote struct {
	url string
	off atomic.Pointer[driver.SharedUnavailableError]
}

// Compute posts req and returns the record of a 200 answer.
func (r *fetchRemote) Compute(ctx context.Context, req []byte) ([]byte, error) {
	if e := r.off.Load(); e != nil {
		return nil, e
	}
	body := js.Global().Get("Uint8Array").New(len(req))
	js.CopyBytesToJS(body, req)
	init := js.Global().Get("Object").New()
	init.Set("method", "POST")
	init.Set("body", body)
	headers := js.Global().Get("Object").New()
	headers.Set("Content-Type", "application/cbor")
	init.Set("headers", headers)
	resp, err := jsawait.Await(ctx, js.Global().Call("fetch", r.url, init))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, r.turnOff("the request failed: " + err.Error())
	}
	status := resp.Get("status").Int()
	isWorker := resp.Get("headers").Call("get", "X-Wasmlit-Edge").Truthy()
	buf, err := jsawait.Await(ctx, resp.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("reading the Worker's answer: %w", err)
	}
	arr := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, arr.Get("length").Int())
	js.CopyBytesToGo(b, arr)
	switch {
	case status == 200 && isWorker:
		return b, nil
	case !isWorker:
		return nil, r.turnOff(fmt.Sprintf("%s answered %d without the Worker's header", driver.SharedPath, status))
	}
	return nil, &driver.SharedError{Status: status, Reason: string(b)}
}

func (r *fetchRemote) turnOff(reason string) error {
	e := &driver.SharedUnavailableError{Reason: reason}
	r.off.CompareAndSwap(nil, e)
	return e
}
