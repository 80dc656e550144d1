package cache

import "context"

// Keys returns the keys that start with prefix ("" for all), through the
// host's keys method (one readonly transaction). It implements KeyLister.
func (s *IDBStore) Keys(ctx context.Context, prefix string) ([]string, error) {
	v, err := s.call(ctx, "keys", prefix)
	if err != nil {
		return nil, s.wrap("keys", prefix, err)
	}
	out := make([]string, v.Length())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	return out, nil
}
