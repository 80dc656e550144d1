package cache

import (
	"context"
	"errors"
	"sync"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// tier is the two-tier store of data records: a memoryStore in front of an
// optional persistent Store.
//
// Reads try memory, then the persistent store, and fill memory on a
// persistent hit. Writes go to memory at once and to the persistent store
// from one background goroutine, in order, after the caller has its value:
// a slow IndexedDB never delays a run. Deletes and clears go through the same
// queue and are waited for, so they are ordered after earlier writes.
//
// A persistent error degrades the tier to memory only, with one warning. A
// write failing with ErrQuota first evicts least recently used records (when
// the store is an Evictor) and is retried once.
type tier struct {
	mem       *memoryStore
	warn      func(msg string, args ...any)
	onDegrade func(err error) // Config.OnPersistentFailure

	mu       sync.Mutex
	cond     *sync.Cond
	persist  driver.Store // nil: memory only
	degraded bool
	queue    []tierOp
	running  bool
	pending  int
	removals uint64 // deletes and clears so far: see fill
	// deleting counts the queued deletes of each key (deleteAsync): until they land, the
	// persistent store still holds what they remove, and a read of the key is a miss.
	deleting map[string]int
}

type tierOp struct {
	del    bool // delete (prefix == "") or clear (prefix != "")
	clear  bool
	key    string
	val    []byte
	seal   bool   // val is a record to seal (sealRecord) before it is written
	after  func() // runs when the op is done, success or not
	signal chan struct{}
}

func newTier(mem *memoryStore, warn func(string, ...any), onDegrade func(error)) *tier {
	t := &tier{mem: mem, warn: warn, onDegrade: onDegrade, deleting: map[string]int{}}
	t.cond = sync.NewCond(&t.mu)
	return t
}

func (t *tier) setPersistent(s driver.Store) {
	t.mu.Lock()
	t.persist, t.degraded = s, false
	t.mu.Unlock()
}

func (t *tier) persistent() driver.Store {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.degraded {
		return nil
	}
	return t.persist
}

// hasPersistent reports whether a persistent store is in use.
func (t *tier) hasPersistent() bool { return t.persistent() != nil }

func (t *tier) degrade(err error) {
	t.mu.Lock()
	already := t.degraded || t.persist == nil
	t.degraded = true
	t.mu.Unlock()
	if !already {
		t.warn("cache: persistent store failed; using memory only until reload", "err", err)
		if t.onDegrade != nil {
			t.onDegrade(err)
		}
	}
}

// read is get, or getPersistent when onlyPersistent (a read past the memory tier, after a
// cross-process lock). verify reports whether the caller must verify the record's checksum.
func (t *tier) read(ctx context.Context, key string, onlyPersistent bool) (b []byte, verify, ok bool) {
	if onlyPersistent {
		return t.getPersistent(ctx, key)
	}
	return t.get(ctx, key)
}

// get returns the record bytes for key and whether their checksum must be verified: they came
// from the persistent store, which did not verify them as it read them (checkingStore).
func (t *tier) get(ctx context.Context, key string) (b []byte, verify, ok bool) {
	if b, ok, _ := t.mem.Get(ctx, key); ok {
		return b, false, true
	}
	return t.getPersistent(ctx, key)
}

// getPersistent reads the persistent store only (after a cross-process lock, or on a memory
// miss) and keeps what it read in memory.
func (t *tier) getPersistent(ctx context.Context, key string) (b []byte, verify, ok bool) {
	t.mu.Lock()
	p, removals := t.persist, t.removals
	if t.degraded || t.deleting[key] > 0 {
		p = nil
	}
	t.mu.Unlock()
	if p == nil {
		return nil, false, false
	}
	verified := false
	var err error
	if cs, isCS := p.(checkingStore); isCS {
		b, verified, ok, err = cs.getChecked(ctx, key)
	} else {
		b, ok, err = p.Get(ctx, key)
	}
	if errors.Is(err, ErrTooLarge) {
		// The store is fine; this record is too large to read now: a miss.
		t.warn("cache: a stored record is too large to read; recomputing", "key", key, "err", err)
		return nil, false, false
	}
	if err != nil {
		// A caller whose run was stopped abandoned the read: a miss, not a failing store.
		if ctx.Err() == nil {
			t.degrade(err)
		}
		return nil, false, false
	}
	if !ok {
		return nil, false, false
	}
	t.fill(ctx, key, b, removals)
	return b, !verified, true
}

// fill keeps b, read from the persistent store, in memory, unless a delete or a clear came
// while it was read (B29): then b may be what they removed, and memory would serve it after
// them. delete and clear count themselves before they empty memory, and fill checks the count
// and sets under the same lock, so a fill is either emptied by them or not done.
func (t *tier) fill(ctx context.Context, key string, b []byte, removals uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.removals == removals {
		_ = t.mem.Set(ctx, key, b)
	}
}

// removed counts a delete or a clear; see fill.
func (t *tier) removed() {
	t.mu.Lock()
	t.removals++
	t.mu.Unlock()
}

// checkingStore is a persistent Store that can verify a record's checksum while it reads it
// (IDBStore hashes each part as it copies it in, while the next part is still being read), so
// that a hit does not read the record's bytes once more.
type checkingStore interface {
	// getChecked is Get, and reports whether b is a record whose checksum matches
	// (recordSumOK); false means "not checked or not matching": the reader verifies.
	getChecked(ctx context.Context, key string) (b []byte, verified, ok bool, err error)
}

// set stores b in memory now and in the persistent store later; after runs
// once the persistent write is done (at once without a persistent store).
func (t *tier) set(ctx context.Context, key string, b []byte, after func()) {
	_ = t.mem.Set(ctx, key, b)
	if t.persistent() == nil {
		if after != nil {
			after()
		}
		return
	}
	t.enqueue(tierOp{key: key, val: b, after: after})
}

// setRecord is set for a record that is not sealed yet (record.encodeWith): the background
// writer seals it before the persistent write, off the caller's path. Until then its checksum
// is zero, which only the persistent store's readers check.
func (t *tier) setRecord(ctx context.Context, key string, b []byte, after func()) {
	_ = t.mem.Set(ctx, key, b)
	if t.persistent() == nil {
		if after != nil {
			after()
		}
		return
	}
	t.enqueue(tierOp{key: key, val: b, seal: true, after: after})
}

// delete removes key from both tiers, ordered after queued writes.
func (t *tier) delete(ctx context.Context, key string) {
	t.removed()
	_ = t.mem.Delete(ctx, key)
	t.wait(tierOp{del: true, key: key})
}

// clear removes every key with prefix from both tiers.
func (t *tier) clear(ctx context.Context, prefix string) {
	t.removed()
	_ = t.mem.Clear(ctx, prefix)
	t.wait(tierOp{del: true, clear: true, key: prefix})
}

func (t *tier) wait(op tierOp) {
	if t.persistent() == nil {
		return
	}
	op.signal = make(chan struct{})
	t.enqueue(op)
	<-op.signal
}

func (t *tier) enqueue(op tierOp) {
	t.mu.Lock()
	t.queue = append(t.queue, op)
	t.pending++
	if !t.running {
		t.running = true
		go t.drain()
	}
	t.mu.Unlock()
}

func (t *tier) drain() {
	for {
		t.mu.Lock()
		if len(t.queue) == 0 {
			t.running = false
			t.mu.Unlock()
			return
		}
		op := t.queue[0]
		t.queue[0] = tierOp{}
		t.queue = t.queue[1:]
		t.mu.Unlock()

		t.apply(op)

		t.mu.Lock()
		t.pending--
		t.cond.Broadcast()
		t.mu.Unlock()
	}
}

func (t *tier) apply(op tierOp) {
	defer func() {
		if op.after != nil {
			op.after()
		}
		if op.signal != nil {
			close(op.signal)
		}
	}()
	p := t.persistent()
	if p == nil {
		return
	}
	ctx := context.Background()
	var err error
	switch {
	case op.clear:
		err = p.Clear(ctx, op.key)
	case op.del:
		err = p.Delete(ctx, op.key)
	default:
		if op.seal {
			sealRecord(op.val)
		}
		err = p.Set(ctx, op.key, op.val)
		if errors.Is(err, ErrQuota) {
			if ev, ok := p.(driver.Evictor); ok {
				if freed, eerr := ev.Evict(ctx, int64(len(op.val))); eerr == nil && freed > 0 {
					err = p.Set(ctx, op.key, op.val)
				}
			}
		}
	}
	if err != nil {
		t.degrade(err)
	}
}

// flush waits until every queued persistent operation is done.
func (t *tier) flush() {
	t.mu.Lock()
	for t.pending > 0 {
		t.cond.Wait()
	}
	t.mu.Unlock()
}

// deleteAsync removes key from memory now and from the persistent store in
// queue order, without waiting. Reads of key are misses from now on, before
// the persistent delete lands (an entry evicted by MaxEntries is gone at once).
func (t *tier) deleteAsync(ctx context.Context, key string) {
	t.removed()
	_ = t.mem.Delete(ctx, key)
	if t.persistent() == nil {
		return
	}
	t.mu.Lock()
	t.deleting[key]++
	t.mu.Unlock()
	t.enqueue(tierOp{del: true, key: key, after: func() {
		t.mu.Lock()
		if t.deleting[key]--; t.deleting[key] == 0 {
			delete(t.deleting, key)
		}
		t.mu.Unlock()
	}})
}
