package cache

import (
	"errors"
	"fmt"
	"strings"
)

// ErrQuota reports that a persistent store is out of space. Stores wrap it
// (fmt.Errorf("...: %w", cache.ErrQuota)) so that the two-tier store can evict
// least recently used records and retry once before degrading to memory only.
var ErrQuota = errors.New("cache: storage quota exceeded")

// ErrCycle is the cause of an UnhashableParamError or an
// UnserializableReturnValueError whose value contains a reference cycle.
// Cycles are detected before encoding: they never crash the program.
var ErrCycle = errors.New("value contains a reference cycle")

// ErrCorruptRecord is wrapped by the error that decodeRecord returns for a
// record that fails a check (magic, version, length, checksum).
var ErrCorruptRecord = errors.New("cache: corrupt or foreign record")

// UnhashableParamError is returned by a cached function's Call when one of its
// arguments (or the receiver of a cached method) cannot be hashed into a key:
// a func, a chan, an unsafe.Pointer, a reference cycle, or a type whose
// marshaler fails. Nothing runs and nothing is stored.
type UnhashableParamError struct {
	Func  string // display name of the cached function, e.g. "multiplyScore"
	Param string // parameter name, e.g. "obj"; "arg1" style when unknown
	Index int    // position of the parameter in the function's parameter list
	Named bool   // whether Param is the real source name
	Type  string // fully-qualified type of the argument, e.g. "main.MyCustomClass"
	Path  string // where inside the value hashing failed, e.g. ".OnChange"; "" at the top
	Cause error  // what failed
}

// Error names the parameter and its type, in Streamlit's words.
func (e *UnhashableParamError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Cannot hash argument '%s' (of type %s) in '%s'.", e.Param, e.Type, e.Func)
	if e.Cause != nil {
		b.WriteString("\n\nCause: ")
		if e.Path != "" {
			fmt.Fprintf(&b, "%s: ", e.Path)
		}
		b.WriteString(e.Cause.Error())
		b.WriteString(".")
	}
	b.WriteString("\n\nTo fix it, either exclude the argument from the cache key ")
	if e.Named {
		fmt.Fprintf(&b, "by renaming the parameter to '_%s' or ", strings.TrimLeft(e.Param, "_"))
	}
	fmt.Fprintf(&b, "with cache.Exclude(%d), or tell the cache how to hash the type with "+
		"cache.HashFunc(func(v %s) []byte { ... }) or cache.HashFuncByName(%q, ...).",
		e.Index, e.Type, e.Type)
	return b.String()
}

// Unwrap returns the cause.
func (e *UnhashableParamError) Unwrap() error { return e.Cause }

// UnserializableReturnValueError is returned by a data function's Call when
// the function's result cannot be stored as CBOR and read back deeply equal
// (B27; a chan or func inside it, a field the encoder would drop, an interface
// other than any, a marshaler without its unmarshaler, a reference cycle).
// When the result type shows it, every Call returns the error and the function
// never runs; when only the value does (what an any holds), the function ran
// but nothing was stored: the next call runs it again. Cause wraps
// ErrNoRoundTrip or ErrCycle where they apply.
type UnserializableReturnValueError struct {
	Func  string // display name of the cached function
	Type  string // fully-qualified type of the result
	Path  string // where inside the value encoding failed; "" at the top
	Cause error
}

// Error names the function and the path of the value that cannot be stored.
func (e *UnserializableReturnValueError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Cannot serialize the return value (of type %s) in '%s'.", e.Type, e.Func)
	if e.Cause != nil {
		b.WriteString("\n\nCause: ")
		if e.Path != "" {
			fmt.Fprintf(&b, "%s: ", e.Path)
		}
		b.WriteString(e.Cause.Error())
		b.WriteString(".")
	}
	b.WriteString("\n\ncache.Data stores a copy of the value as CBOR. To fix it, return only " +
		"exported fields of encodable types (or implement cbor.Marshaler and cbor.Unmarshaler), " +
		"or cache the value with cache.Resource, which keeps the very instance in memory and never serializes it.")
	return b.String()
}

// Unwrap returns the cause.
func (e *UnserializableReturnValueError) Unwrap() error { return e.Cause }

// PanicError is what every caller of a cached function panics with when the
// function panicked: the computing caller and every caller that waited for the
// same key. Nothing is cached; the next call runs the function again.
type PanicError struct {
	Func  string // display name of the cached function
	Value any    // the value passed to panic
	Stack []byte // the stack of the goroutine that panicked, at the panic
}

// Error gives the function, the panic value and the stack.
func (e *PanicError) Error() string {
	return fmt.Sprintf("cached function '%s' panicked: %v\n\n%s", e.Func, e.Value, e.Stack)
}

// Unwrap returns Value if it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// CachedWidgetError is what the runtime (a driver.WidgetRuntime) stops a cached function with (a panic, reaching the
// caller as a *PanicError whose Value is this error) when the function draws a widget it may not
// draw (B14): any widget, unless the function was cached with AllowWidgets, in which case only a
// widget whose value cannot be part of the key (a file uploader). Nothing is cached.
type CachedWidgetError struct {
	Func        string // display name of the cached function, e.g. "makeForm"
	Kind        string // the widget's kind, e.g. "stSlider"
	Label       string // the widget's label
	Unsupported bool   // AllowWidgets was given, but this kind of widget cannot be cached
}

// Error names the widget and the function, and says how to allow it.
func (e *CachedWidgetError) Error() string {
	if e.Unsupported {
		return fmt.Sprintf("Widget %s %q inside cached function '%s' is not supported, even with "+
			"cache.AllowWidgets(): its value cannot be part of the cache key. Move the widget out of "+
			"the function and pass what it returns as an argument.", e.Kind, e.Label, e.Func)
	}
	return fmt.Sprintf("Widgets inside cached function '%s' are not allowed: their values would not "+
		"be part of the cache key. Move the widget (%s %q) out of the function, or pass "+
		"cache.AllowWidgets() to cache it per widget value.", e.Func, e.Kind, e.Label)
}

// ExceptionType names the error on the page's exception element.
func (e *CachedWidgetError) ExceptionType() string { return "CachedWidgetError" }
