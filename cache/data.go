package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// dataCore is the engine of one data function (cache_data): results are
// stored as records (CBOR value + recorded elements) in the engine's
// two-tier store; every caller decodes its own copy.
type dataCore[R any] struct {
	*funcInfo
	typeFP [16]byte             // typeFingerprint of R: a record decodes only into R
	rtErr  error                // why R cannot round-trip (B27): every Call returns it, nothing runs
	index  entryIndex[struct{}] // the entries' keys, sized by their records
	flight flight[dataResult]
	// refreshing holds the args keys whose background refresh runs (BackgroundRefresh, refresh.go).
	refreshing keySet
}

// dataResult is what a computation hands to the callers that waited for it.
type dataResult struct {
	key      string // the entry's key
	value    []byte // CBOR of the result, decoded by each waiter
	elements []byte
	own      any // the computing caller's value (R)
}

func newDataCore[R any](fn any, nParams int, method bool, opts []Option) *dataCore[R] {
	c := &dataCore[R]{funcInfo: newFuncInfo(dataKeyPrefix, fn, nParams, method, opts),
		typeFP: typeFingerprint(reflect.TypeFor[R]()), rtErr: typeError(reflect.TypeFor[R]())}
	refuseLifecycle(c.opts, func() string { c.resolve(); return c.id.Display })
	checkRefresh(c.opts, func() string { c.resolve(); return c.id.Display }) // refresh.go
	c.index.maxBytes = c.opts.maxBytes
	c.opts.engine.register(c)
	if c.opts.shared {
		registerShared(c) // shared.go
	}
	return c
}

func (c *dataCore[R]) isData() bool { return true }

func (c *dataCore[R]) stats() FuncStats {
	c.resolve()
	c.syncIndex()
	s := FuncStats{Name: c.id.Name, Display: c.id.Display, Kind: "data"}
	s.Entries, s.Bytes = c.index.len()
	c.fill(&s)
	return s
}

// clearAll is Clear. It detaches the computations in flight first, so that
// none of them stores a result computed before the clear (B29; see flight).
func (c *dataCore[R]) clearAll() {
	c.resolve()
	c.flight.forgetAll()
	c.opts.engine.dataTier().clear(context.Background(), c.prefix)
	c.index.reset()
}

// clearKey is ClearArgs: key is the arguments' key, or err says why they
// have none (an argument that cannot be hashed), which ClearArgs returns.
// Like clearAll, it detaches the computation of key in flight first.
func (c *dataCore[R]) clearKey(key string, err error) error {
	if err != nil {
		return err
	}
	if c.opts.sessionScope {
		c.clearScoped(key)
		return nil
	}
	c.flight.forget(key)
	c.drop(key)
	return nil
}

// drop removes key's entry: an args key, or the key of one entry of an args
// key (AllowWidgets). It leaves computations in flight alone: lookup drops
// unreadable and expired records inside the flight.
func (c *dataCore[R]) drop(key string) {
	if c.opts.allowWidgets && !strings.Contains(strings.TrimPrefix(key, c.keyPfx), "/") {
		// An args key: its manifest and every entry of its widget values.
		c.opts.engine.dataTier().clear(context.Background(), key)
		c.index.removePrefix(key)
		return
	}
	c.opts.engine.dataTier().delete(context.Background(), key)
	c.index.remove(key)
}

// syncIndex loads into the index the function's entries that the persistent store holds, once
// per tier (see entryIndex.syncTier), so that MaxEntries and Stats count the entries of earlier
// pages too (B7, B24), and deletes those beyond MaxEntries. Widget manifests are not entries.
// The listing is not bound to a caller's context: a stopped run must not leave it half done.
func (c *dataCore[R]) syncIndex() {
	t := c.opts.engine.dataTier()
	evicted := c.index.syncTier(t, func() []storedEntry {
		es := t.persistedEntries(context.Background(), c.keyPfx)
		return slices.DeleteFunc(es, func(e storedEntry) bool { return strings.HasSuffix(e.key, manifestSuffix) })
	}, c.opts.maxEntries)
	for _, k := range evicted {
		t.deleteAsync(context.Background(), k)
	}
}

// manifestSuffix ends the keys of widget manifests (manifestKey).
const manifestSuffix = "/m"

