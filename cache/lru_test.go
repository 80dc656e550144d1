package cache

import (
	"context"
	"maps"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// lruKeys returns l's keys, least recently used first.
func lruKeys[V any](l *lru[V]) []string {
	var keys []string
	l.each(func(k string, _ V, _ int64) { keys = append(keys, k) })
	return keys
}

// The one LRU behind the memory tier and the entry indexes: use order, sizes and their sum,
// removal by key, by age and by prefix.
func TestLRUOrderAndSizes(t *testing.T) {
	var l lru[int]
	l.add("a", 1, 10)
	l.add("b", 2, 20)
	l.add("c", 3, 30)
	l.addOldest("z", 0, 5) // listed from a store: older than everything used here
	if v, ok := l.get("a"); !ok || v != 1 {
		t.Fatalf("get(a) = %d, %v", v, ok)
	}
	if got, want := lruKeys(&l), []string{"z", "b", "c", "a"}; !slices.Equal(got, want) {
		t.Fatalf("order = %q, want %q", got, want)
	}
	l.add("b", 22, 25) // replaced: new size, most recently used
	if n, b := l.len(); n != 4 || b != 5+10+25+30 {
		t.Fatalf("len = %d entries, %d bytes", n, b)
	}
	if k, size, ok := l.removeOldest(); !ok || k != "z" || size != 5 {
		t.Fatalf("removeOldest = %q, %d, %v", k, size, ok)
	}
	if !l.remove("c") || l.remove("c") {
		t.Fatal("remove(c) twice: want true, then false")
	}
	l.add("a/1", 4, 1)
	l.removePrefix("a")
	if got := lruKeys(&l); !slices.Equal(got, []string{"b"}) {
		t.Fatalf("after removePrefix(a): %q", got)
	}
	if n, b := l.len(); n != 1 || b != 25 {
		t.Fatalf("len = %d entries, %d bytes, want 1, 25", n, b)
	}
	l.reset()
	if n, b := l.len(); n != 0 || b != 0 {
		t.Fatalf("after reset: %d entries, %d bytes", n, b)
	}
	if _, _, ok := l.removeOldest(); ok {
		t.Fatal("removeOldest of an empty lru")
	}
}

// An entry index evicts beyond MaxEntries, least recently used first, and loads a tier's
// persisted entries once.
func TestEntryIndexMaxEntriesAndLoadOnce_B7(t *testing.T) {
	var x entryIndex[struct{}]
	tr := newTier(newMemoryStore(0), func(string, ...any) {}, nil)
	lists := 0
	list := func() []storedEntry {
		lists++
		return []storedEntry{{key: "new", size: 2}, {key: "old", size: 1}} // most recent first
	}
	if ev := x.syncTier(tr, list, 3); len(ev) != 0 {
		t.Fatalf("evicted %q on load", ev)
	}
	if ev := x.syncTier(tr, list, 3); len(ev) != 0 || lists != 1 {
		t.Fatalf("second sync: evicted %q, %d listings; want none, 1", ev, lists)
	}
	if got := x.put("mine", struct{}{}, 4, 3); len(got) != 0 {
		t.Fatalf("evicted %q at 3 entries", got)
	}
	if got := x.put("more", struct{}{}, 8, 3); !slices.Equal(got, []string{"old"}) {
		t.Fatalf("evicted %q, want the least recently used persisted entry [old]", got)
	}
	if n, b := x.len(); n != 3 || b != 2+4+8 {
		t.Fatalf("len = %d entries, %d bytes", n, b)
	}
	// A new tier (Configure) is listed again.
	if ev := x.syncTier(newTier(newMemoryStore(0), func(string, ...any) {}, nil), list, 1); !slices.Equal(ev, []string{"old"}) || lists != 2 {
		t.Fatalf("new tier: evicted %q after %d listings; want [old] after 2", ev, lists)
	}
}

// reloadStores are the persistent stores a reload reads back: memory (as a test's shared
// persistent tier) and files.
var reloadStores = map[string]func(t *testing.T) driver.Store{
	"memory": func(*testing.T) driver.Store { return newMemoryStore(-1) },
	"file": func(t *testing.T) driver.Store {
		s, err := NewFileStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	},
}

// storedKeys returns the data keys a store holds, sorted.
func storedKeys(t *testing.T, s driver.Store) []string {
	t.Helper()
	keys, err := s.(driver.KeyLister).Keys(context.Background(), dataKeyPrefix)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}

// added returns the key in after that is not in before, or "" when there is none.
func added(t *testing.T, before, after []string) string {
	t.Helper()
	var out []string
	for _, k := range after {
		if !slices.Contains(before, k) {
			out = append(out, k)
		}
	}
	if len(out) > 1 {
		t.Fatalf("%d keys added, want 1 at most: %q", len(out), out)
	}
	if len(out) == 0 {
		return ""
	}
	return out[0]
}

// A reloaded page (a new engine over the same persistent store) keeps MaxEntries: its first
// new entry evicts the least recently used persisted one, and the store never holds more than
// MaxEntries records of the function.
func TestReloadKeepsMaxEntries_B7(t *testing.T) {
	for name, open := range reloadStores {
		t.Run(name, func(t *testing.T) {
			ps := open(t)
			var runs atomic.Int32
			page := func() (*DataFunc1[NoSession, int, int], *Engine) {
				env := newEnv(t, ps)
				return Data1(func(_ NoSession, n int) (int, error) {
					runs.Add(1)
					return n * 10, nil
				}, MaxEntries(2), env.opt()), env.e
			}
			call := func(f *DataFunc1[NoSession, int, int], e *Engine, n int) string {
				t.Helper()
				before := storedKeys(t, ps)
				if v := must[int](t)(f.Call(NoSession{}, n)); v != n*10 {
					t.Fatalf("f(%d) = %d", n, v)
				}
				e.Flush()
				return added(t, before, storedKeys(t, ps))
			}
			f, e := page()
			k1, k2 := call(f, e, 1), call(f, e, 2)
			if fs, ok := ps.(*FileStore); ok {
				// Written in this order; make the files' times say so whatever the clock's
				// resolution.
				now := time.Now()
				for i, k := range []string{k1, k2} {
					at := now.Add(time.Duration(i-2) * time.Hour)
					if err := os.Chtimes(fs.path(k), at, at); err != nil {
						t.Fatal(err)
					}
				}
			}

			g, e := page() // the reload
			k3 := call(g, e, 3)
			if got, want := storedKeys(t, ps), sorted(k2, k3); !slices.Equal(got, want) {
				t.Fatalf("after the reload's first miss the store holds %q, want %q (f(1), the least recently used, evicted)", got, want)
			}
			// This page's use counts too: a hit on f(2) makes f(3) the least recently used.
			r := runs.Load()
			call(g, e, 2)
			if runs.Load() != r {
				t.Fatal("f(2) ran again after the reload; want a hit")
			}
			k4 := call(g, e, 4)
			if got, want := storedKeys(t, ps), sorted(k2, k4); !slices.Equal(got, want) {
				t.Fatalf("the store holds %q, want %q (f(3) evicted)", got, want)
			}
			if s := g.Stats(); s.Entries != 2 {
				t.Fatalf("Stats().Entries = %d, want 2", s.Entries)
			}
		})
	}
}

func sorted(keys ...string) []string {
	slices.Sort(keys)
	return keys
}

// keysOnly is a persistent store that lists its keys but not their sizes (a store of another
// package): the index reads each record once.
type keysOnly struct{ m *memoryStore }

func (s keysOnly) Get(ctx context.Context, key string) ([]byte, bool, error) {
	return s.m.Get(ctx, key)
}
func (s keysOnly) Set(ctx context.Context, key string, val []byte) error {
	return s.m.Set(ctx, key, val)
}
func (s keysOnly) Delete(ctx context.Context, key string) error   { return s.m.Delete(ctx, key) }
func (s keysOnly) Clear(ctx context.Context, prefix string) error { return s.m.Clear(ctx, prefix) }
func (s keysOnly) Keys(ctx context.Context, prefix string) ([]string, error) {
	return s.m.Keys(ctx, prefix)
}

var (
	_ entryLister      = (*memoryStore)(nil)
	_ entryLister      = (*FileStore)(nil)
	_ driver.KeyLister = keysOnly{}
)

// storedBytes is the sum of the sizes of the records under prefix.
func storedBytes(t *testing.T, s driver.Store, keys []string) int64 {
	t.Helper()
	var n int64
	for _, k := range keys {
		b, ok, err := s.Get(context.Background(), k)
		if err != nil || !ok {
			t.Fatalf("Get(%q) = %v, %v", k, ok, err)
		}
		n += int64(len(b))
	}
	return n
}

// A reloaded page's statistics count the entries the persistent store holds, before any call:
// their number and bytes, the same as the page that wrote them reported.
func TestReloadStatsCountPersisted_B24(t *testing.T) {
	stores := maps.Clone(reloadStores)
	stores["keys only"] = func(*testing.T) driver.Store { return keysOnly{newMemoryStore(-1)} }
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ps := open(t)
			page := func() (*DataFunc1[NoSession, int, []int], *Engine) {
				env := newEnv(t, ps)
				return Data1(func(_ NoSession, n int) ([]int, error) {
					return make([]int, n*100), nil
				}, env.opt()), env.e
			}
			f, e := page()
			for _, n := range []int{1, 2, 3} {
				must[[]int](t)(f.Call(NoSession{}, n))
			}
			e.Flush()
			written := f.Stats()
			keys := storedKeys(t, ps)
			want := storedBytes(t, ps, keys)
			if written.Entries != 3 || written.Bytes != want {
				t.Fatalf("the writing page: %d entries, %d bytes; want 3, %d", written.Entries, written.Bytes, want)
			}

			g, e := page() // the reload: no call yet
			if s := g.Stats(); s.Entries != 3 || s.Bytes != want || s.Hits != 0 || s.Misses != 0 {
				t.Fatalf("after the reload Stats() = %d entries, %d bytes, %d hits, %d misses; want 3, %d, 0, 0",
					s.Entries, s.Bytes, s.Hits, s.Misses, want)
			}
			if all := e.Stats(); len(all) != 1 || all[0].Entries != 3 || all[0].Bytes != want {
				t.Fatalf("Engine.Stats() = %+v", all)
			}
			// A hit does not count its entry twice.
			must[[]int](t)(g.Call(NoSession{}, 2))
			if s := g.Stats(); s.Entries != 3 || s.Bytes != want || s.Hits != 1 {
				t.Fatalf("after a hit: %d entries, %d bytes, %d hits; want 3, %d, 1", s.Entries, s.Bytes, s.Hits, want)
			}
		})
	}
}

