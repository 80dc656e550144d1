package driver

import "context"

// Store holds records as bytes under string keys. A miss is (nil, false, nil),
// not an error. Implementations must be safe for concurrent use.
//
// Ownership: Set may retain val, so the caller must not modify it afterwards;
// Get may return a slice that the store retains, so the caller must not
// modify it. Clear removes every key that starts with prefix ("" clears all).
//
// Every implementation runs the conformance suite in package
// github.com/wasmlit/wasmlit/cache/storetest.
type Store interface {
	Get(ctx context.Context, key string) ([]byte, bool, error)
	Set(ctx context.Context, key string, val []byte) error
	Delete(ctx context.Context, key string) error
	Clear(ctx context.Context, prefix string) error
}

// Evictor is implemented by persistent stores that can free space: Evict
// removes least recently used records until at least bytes bytes are freed,
// and reports how much it freed. When all the records together hold less than
// bytes, it removes nothing: evicting them could not make room for a value
// that size. The cache's two tiers call it when Set fails with
// cache.ErrQuota, then retry the Set once if something was freed.
type Evictor interface {
	Evict(ctx context.Context, bytes int64) (freed int64, err error)
}

// KeyLister is implemented by stores that can list their keys: the cache
// lists a persistent store's keys once when it opens, to drop the records of
// cached functions that no longer exist.
type KeyLister interface {
	// Keys returns every key that starts with prefix ("" for all), in no
	// particular order.
	Keys(ctx context.Context, prefix string) ([]string, error)
}

// Locker serialises the computation of one key across processes (browser
// tabs, through Web Locks). Lock blocks until the lock is held or ctx is done;
// unlock releases it and may be called once. A nil Locker means in-process
// compute-once only. After Lock returns, the cache reads the persistent store
// again before computing: another holder may have stored the value.
type Locker interface {
	Lock(ctx context.Context, key string) (unlock func(), err error)
}