// call is Call of every data wrapper: run calls the user's function with a session, st or (a
// background refresh) one of the runtime's.
func (c *dataCore[R]) call(st Session, run func(Session) (R, error), args ...arg) (R, error) {
	var zero R
	if c.rtErr != nil {
		return zero, c.refused()
	}
	ctx, rt := runtimeOf(st)
	argsKey, err := c.key(args...)
	if err != nil {
		return zero, err
	}
	argsKey = c.scoped(argsKey, rt)
	c.syncIndex()
	wr := c.widgetRuntime(rt)
	serveStale := c.canRefresh(st, rt) // refresh.go
	for {
		// The entry's key: the args key, or (AllowWidgets) the key of the widgets' values.
		key, known := argsKey, true
		if wr != nil {
			key, known = c.widgetEntryKey(ctx, wr, argsKey, false)
		}
		if known {
			v, _, found, err := c.lookup(ctx, rt, key, false, serveStale)
			if found == foundStale {
				c.refresh(st, rt, argsKey, args, run)
			}
			if found != notFound || err != nil {
				return v, err
			}
		}
		res, err, leader := c.flight.do(ctx, argsKey, c.id.Display, c.waitSpinner(rt), func(keep keepFunc) (dataResult, error) {
			return c.compute(ctx, rt, wr, argsKey, args, func() (R, error) { return run(st) }, keep)
		})
		if err != nil {
			return zero, err
		}
		if leader {
			return res.own.(R), nil
		}
		if wr != nil {
			// The computation this caller waited for drew its widgets with the values of the
			// caller that ran it: share its result only if this caller's widgets agree.
			if k, ok := c.widgetEntryKey(ctx, wr, argsKey, false); !ok || k != res.key {
				continue
			}
		}
		// A caller that waited decodes its own copy and replays the elements.
		c.hits.Add(1)
		v, err := decodeValue[R](res.value)
		if err != nil {
			return zero, err
		}
		if rt != nil && len(res.elements) > 0 {
			if err := rt.Replay(res.elements); err != nil {
				return zero, err
			}
		}
		return v, nil
	}
}

// found says what lookup found.
type found int

const (
	notFound   found = iota // a miss
	foundFresh              // a hit
	foundStale              // a hit on a value past its TTL, to refresh (BackgroundRefresh)
)

// lookup reads key's record; any failing check is a miss (and the record is
// deleted). onlyPersistent reads past the memory tier (after a cross-process
// lock). A hit replays the recorded elements. A record past its TTL but within
// BackgroundRefresh's window is served when serveStale (the caller refreshes it),
// else it is a miss that keeps the record for the others until the refresh
// replaces it.
func (c *dataCore[R]) lookup(ctx context.Context, rt driver.Runtime, key string, onlyPersistent, serveStale bool) (R, dataResult, found, error) {
	var zero R
	t := c.opts.engine.dataTier()
	b, verify, ok := t.read(ctx, key, onlyPersistent)
	if !ok {
		return zero, dataResult{}, notFound, nil
	}
	hit := foundFresh
	rec, err := decodeRecord(b, verify)
	if err == nil && (rec.Name != c.id.Name || rec.FuncHash != c.id.Hash) {
		err = errors.New("record belongs to another function")
	}
	var v R
	if err == nil {
		if rec.Type != c.typeFP {
			// Written for another result type (the type changed since, or another function's
			// record under this key): a plain miss, which the recomputation overwrites.
			c.drop(key)
			return zero, dataResult{}, notFound, nil
		}
		if created := time.Unix(0, rec.Created); c.expired(created) {
			switch {
			case !c.servableStale(created):
				c.drop(key) // expired: a plain miss
				return zero, dataResult{}, notFound, nil
			case !serveStale:
				return zero, dataResult{}, notFound, nil // the refresh computes; the others still see it
			}
			hit = foundStale
		}
		if err := fitsMemory(int64(len(rec.Value))); err != nil {
			return zero, dataResult{}, notFound, fmt.Errorf("cache: %s: %w", c.id.Display, err)
		}
		v, err = decodeValue[R](rec.Value)
	}
	if err != nil {
		c.opts.engine.warn("cache: dropping an unreadable cache record; recomputing",
			"func", c.id.Display, "key", key, "err", err)
		c.drop(key)
		return zero, dataResult{}, notFound, nil
	}
	if rt != nil && len(rec.Elements) > 0 {
		if err := rt.Replay(rec.Elements); err != nil {
			// The runtime cannot draw what was recorded (another build's recording format): it
			// drew nothing, so this is a miss.
			c.opts.engine.warn("cache: dropping a cache record whose elements cannot be replayed; recomputing",
				"func", c.id.Display, "key", key, "err", err)
			c.drop(key)
			return zero, dataResult{}, notFound, nil
		}
	}
	for _, old := range c.index.put(key, struct{}{}, int64(len(b)), 0) { // MaxBytes may evict others
		if old != key {
			c.opts.engine.dataTier().deleteAsync(context.Background(), old)
		}
	}
	c.hits.Add(1)
	return v, dataResult{key: key, value: rec.Value, elements: rec.Elements, own: v}, hit, nil
}

