package cache

import (
	"strings"
	"sync/atomic"
	"time"
)

// FuncStats are the statistics of one cached function (B24). Entries and
// Bytes count every entry the function has: for a data function, also those
// that earlier pages left in the persistent store (listed once, on the
// function's first call or Stats). Entries written since by another tab are
// counted once this page reads them.
type FuncStats struct {
	Name        string        // identity name: the declared name of the wrapper, e.g. "main.loadData"
	ID          string        // the wrapper's own id, unique among the engine's functions (B25)
	Display     string        // e.g. "loadData"
	Kind        string        // "data" or "resource"
	Entries     int           // entries held
	Bytes       int64         // bytes of the encoded records (0 for resources)
	Hits        uint64        // calls answered from the cache (waiters included)
	Misses      uint64        // calls that ran the function
	ComputeTime time.Duration // total time spent running the function on misses
	Refreshes   uint64        // background refreshes that ran the function (BackgroundRefresh), counted in Misses too
}

type counters struct {
	hits, misses, refreshes atomic.Uint64
	compute                 atomic.Int64
}

func (c *counters) fill(s *FuncStats) {
	s.Hits = c.hits.Load()
	s.Misses = c.misses.Load()
	s.Refreshes = c.refreshes.Load()
	s.ComputeTime = time.Duration(c.compute.Load())
}

// fill fills in the wrapper's id and counters (dataCore.stats and
// resourceCore.stats call it through the embedded *funcInfo).
func (f *funcInfo) fill(s *FuncStats) {
	s.ID = f.wrapperID()
	f.counters.fill(s)
}

// wrapperID is FuncStats.ID: the wrapper's prefix without its kind and final '#'.
func (f *funcInfo) wrapperID() string {
	return strings.TrimSuffix(strings.TrimPrefix(f.prefix, f.kind), "#")
}
