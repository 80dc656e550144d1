package cache

import (
	"context"
	"strings"
)

// KeyLister is implemented by stores that can list their keys: the cache
// lists a persistent store's keys once when it opens, to drop the records of
// cached functions that no longer exist (see Engine.Configure).
type KeyLister interface {
	// Keys returns every key that starts with prefix ("" for all), in no
	// particular order.
	Keys(ctx context.Context, prefix string) ([]string, error)
}

// Keys returns the keys that start with prefix.
func (m *MemoryStore) Keys(_ context.Context, prefix string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	m.l.each(func(k string, _ []byte, _ int64) {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	})
	return out, nil
}

// Keys returns the keys that start with prefix.
func (s *FileStore) Keys(_ context.Context, prefix string) ([]string, error) {
	files, err := s.list()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		if strings.HasPrefix(f.key, prefix) {
			out = append(out, f.key)
		}
	}
	return out, nil
}