// compute runs in the flight of argsKey and stores the result through keep. wh is non-nil when
// the key includes widget values.
func (c *dataCore[R]) compute(ctx context.Context, rt driver.Runtime, wr driver.WidgetRuntime, argsKey string, args []arg, run func() (R, error), keep keepFunc) (dataResult, error) {
	var old *manifest // the widget manifest before this miss
	find := func(onlyPersistent bool) (dataResult, bool, error) {
		key := argsKey
		if wr != nil {
			m := c.readManifest(ctx, argsKey, onlyPersistent)
			if m == nil {
				return dataResult{}, false, nil
			}
			old = m
			key = m.entryKey(argsKey, wr.WidgetValues(m.ids))
		}
		_, res, found, err := c.lookup(ctx, rt, key, onlyPersistent, false)
		return res, found != notFound, err
	}
	// Check again inside the flight, which merges only calls that overlap.
	// The ordering that needs it: caller A looks the key up and misses; B,
	// which had taken the flight before, stores the value and leaves the
	// flight; A then takes the flight as its leader. Without this second
	// look A would run the function again for a value that is stored.
	if res, ok, err := find(false); ok || err != nil {
		return res, err
	}
	m := &miss{rt: rt, f: c.funcInfo}
	defer m.end() // on every path that does not reach the function's end
	unlock := func() {}
	e := c.opts.engine
	if l := e.locker(); l != nil && e.dataTier().hasPersistent() && !c.opts.sessionScope {
		// Another tab may be computing this key: the miss begins (its spinner shows) before the
		// wait for the lock (C11).
		m.begin()
		u, err := l.Lock(ctx, argsKey)
		if err != nil {
			if ctx.Err() != nil {
				return dataResult{}, ctx.Err()
			}
			e.warnOnce("cache: cross-tab lock failed; computing without it", "err", err)
		} else {
			unlock = u
			// Another process may have computed it while we waited: what its lookup replays
			// is drawn, and the recording of this caller, who ran nothing, is dropped.
			if res, ok, err := find(true); ok || err != nil {
				m.end()
				unlock()
				return res, err
			}
		}
	}
	// unlock is handed to the tier's writer, which calls it once the value is stored. Until
	// then, whatever ends this call (an error, a panic, a run stopped while the spinner paints, a
	// value that cannot be encoded) releases the key at once: other tabs, and this one, wait on it.
	handedOff := false
	defer func() {
		if !handedOff {
			unlock()
		}
	}()
	if res, ok, err := c.beforeRun(ctx, rt, argsKey, wr); ok || err != nil { // prewarm.go (C8)
		return res, err
	}
	// A shared function asks the edge Worker first (shared.go, E2); without one it computes here.
	if rec, b := c.fromShared(ctx, args); b != nil && wr == nil {
		if res, ok := c.keepShared(ctx, rt, argsKey, rec, b, keep, func() { handedOff = true }, unlock); ok {
			return res, nil
		}
	}
	v, elements, widgets, err := runMiss(m, run)
	if err != nil {
		return dataResult{}, err
	}
	rec := record{Name: c.id.Name, FuncHash: c.id.Hash, Type: c.typeFP, Created: e.now().UnixNano(), Elements: elements}
	b, val, err := rec.encodeWith(sizeHint(reflect.ValueOf(&v).Elem()), func(buf *bytes.Buffer) error {
		return encodeValueTo(buf, v)
	})
	if errors.Is(err, ErrTooLarge) {
		return dataResult{}, fmt.Errorf("cache: %s: %w", c.id.Display, err)
	}
	if err != nil {
		ue := &UnserializableReturnValueError{Func: c.id.Display, Type: typeName(reflect.TypeFor[R]()), Cause: err}
		var we *walkError
		if errors.As(err, &we) {
			ue.Path, ue.Cause = we.path(), we.cause
		}
		return dataResult{}, ue
	}
	key := argsKey
	var man []byte
	if wr != nil {
		m, vals := drawnManifest(old, widgets)
		key = m.entryKey(argsKey, vals)
		mr := record{Name: c.id.Name, FuncHash: c.id.Hash, Type: manifestFP, Created: e.now().UnixNano(), Value: m.encode()}
		man = mr.encode()
	}
	t := e.dataTier()
	if mb := t.mem.bound(); mb > 0 && int64(len(b)) > mb {
		e.warnOnce(fmt.Sprintf("cache: %s returned a value whose record is larger than the memory tier's bound: "+
			"every hit reads it back from IndexedDB, which takes seconds at hundreds of MB; raise the bound "+
			"with cache.Default().SetMemoryBytes in main, or use cache.Resource to share one instance", c.id.Display),
			"recordMB", len(b)>>20, "boundMB", mb>>20)
	}
	// Stored only if no clear came since the computation started (B29): the callers waiting
	// for it get the result either way.
	keep(func() {
		handedOff = true
		if man != nil && c.opts.sessionScope {
			t.setSessionRecord(ctx, key, b, nil)
			t.setSessionRecord(ctx, manifestKey(argsKey), man, unlock)
		} else if man != nil {
			// The entry first, then the manifest that leads to it; unlock when both are written.
			t.setRecord(ctx, key, b, nil)
			t.set(ctx, manifestKey(argsKey), man, unlock)
		} else if c.opts.sessionScope {
			t.setSessionRecord(ctx, key, b, unlock)
		} else {
			t.setRecord(ctx, key, b, unlock)
		}
		for _, old := range c.index.put(key, struct{}{}, int64(len(b)), c.opts.maxEntries) {
			t.deleteAsync(context.Background(), old)
		}
	})
	return dataResult{key: key, value: val, elements: elements, own: v}, nil
}

