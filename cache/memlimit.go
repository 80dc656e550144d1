package cache

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
)

// ErrTooLarge is wrapped by the error a data function returns when a value, or a record it is
// read from, would not fit in the memory the program can still allocate (wasm32: 4 GB in all).
var ErrTooLarge = errors.New("value too large for memory")

// heapLimit is the most memory the program can map: 4 GiB in wasm32 (where an allocation
// beyond it is a fatal error that kills the tab); natively 0, no limit the cache checks.
var heapLimit = func() int64 {
	if runtime.GOARCH == "wasm" {
		return 4 << 30
	}
	return 0
}()

// checkFrom is the smallest size fitsMemory checks: smaller allocations are not worth reading
// the runtime's memory statistics on every cache hit.
const checkFrom = 16 << 20

// heapMargin is kept free beside a checked allocation, for the runtime and the rest of the app.
const heapMargin = 64 << 20

// heapUse returns the bytes of memory the runtime has mapped and not freed for reuse (inUse),
// and the bytes it has mapped and holds free for reuse (free): an allocation that fits in free
// does not grow linear memory.
func heapUse() (inUse, free int64) {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	var v [3]int64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = int64(s[i].Value.Uint64())
		}
	}
	return v[0] - v[1] - v[2], v[1] + v[2]
}

// heapInUse returns the bytes of memory the runtime has mapped and not freed for reuse.
func heapInUse() int64 {
	inUse, _ := heapUse()
	return inUse
}

// fitsMemory returns an error wrapping ErrTooLarge when n more bytes cannot be allocated. Call it
// before allocating a size that comes from a record or a store, so a value too large is an
// error the app can show instead of a dead tab.
//
// In wasm it also makes room: when n would not fit in the memory the runtime holds free, it
// collects garbage first. Linear memory never shrinks, and the garbage at hand is most often the
// copy an earlier run decoded of this very value: reused, it keeps a hit's peak at the record
// and one copy, and spares the time a fresh page of linear memory costs on first touch.
func fitsMemory(n int64) error {
	if n < 0 {
		return fmt.Errorf("cache: %w: negative size %d", ErrTooLarge, n)
	}
	if heapLimit <= 0 || n < checkFrom {
		return nil
	}
	used, free := heapUse()
	if free < n {
		runtime.GC()
		used, _ = heapUse()
	}
	if n <= heapLimit-used-heapMargin {
		return nil
	}
	return fmt.Errorf("cache: %w: a value of %d bytes does not fit in wasm memory "+
		"(limit ~%d GB, %d MB in use); cache a smaller value (fewer rows, float32 columns), "+
		"or use cache.Resource, which keeps one instance instead of a record and a copy per call",
		ErrTooLarge, n, heapLimit>>30, used>>20)
}
