package cache

import (
	"container/list"
	"context"
	"strings"
	"sync"
)

// MemoryStore is a Store in memory bounded by bytes: when the values held
// exceed MaxBytes, the least recently used entries are evicted. It is the
// memory tier of the two-tier store and the only tier when persistence is
// unavailable.
//
// The zero value is an empty, unbounded store ready to use. Set MaxBytes before
// first use; change the bound later with SetMaxBytes. A MemoryStore is safe for
// concurrent use. It retains the slices given to Set and returns them from Get
// without copying.
type MemoryStore struct {
	MaxBytes int64 // <= 0: unbounded

	mu    sync.Mutex
	ll    *list.List // front: most recently used
	items map[string]*list.Element
	bytes int64
}

type memEntry struct {
	key string
	val []byte
}

// NewMemoryStore returns a MemoryStore bounded by maxBytes (<= 0: unbounded).
func NewMemoryStore(maxBytes int64) *MemoryStore { return &MemoryStore{MaxBytes: maxBytes} }

func (m *MemoryStore) init() {
	if m.items == nil {
		m.ll = list.New()
		m.items = map[string]*list.Element{}
	}
}

// Get returns the value for key and marks it most recently used.
func (m *MemoryStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	e, ok := m.items[key]
	if !ok {
		return nil, false, nil
	}
	m.ll.MoveToFront(e)
	return e.Value.(*memEntry).val, true, nil
}

// Set stores val under key, then evicts least recently used entries while
// the store holds more than MaxBytes. A value larger than MaxBytes is not kept
// (an older value under key is removed) and evicts nothing else: with a
// persistent store behind the memory tier, such a value lives only there.
func (m *MemoryStore) Set(_ context.Context, key string, val []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if e, ok := m.items[key]; ok {
		m.remove(e)
	}
	if m.MaxBytes > 0 && int64(len(val)) > m.MaxBytes {
		return nil
	}
	m.items[key] = m.ll.PushFront(&memEntry{key: key, val: val})
	m.bytes += int64(len(val))
	m.shrinkLocked()
	return nil
}

// SetMaxBytes changes the bound (<= 0: unbounded) and evicts least recently
// used entries at once until the store holds no more than it.
func (m *MemoryStore) SetMaxBytes(maxBytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	m.MaxBytes = maxBytes
	m.shrinkLocked()
}

// shrinkLocked evicts least recently used entries while the store holds more
// than MaxBytes. The caller holds m.mu.
func (m *MemoryStore) shrinkLocked() {
	for m.MaxBytes > 0 && m.bytes > m.MaxBytes && m.ll.Len() > 0 {
		m.remove(m.ll.Back())
	}
}

func (m *MemoryStore) remove(e *list.Element) {
	me := e.Value.(*memEntry)
	m.ll.Remove(e)
	delete(m.items, me.key)
	m.bytes -= int64(len(me.val))
}

// Delete removes key; deleting a missing key is not an error.
func (m *MemoryStore) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if e, ok := m.items[key]; ok {
		m.remove(e)
	}
	return nil
}

// Clear removes every key that starts with prefix.
func (m *MemoryStore) Clear(_ context.Context, prefix string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for k, e := range m.items {
		if strings.HasPrefix(k, prefix) {
			m.remove(e)
		}
	}
	return nil
}

// Evict removes least recently used entries until bytes are freed. When all
// the entries together hold less than bytes, it removes nothing: evicting
// them could not make room for a value that size.
func (m *MemoryStore) Evict(_ context.Context, bytes int64) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if m.bytes < bytes {
		return 0, nil
	}
	var freed int64
	for freed < bytes && m.ll.Len() > 0 {
		e := m.ll.Back()
		freed += int64(len(e.Value.(*memEntry).val))
		m.remove(e)
	}
	return freed, nil
}

// Len reports the number of entries and the bytes they hold.
func (m *MemoryStore) Len() (entries int, bytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items), m.bytes
}
