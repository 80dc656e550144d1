package cache

import (
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"strings"
)

// UserHashError is returned by a cached function's Call when a hash function given with HashFunc
// or HashFuncByName panicked while the arguments were hashed into a key. Nothing runs and nothing
// is stored; the panic does not reach the caller.
type UserHashError struct {
	Func     string // display name of the cached function, e.g. "countItems"
	Param    string // parameter name, e.g. "items"; "arg1" style when unknown
	Index    int    // position of the parameter in the function's parameter list
	Named    bool   // whether Param is the real source name
	Type     string // fully-qualified type of the argument, e.g. "[]main.Item"
	HashType string // the type whose hash function panicked, e.g. "main.Item"
	Path     string // where inside the argument the hash function was called, e.g. "[1]"; "" at the top
	Value    any    // the value the hash function panicked with
	Stack    []byte // the stack of the panic, for debugging; not part of Error
}

// Error names the hash function that failed and the type it was given.
func (e *UserHashError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "The hash function for type %s panicked while hashing parameter '%s' (type %s) of '%s'",
		e.HashType, e.Param, e.Type, e.Func)
	if e.Path != "" {
		fmt.Fprintf(&b, ", at %s", e.Path)
	}
	fmt.Fprintf(&b, ": %v.\n\nThe function was given with cache.HashFunc or cache.HashFuncByName. "+
		"To fix it, make it return bytes for every value of %s without panicking, or exclude the "+
		"argument from the cache key ", e.Value, e.HashType)
	if e.Named {
		fmt.Fprintf(&b, "by renaming the parameter to '_%s' or ", strings.TrimLeft(e.Param, "_"))
	}
	fmt.Fprintf(&b, "with cache.Exclude(%d).", e.Index)
	return b.String()
}

// Unwrap returns Value if it is an error (a runtime error, for one).
func (e *UserHashError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// hashFuncPanic is the cause of a walk error where a hash function panicked.
type hashFuncPanic struct {
	typ   string // the type the hash function is for
	value any
	stack []byte
}

func (p *hashFuncPanic) Error() string {
	return fmt.Sprintf("the hash function for %s panicked: %v", p.typ, p.value)
}

// callHashFunc calls the hash function f on v, turning a panic into a walk error.
func callHashFunc(f func(reflect.Value) []byte, v reflect.Value, typ string) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &walkError{cause: &hashFuncPanic{typ: typ, value: r, stack: debug.Stack()}}
		}
	}()
	return f(v), nil
}

// asUserHashError returns e as a *UserHashError when a hash function's panic caused it, and e
// itself otherwise.
func asUserHashError(e *UnhashableParamError) error {
	var p *hashFuncPanic
	if !errors.As(e.Cause, &p) {
		return e
	}
	return &UserHashError{
		Func: e.Func, Param: e.Param, Index: e.Index, Named: e.Named, Type: e.Type,
		HashType: p.typ, Path: e.Path, Value: p.value, Stack: p.stack,
	}
}

// walkError is a hashing failure with the path to where it happened.
type walkError struct {
	segs  []string // innermost first
	cause error
}

func (e *walkError) Error() string { return e.path() + ": " + e.cause.Error() }

// Unwrap returns the cause, so errors.Is(err, ErrCycle) works on a walk error.
func (e *walkError) Unwrap() error { return e.cause }

// pathEnds is how many segments path keeps at each end of a long path.
const pathEnds = 8

// path spells where the failure is, outermost first. A path of more than 2*pathEnds segments
// (a value nested thousands of levels deep) keeps its two ends: "*.Next*.Next … 99984 more … .V".
func (e *walkError) path() string {
	var b strings.Builder
	n := len(e.segs)
	for i := n - 1; i >= 0; i-- {
		if n > 2*pathEnds+1 && i == n-1-pathEnds {
			fmt.Fprintf(&b, " … %d more … ", n-2*pathEnds)
			i = pathEnds - 1
		}
		b.WriteString(e.segs[i])
	}
	return b.String()
}

func at(err error, seg string) error {
	var we *walkError
	if errors.As(err, &we) {
		we.segs = append(we.segs, seg)
	}
	return err
}

func fail(format string) error { return &walkError{cause: errors.New(format)} }
