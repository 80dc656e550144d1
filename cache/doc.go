// Package cache is wasmlit's caching engine: Streamlit's st.cache_data and
// st.cache_resource for Go, usable by any Go program (no DOM, no runtime).
//
// # Data and resources
//
// Data0…Data3 wrap a function whose result is data (tables, columns,
// computations). Results are stored as records holding the CBOR-encoded
// value, in a memory tier in front of a persistent store (IndexedDB in the
// browser, FileStore natively). Every call decodes a fresh copy: the caller
// owns what it gets and may mutate it without touching the cache or other
// callers (B3). A result that cannot be stored as CBOR gives an
// *UnserializableReturnValueError and nothing is stored (B18).
//
// Resource0…Resource3 wrap a function whose result is a resource
// (connections, models, anything not serialisable): the very instance is kept
// in memory and shared by every caller (B5).
//
// DataMethod0…2 and ResourceMethod0…2 wrap method expressions (Model.Predict):
// the receiver comes first and is hashed like an argument (B12).
//
// The wrapped function takes a Session first: the app's *wasm.Session,
// through which a miss shows a spinner and records the elements the function
// draws, and a hit draws them again in place (B8, B13). Plain programs pass
// NoSession{} or a nil Session.
//
//	var loadData = cache.Data1(func(st *wasm.Session, url string) (Rides, error) {
//		...
//	}, cache.TTL(time.Hour))
//
//	rides, err := loadData.Call(st, url)
//
// The method value loadData.Call has the wrapped function's signature.
//
// # Widgets inside cached functions
//
// A widget drawn inside a cached function is refused with a
// *CachedWidgetError, since its value would not be part of the key, unless
// the function is cached with AllowWidgets (Streamlit's
// experimental_allow_widgets, B14): then the values of the widgets it draws
// are part of the key, through a small manifest per set of arguments that
// lists the widgets drawn last time, and a hit replays the widgets live.
// Every combination of widget values stores its own entry: mind the memory.
//
// # Keys
//
// A key is the wrapper's identity and an xxh3-128 hash of the non-excluded
// arguments. The identity is the wrapper's declaration, found by the call
// that made it (B25): the name it is declared under and the source hash of
// the wrapped function and what it uses (package
// github.com/wasmlit/wasmlit/cache/funcid: an edited function misses, B2),
// plus what the call does not pass (B26): the function's type, HashFunc and
// Exclude options and Key parts. A captured variable or a bound method value
// is refused (by the generator, and a bound method and a duplicate wrapper
// also when the wrapper is made) rather than shared. Parameters whose source name starts with "_"
// and positions given to Exclude are not hashed (B9). HashFunc and
// HashFuncByName replace the hashing of a type wherever it appears (B10). An
// argument that cannot be hashed (func, chan, unsafe.Pointer, a reference
// cycle) gives an *UnhashableParamError in Streamlit's words (B11).
//
// # Compute once, errors and panics
//
// Concurrent callers of one key run the function once; the others wait and
// get the result (B16); a Locker extends this across processes (browser tabs).
// A function that returns an error or panics caches nothing; the error, or
// the panic as one *PanicError, reaches every waiting caller, none of which
// runs the function again for it, and the next call runs the function again
// (B17). A clear (Clear, ClearArgs, ClearAllData, ClearAllResources,
// ClearFunction) wins over a computation in flight: the callers already
// waiting get its result, but it is not stored, and a call after the clear
// computes again (B29).
//
// # Engine
//
// Cached functions share an Engine (Default unless WithEngine is given): the
// stores, the clock, the Locker, the Logger that receives warnings (a
// corrupted record is a miss and a warning, a failing persistent store
// degrades to memory only: C6), statistics (B24) and the global clears (B15).
package cache

//go:generate go run gen_wrappers.go
