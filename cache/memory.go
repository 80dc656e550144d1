package cache

import (
	"context"
	"sync"
)

// memoryStore is a Store in memory bounded by bytes: when the values held
// exceed MaxBytes, the least recently used entries are evicted. It is the
// memory tier of the two-tier store and the only tier when persistence is
// unavailable.
//
// The zero value is an empty, unbounded store ready to use. Set MaxBytes before
// first use; change the bound later with SetMaxBytes. A memoryStore is safe for
// concurrent use. It retains the slices given to Set and returns them from Get
// without copying.
type memoryStore struct {
	MaxBytes int64 // <= 0: unbounded

	mu sync.Mutex
	l  lru[[]byte] // sizes: len of the values
}

// newMemoryStore returns a memoryStore bounded by maxBytes (<= 0: unbounded).
func newMemoryStore(maxBytes int64) *memoryStore { return &memoryStore{MaxBytes: maxBytes} }

// Get returns the value for key and marks it most recently used.
func (m *memoryStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.l.get(key)
	return v, ok, nil
}

// Set stores val under key, then evicts least recently used entries while
// the store holds more than MaxBytes. A value larger than MaxBytes is not kept
// (an older value under key is removed) and evicts nothing else: with a
// persistent store behind the memory tier, such a value lives only there.
func (m *memoryStore) Set(_ context.Context, key string, val []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.MaxBytes > 0 && int64(len(val)) > m.MaxBytes {
		m.l.remove(key)
		return nil
	}
	m.l.add(key, val, int64(len(val)))
	m.shrinkLocked()
	return nil
}

// bound returns MaxBytes: Set keeps no value larger than it (<= 0: unbounded).
func (m *memoryStore) bound() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.MaxBytes
}

// SetMaxBytes changes the bound (<= 0: unbounded) and evicts least recently
// used entries at once until the store holds no more than it.
func (m *memoryStore) SetMaxBytes(maxBytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.MaxBytes = maxBytes
	m.shrinkLocked()
}

// shrinkLocked evicts least recently used entries while the store holds more
// than MaxBytes. The caller holds m.mu.
func (m *memoryStore) shrinkLocked() {
	for m.MaxBytes > 0 && m.l.bytes > m.MaxBytes {
		if _, _, ok := m.l.removeOldest(); !ok {
			return
		}
	}
}

// Delete removes key; deleting a missing key is not an error.
func (m *memoryStore) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.l.remove(key)
	return nil
}

// Clear removes every key that starts with prefix.
func (m *memoryStore) Clear(_ context.Context, prefix string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.l.removePrefix(prefix)
	return nil
}

// Evict removes least recently used entries until bytes are freed. When all
// the entries together hold less than bytes, it removes nothing: evicting
// them could not make room for a value that size.
func (m *memoryStore) Evict(_ context.Context, bytes int64) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.l.bytes < bytes {
		return 0, nil
	}
	var freed int64
	for freed < bytes {
		_, n, ok := m.l.removeOldest()
		if !ok {
			break
		}
		freed += n
	}
	return freed, nil
}

// Len reports the number of entries and the bytes they hold.
func (m *memoryStore) Len() (entries int, bytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.l.len()
}
