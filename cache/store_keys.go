package cache

import (
	"context"
	"strings"
)

// Keys returns the keys that start with prefix.
func (m *memoryStore) Keys(_ context.Context, prefix string) ([]string, error) {
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