// With AllowWidgets, a reload counts the entries of every widget value, not the manifests that
// lead to them, and keeps MaxEntries across them.
func TestReloadWidgetEntries_B7_B24(t *testing.T) {
	ps := newMemoryStore(-1)
	page := func() (*DataFunc1[*widgetHost, int, string], *Engine) {
		env := newEnv(t, ps)
		return Data1(func(h *widgetHost, n int) (string, error) {
			return h.draw("rows", "10") + "x" + itoa(n), nil
		}, AllowWidgets(), MaxEntries(2), env.opt()), env.e
	}
	f, e := page()
	h := newWidgetHost()
	for _, rows := range []string{"10", "20"} {
		h.values["rows"] = rows
		must[string](t)(f.Call(h, 1))
	}
	e.Flush()
	keys := storedKeys(t, ps) // one manifest, two entries
	if len(keys) != 3 {
		t.Fatalf("the store holds %q, want a manifest and two entries", keys)
	}
	var entryBytes int64
	for _, k := range keys {
		if k != manifestKey(k[:len(k)-2]) {
			entryBytes += storedBytes(t, ps, []string{k})
		}
	}

	g, e := page()
	if s := g.Stats(); s.Entries != 2 || s.Bytes != entryBytes {
		t.Fatalf("after the reload: %d entries, %d bytes; want 2, %d", s.Entries, s.Bytes, entryBytes)
	}
	h = newWidgetHost()
	h.values["rows"] = "30"
	if got := must[string](t)(g.Call(h, 1)); got != "30x1" {
		t.Fatalf("got %q", got)
	}
	e.Flush()
	if keys := storedKeys(t, ps); len(keys) != 3 {
		t.Fatalf("the store holds %q, want the manifest and MaxEntries (2) entries", keys)
	}
	if s := g.Stats(); s.Entries != 2 {
		t.Fatalf("Stats().Entries = %d, want 2", s.Entries)
	}
}

