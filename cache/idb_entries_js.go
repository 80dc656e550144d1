package cache

import (
	"context"
	"syscall/js"
)

// entries lists the records under prefix with their sizes and last use (the metadata the
// host keeps for eviction), through the host's entries method (one readonly transaction,
// no value read). It implements entryLister.
func (s *IDBStore) entries(ctx context.Context, prefix string) ([]storedEntry, error) {
	v, err := s.call(ctx, "entries", prefix)
	if err != nil {
		return nil, s.wrap("entries", prefix, err)
	}
	keys, meta := v.Get("keys"), v.Get("meta")
	out := make([]storedEntry, 0, keys.Length())
	for i := range keys.Length() {
		m := meta.Index(i)
		if m.Type() != js.TypeObject || m.Get("size").Type() != js.TypeNumber || m.Get("atime").Type() != js.TypeNumber {
			continue // not metadata this host wrote
		}
		// The atime is in milliseconds with fractions (host/idb.js tick): microseconds keep
		// the order of two uses within one millisecond.
		out = append(out, storedEntry{key: keys.Index(i).String(), size: int64(m.Get("size").Int()),
			used: int64(m.Get("atime").Float() * 1e3)})
	}
	return out, nil
}
