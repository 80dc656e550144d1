//go:build !(js && wasm)

package wasm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
	"github.com/wasmlit/wasmlit/wasm/internal/htmlrender"
)

// The build's native run of an app (SPEC C7, C8; cmd/wasmlit/prerender.go). `wasmlit build`
// compiles the app natively and runs it with prerenderEnv set: Run then computes the calls marked
// with cache.Prewarm, runs the app's first run, writes its elements as static HTML and the marked
// records as a bundle into the folder prerenderEnv names, and exits.
const (
	// prerenderEnv names the folder the native run writes into.
	prerenderEnv = "WASMLIT_PRERENDER"
	// prerenderRootEnv names the app's output folder: relative URLs the app fetches are read
	// from it, as the page would fetch them beside itself.
	prerenderRootEnv = "WASMLIT_PRERENDER_ROOT"
	// prerenderTimeout bounds each phase of the native run (the marked calls, the first run).
	prerenderTimeout = 60 * time.Second
)

// prerenderReport is prerender.json, what the native run tells the build.
type prerenderReport struct {
	StoppedAt string   `json:"stoppedAt,omitempty"` // the cached function whose miss ended the run early
	Prewarmed []string `json:"prewarmed,omitempty"` // the bundle's records, by function
	Warnings  []string `json:"warnings,omitempty"`
}

func prerenderRequested() bool { return os.Getenv(prerenderEnv) != "" }

// prerenderAndExit is Run in the build's native run.
func prerenderAndExit(app func(*Session)) {
	if err := prerender(app, os.Getenv(prerenderEnv), os.Getenv(prerenderRootEnv)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(0)
}

func prerender(app func(*Session), out, root string) error {
	if root != "" {
		http.DefaultClient.Transport = relativeFiles{root: root, next: http.DefaultTransport}
	}
	rep := &prerenderReport{}
	calls := driver.PrewarmCalls()
	marked := make(map[string]bool)
	for _, c := range calls {
		if k, err := c.Key(); err == nil {
			marked[k] = true
		} else {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("cache.Prewarm of %s: %v", c.Func(), err))
		}
	}
	var mu sync.Mutex
	driver.SetSeedSource(func(_ context.Context, fn, key string) []byte {
		if marked[key] {
			return nil // computed here, shipped in the bundle
		}
		mu.Lock()
		if rep.StoppedAt == "" {
			rep.StoppedAt = fn
		}
		mu.Unlock()
		// Any other miss is the browser's: the page shows the run up to here, and the live run
		// draws the rest (with its spinner).
		panic(errStop{})
	})

	// The marked calls first, in a session of their own: the first run then hits them.
	var runErrs []error
	marks := newPrerenderHost()
	m := Start(func(st *Session) {
		for _, c := range calls {
			if err := c.Run(st); err != nil {
				runErrs = append(runErrs, fmt.Errorf("cache.Prewarm of %s: %w", c.Func(), err))
			}
		}
	}, marks)
	if err := marks.wait(prerenderTimeout); err != nil {
		return fmt.Errorf("computing the cache.Prewarm calls: %w", err)
	}
	m.Close()
	for _, err := range runErrs {
		rep.Warnings = append(rep.Warnings, err.Error())
	}

	h := newPrerenderHost()
	a := Start(app, h)
	if err := h.wait(prerenderTimeout); err != nil {
		return fmt.Errorf("the app's first run: %w", err)
	}
	a.Close()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err != nil {
		return h.err
	}
	if exc := findKind(h.tree.Root(true), "stException"); exc != nil {
		return fmt.Errorf("the app's first run failed natively (%s: %s); if it needs the browser in its first run, that is expected",
			exc.Props["type"], exc.Props["message"])
	}
	if err := writeBundle(out, calls, rep); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "prerender.html"), h.tree.Render(1), 0o644); err != nil {
		return err
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "prerender.json"), data, 0o644)
}

// writeBundle writes out/prewarm: index.json and one file per record of the marked calls.
func writeBundle(out string, calls []driver.PrewarmCall, rep *prerenderReport) error {
	idx := prewarmIndex{Version: prewarmIndexVersion, Records: make(map[string]prewarmEntry)}
	for _, c := range calls {
		key, err := c.Key()
		if err != nil {
			continue
		}
		rec, ok := c.Record(context.Background())
		if !ok {
			rep.Warnings = append(rep.Warnings, "cache.Prewarm of "+c.Func()+": no record (the call failed or was refused)")
			continue
		}
		sum := sha256.Sum256([]byte(key))
		name := hex.EncodeToString(sum[:12]) + ".rec"
		if err := os.MkdirAll(filepath.Join(out, "prewarm"), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "prewarm", name), rec, 0o644); err != nil {
			return err
		}
		idx.Records[key] = prewarmEntry{File: name, Func: c.Func(), Size: len(rec)}
		rep.Prewarmed = append(rep.Prewarmed, c.Func())
	}
	if len(idx.Records) == 0 {
		return nil
	}
	data, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "prewarm", "index.json"), data, 0o644)
}

func findKind(n *htmlrender.Node, kind string) *htmlrender.Node {
	if n.Kind == kind {
		return n
	}
	for _, k := range n.Kids {
		if f := findKind(k, kind); f != nil {
			return f
		}
	}
	return nil
}

// prerenderHost is the Host of a session in the native run: it keeps the element tree.
type prerenderHost struct {
	mu     sync.Mutex
	cond   *sync.Cond
	tree   *htmlrender.Tree
	status string
	err    error
}

func newPrerenderHost() *prerenderHost {
	h := &prerenderHost{tree: htmlrender.NewTree()}
	h.cond = sync.NewCond(&h.mu)
	return h
}

func (h *prerenderHost) Apply(ops []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.tree.Apply(ops); err != nil && h.err == nil {
		h.err = err
	}
}

func (h *prerenderHost) Status(status string, _ uint64) {
	h.mu.Lock()
	h.status = status
	h.cond.Broadcast()
	h.mu.Unlock()
}

func (h *prerenderHost) Yield() { runtime.Gosched() }

// wait waits for the session's first idle.
func (h *prerenderHost) wait(d time.Duration) error {
	timer := time.AfterFunc(d, func() { h.mu.Lock(); h.cond.Broadcast(); h.mu.Unlock() })
	defer timer.Stop()
	deadline := time.Now().Add(d)
	h.mu.Lock()
	defer h.mu.Unlock()
	for h.status != "idle" {
		if time.Now().After(deadline) {
			return errors.New("not finished after " + d.String() + " natively")
		}
		h.cond.Wait()
	}
	return nil
}

// relativeFiles serves requests for relative URLs (the page's own files) from the app's output
// folder, and passes the others on.
type relativeFiles struct {
	root string
	next http.RoundTripper
}

func (r relativeFiles) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "" || req.URL.Host != "" {
		return r.next.RoundTrip(req)
	}
	q := req.Clone(req.Context())
	q.URL.Scheme = "file"
	return http.NewFileTransport(http.Dir(r.root)).RoundTrip(q)
}
