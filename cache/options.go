package cache

import (
	"reflect"
	"time"
)

// Option configures one cached function. The zero configuration (no options)
// is Streamlit's default: no TTL, unbounded entries, spinner shown with the
// text "Running `name(...)`.", no elapsed time, default hashing of every
// argument, widgets refused inside the function, the default Engine.
type Option func(*options)

type options struct {
	ttl         time.Duration
	maxEntries  int
	maxBytes    int64
	hideSpinner bool
	spinnerText string
	showTime    bool
	hashByType  map[reflect.Type]func(reflect.Value) []byte
	hashByName  map[string]func(any) []byte
	exclude     map[int]bool
	engine      *Engine
	// allowWidgets: widget values are part of the key (AllowWidgets).
	allowWidgets bool
	hashFns      []any         // the functions given to HashFunc and HashFuncByName (callsite.go)
	keyParts     []byte        // the hash of Key's parts; nil without Key
	sessionScope bool          // ScopeSession: entries per session, in memory only
	validate     any           // func(R) bool, given to Validate (resource functions)
	onRelease    any           // func(R), given to OnRelease (resource functions)
	shared       bool          // computed by the edge Worker (Shared, shared.go)
	maxStale     time.Duration // BackgroundRefresh: how long past its TTL a value is still served
}

func newOptions(opts []Option) *options {
	o := &options{}
	for _, opt := range opts {
		if opt != nil {
			opt(o)
		}
	}
	if o.engine == nil {
		o.engine = Default()
	}
	return o
}

// TTL sets how long an entry stays valid, measured from its creation with the
// Engine's clock. It holds for persisted entries across reloads (the creation
// time is stored in the record). d <= 0 means no expiry.
func TTL(d time.Duration) Option { return func(o *options) { o.ttl = d } }

// MaxEntries bounds the number of entries of one cached function; the least
// recently used entry is evicted first. n <= 0 means unbounded.
func MaxEntries(n int) Option { return func(o *options) { o.maxEntries = n } }

// MaxBytes bounds the bytes of one data function's stored records (Streamlit's max_size, B23);
// the least recently used entries are evicted first, and a record larger than n alone is not
// kept. It counts the records as stored (CBOR, elements included), in both tiers and after a
// reload. n <= 0 means unbounded. For every function together, the memory tier is bounded by
// Config.MemoryBytes and IndexedDB by the browser's quota, evicting least recently used records
// when it is reached (C6). Resource functions keep values that have no size: use MaxEntries.
func MaxBytes(n int64) Option { return func(o *options) { o.maxBytes = n } }

// ShowSpinner turns the spinner shown during a miss on (the default) or off.
// Elements emitted by the function are recorded either way.
func ShowSpinner(show bool) Option { return func(o *options) { o.hideSpinner = !show } }

// SpinnerText sets the spinner's text instead of "Running `name(...)`.".
func SpinnerText(text string) Option { return func(o *options) { o.spinnerText = text } }

// ShowTime makes the spinner show the elapsed time.
func ShowTime(show bool) Option { return func(o *options) { o.showTime = show } }

// HashFunc tells the cache how to hash values of type T wherever T appears in
// an argument or receiver (top level, struct field, slice or map element,
// behind a pointer or an interface). It makes unhashable types hashable and
// overrides the default hashing of types that hash fine. The bytes returned
// by f are hashed; f must be deterministic and must not retain them.
func HashFunc[T any](f func(T) []byte) Option {
	t := reflect.TypeFor[T]()
	return func(o *options) {
		if o.hashByType == nil {
			o.hashByType = map[reflect.Type]func(reflect.Value) []byte{}
		}
		o.hashByType[t] = func(v reflect.Value) []byte { return f(v.Interface().(T)) }
		o.hashFns = append(o.hashFns, f)
	}
}

// HashFuncByName is HashFunc by the type's fully-qualified name: the package
// path, a dot and the type name ("time.Time", "main.MyCustomClass",
// "example.com/app/model.Model"), with a leading "*" for a pointer type.
// A function given by type takes precedence over one given by name.
func HashFuncByName(name string, f func(any) []byte) Option {
	return func(o *options) {
		if o.hashByName == nil {
			o.hashByName = map[string]func(any) []byte{}
		}
		o.hashByName[name] = f
		o.hashFns = append(o.hashFns, f)
	}
}

// Exclude leaves out of the key the parameters at the given positions of the
// cached function's parameter list, counted from 0 as written in the function
// type (for func(h H, db *DB, n int), Exclude(1) excludes db; for a method
// expression the receiver is position 0). Parameters whose source name starts
// with "_" are excluded automatically when names are known.
func Exclude(paramIndex ...int) Option {
	return func(o *options) {
		if o.exclude == nil {
			o.exclude = map[int]bool{}
		}
		for _, i := range paramIndex {
			o.exclude[i] = true
		}
	}
}

// WithEngine attaches the function to e instead of the default Engine (tests,
// or a program with several independent caches).
func WithEngine(e *Engine) Option { return func(o *options) { o.engine = e } }
