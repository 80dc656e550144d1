package cache

import (
	"cmp"
	"context"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// storedEntry is one record a persistent store holds: its key, its size (the
// record's bytes) and when it was last used (written or read), in units that
// only order the entries of one listing.
type storedEntry struct {
	key  string
	size int64
	used int64
}

// entryLister is implemented by the stores that can list their records with
// sizes and last use without reading them (memory, file and IndexedDB
// stores): what a data function's entry index loads after a reload.
type entryLister interface {
	// entries returns the records whose keys start with prefix, in no
	// particular order.
	entries(ctx context.Context, prefix string) ([]storedEntry, error)
}

// persistedEntries returns the records under prefix in the tier's persistent
// store, most recently used first; none without a persistent store. A store
// that is only a KeyLister has each record read once for its size and
// creation time (the recency it is given); a store that cannot list has none.
// A failing listing is warned about and lists nothing: the index then knows
// only this page's entries, as without a persistent store.
func (t *tier) persistedEntries(ctx context.Context, prefix string) []storedEntry {
	p := t.persistent()
	if p == nil {
		return nil
	}
	var es []storedEntry
	var err error
	switch s := p.(type) {
	case entryLister:
		es, err = s.entries(ctx, prefix)
	case driver.KeyLister:
		es, err = readEntries(ctx, p, s, prefix)
	default:
		return nil
	}
	if err != nil {
		t.warn("cache: cannot list the stored records of a cached function; MaxEntries and statistics count this page's entries only",
			"prefix", prefix, "err", err)
		return nil
	}
	slices.SortFunc(es, func(a, b storedEntry) int {
		if c := cmp.Compare(b.used, a.used); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	return es
}

// readEntries lists the records under prefix of a store that lists only its keys, reading each
// for its size and creation time.
func readEntries(ctx context.Context, s driver.Store, l driver.KeyLister, prefix string) ([]storedEntry, error) {
	keys, err := l.Keys(ctx, prefix)
	if err != nil {
		return nil, err
	}
	var out []storedEntry
	for _, k := range keys {
		b, ok, err := s.Get(ctx, k)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // removed meanwhile
		}
		e := storedEntry{key: k, size: int64(len(b))}
		if len(b) >= 13 && string(b[:4]) == recordMagic {
			e.used = int64(binary.LittleEndian.Uint64(b[5:13])) // the record's creation time
		}
		out = append(out, e)
	}
	return out, nil
}

// entries lists the records under prefix; the order of use is the store's own.
func (m *memoryStore) entries(_ context.Context, prefix string) ([]storedEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []storedEntry
	var n int64
	m.l.each(func(k string, _ []byte, size int64) {
		n++ // least recently used first
		if strings.HasPrefix(k, prefix) {
			out = append(out, storedEntry{key: k, size: size, used: n})
		}
	})
	return out, nil
}

// entries lists the records under prefix, used when last read or written (the files'
// modification times, which Get refreshes).
func (s *FileStore) entries(_ context.Context, prefix string) ([]storedEntry, error) {
	files, err := s.list()
	if err != nil {
		return nil, err
	}
	var out []storedEntry
	for _, f := range files {
		if strings.HasPrefix(f.key, prefix) {
			// The file holds the key before the record.
			head := int64(binary.PutUvarint(make([]byte, binary.MaxVarintLen64), uint64(len(f.key))) + len(f.key))
			out = append(out, storedEntry{key: f.key, size: f.size - head, used: f.mod.UnixNano()})
		}
	}
	return out, nil
}