// manifestSuffix, which the index uses to tell manifests from entries, is how manifestKey ends.
func TestManifestSuffix(t *testing.T) {
	if k := manifestKey("d:f@1#2:3"); k[len(k)-len(manifestSuffix):] != manifestSuffix {
		t.Fatalf("manifestKey = %q does not end with %q", k, manifestSuffix)
	}
}

// Calls and Stats at once on a reloaded page: the persisted entries are loaded once, and the
// function ends with MaxEntries entries, in the index and in the store.
func TestReloadConcurrentCallsAndStats_B7(t *testing.T) {
	ps := newMemoryStore(-1)
	page := func() (*DataFunc1[NoSession, int, int], *Engine) {
		env := newEnv(t, ps)
		return Data1(func(_ NoSession, n int) (int, error) { return n, nil }, MaxEntries(3), env.opt()), env.e
	}
	f, e := page()
	for n := range 3 {
		must[int](t)(f.Call(NoSession{}, n))
	}
	e.Flush()
	g, e := page()
	var wg sync.WaitGroup
	for n := range 8 {
		wg.Go(func() {
			must[int](t)(g.Call(NoSession{}, 3+n)) // new entries only: the persisted ones go first
			_ = g.Stats()
		})
	}
	wg.Wait()
	e.Flush()
	if s := g.Stats(); s.Entries != 3 {
		t.Fatalf("Stats().Entries = %d, want MaxEntries (3)", s.Entries)
	}
	if keys := storedKeys(t, ps); len(keys) != 3 {
		t.Fatalf("the store holds %d records, want MaxEntries (3)", len(keys))
	}
}