// manifestFP is the type fingerprint of widget manifest records.
var manifestFP = typeFingerprint(reflect.TypeFor[manifest]())

// waitSpinner returns the flight's waiting hook for a caller with runtime rt: the spinner of
// the function, shown while the caller waits for another caller's computation (C11), nil for a
// plain program.
func (f *funcInfo) waitSpinner(rt driver.Runtime) func() (done func()) {
	if rt == nil {
		return nil
	}
	return func() (done func()) {
		rec := rt.BeginMiss(f.missSpec())
		return func() { rec.End() }
	}
}

// miss is a miss in progress: the runtime's recording (its spinner shows from begin) and the
// run of the function in it.
type miss struct {
	rt    driver.Runtime
	f     *funcInfo
	rec   driver.Recorder
	ended bool
}

// begin shows the spinner and starts recording, once.
func (m *miss) begin() {
	if m.rt != nil && m.rec == nil {
		m.rec = m.rt.BeginMiss(m.f.missSpec())
	}
}

// end stops recording and removes the spinner, once; it returns the recording.
func (m *miss) end() (elements []byte, widgets []driver.DrawnWidget) {
	if m.rec == nil || m.ended {
		return nil, nil
	}
	m.ended = true
	return m.rec.End(), m.rec.Widgets()
}

// runMiss runs fn in m's recording (begun now if it was not), timing it, and ends the
// recording, also when fn panics (the panic goes on).
func runMiss[R any](m *miss, fn func() (R, error)) (v R, elements []byte, widgets []driver.DrawnWidget, err error) {
	m.begin()
	// Counted here, not before BeginMiss: the runtime may stop the caller while it paints the
	// spinner, and then the function does not run (B24 counts runs).
	m.f.misses.Add(1)
	start := time.Now()
	defer func() {
		m.f.compute.Add(int64(time.Since(start)))
		elements, widgets = m.end()
	}()
	v, err = fn()
	return v, elements, widgets, err
}
