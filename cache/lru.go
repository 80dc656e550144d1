package cache

import (
	"container/list"
	"strings"
	"sync"
)

// lru is the cache's one least-recently-used list: keys with a value and a
// size each, the total of the sizes, and their order of use. The memory tier
// (memoryStore, bounded by bytes) and every cached function's entry index
// (entryIndex, bounded by MaxEntries) are built on it. The zero value is
// empty and ready to use. It is not safe for concurrent use: its owner locks.
type lru[V any] struct {
	ll    list.List // front: most recently used
	items map[string]*list.Element
	bytes int64 // the sum of the entries' sizes
}

type lruEntry[V any] struct {
	key  string
	val  V
	size int64
}

// get returns key's value and marks it most recently used.
func (l *lru[V]) get(key string) (V, bool) {
	if e, ok := l.items[key]; ok {
		l.ll.MoveToFront(e)
		return e.Value.(*lruEntry[V]).val, true
	}
	var zero V
	return zero, false
}

// add adds key, or replaces its value and size, as the most recently used.
func (l *lru[V]) add(key string, v V, size int64) {
	l.put(key, v, size, true)
}

// addOldest adds key, or replaces its value and size, as the least recently
// used: entries listed from a store, most recently used first.
func (l *lru[V]) addOldest(key string, v V, size int64) {
	l.put(key, v, size, false)
}

func (l *lru[V]) put(key string, v V, size int64, newest bool) {
	if l.items == nil {
		l.items = map[string]*list.Element{}
	}
	if e, ok := l.items[key]; ok {
		le := e.Value.(*lruEntry[V])
		l.bytes += size - le.size
		le.val, le.size = v, size
		if newest {
			l.ll.MoveToFront(e)
		} else {
			l.ll.MoveToBack(e)
		}
		return
	}
	le := &lruEntry[V]{key: key, val: v, size: size}
	if newest {
		l.items[key] = l.ll.PushFront(le)
	} else {
		l.items[key] = l.ll.PushBack(le)
	}
	l.bytes += size
}

// remove removes key and reports whether it was there.
func (l *lru[V]) remove(key string) bool {
	e, ok := l.items[key]
	if ok {
		l.removeElement(e)
	}
	return ok
}

// removeOldest removes the least recently used entry and returns its key and
// size; ok is false when the list is empty.
func (l *lru[V]) removeOldest() (key string, size int64, ok bool) {
	e := l.ll.Back()
	if e == nil {
		return "", 0, false
	}
	le := l.removeElement(e)
	return le.key, le.size, true
}

// removePrefix removes every key that starts with prefix.
func (l *lru[V]) removePrefix(prefix string) {
	for k, e := range l.items {
		if strings.HasPrefix(k, prefix) {
			l.removeElement(e)
		}
	}
}

func (l *lru[V]) removeElement(e *list.Element) *lruEntry[V] {
	le := e.Value.(*lruEntry[V])
	l.ll.Remove(e)
	delete(l.items, le.key)
	l.bytes -= le.size
	return le
}

// reset removes every entry.
func (l *lru[V]) reset() {
	l.ll.Init()
	l.items = nil
	l.bytes = 0
}

// len reports the number of entries and the sum of their sizes.
func (l *lru[V]) len() (entries int, bytes int64) { return l.ll.Len(), l.bytes }

// each calls fn for every entry, least recently used first.
func (l *lru[V]) each(fn func(key string, v V, size int64)) {
	for e := l.ll.Back(); e != nil; e = e.Prev() {
		le := e.Value.(*lruEntry[V])
		fn(le.key, le.val, le.size)
	}
}

// entryIndex is one cached function's entries, for MaxEntries and Stats: an
// lru of the entries' keys with their values (resources) or the sizes of
// their records (data). The zero value is ready to use; it is safe for
// concurrent use.
//
// A data function's entries outlive the page in the persistent store: the
// first use of the index with a tier loads the entries that store holds
// (syncTier), so that MaxEntries and Stats count them after a reload too.
type entryIndex[V any] struct {
	mu       sync.Mutex
	l        lru[V]
	loaded   *tier // the tier whose persisted entries l holds (data functions)
	maxBytes int64 // MaxBytes: bound of the entries' sizes (data functions); <= 0: none
}

func (x *entryIndex[V]) get(key string) (V, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.l.get(key)
}

// put adds or refreshes key as the most recently used entry and returns the
// keys evicted beyond max (> 0), least recently used first.
func (x *entryIndex[V]) put(key string, v V, size int64, max int) (evicted []string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.l.add(key, v, size)
	return x.trimLocked(max)
}

// trimLocked evicts the least recently used entries beyond max entries (> 0) and beyond
// maxBytes, the newest included: an entry larger than the bound is not kept.
func (x *entryIndex[V]) trimLocked(max int) (evicted []string) {
	for (max > 0 && x.l.ll.Len() > max) || (x.maxBytes > 0 && x.l.bytes > x.maxBytes && x.l.ll.Len() > 0) {
		k, _, _ := x.l.removeOldest()
		evicted = append(evicted, k)
	}
	return evicted
}

func (x *entryIndex[V]) remove(key string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.l.remove(key)
}

// removePrefix removes every key that starts with prefix.
func (x *entryIndex[V]) removePrefix(prefix string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.l.removePrefix(prefix)
}

// reset removes every entry. The persisted entries stay loaded: a clear
// removed them from the store as well.
func (x *entryIndex[V]) reset() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.l.reset()
}

// len reports the number of entries and the sum of their sizes.
func (x *entryIndex[V]) len() (entries int, bytes int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.l.len()
}

// syncTier makes the index hold the entries that t's persistent store has
// under prefix, once per tier (an engine's Configure starts a new one): on
// the first use, and again only after a Configure. list returns them, most
// recently used first; the index keeps what this page added since. It returns
// the keys evicted beyond max, which the caller deletes from the store.
func (x *entryIndex[V]) syncTier(t *tier, list func() []storedEntry, max int) (evicted []string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.loaded == t {
		return nil
	}
	x.l.reset()
	x.loaded = t
	var zero V
	for _, e := range list() {
		x.l.addOldest(e.key, zero, e.size)
	}
	return x.trimLocked(max)
}
