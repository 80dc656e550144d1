package cache

// DataFunc0 is a cached data function of 0 arguments, made by Data0.
// Its methods are safe for concurrent use.
type DataFunc0[H Host, R any] struct {
	core *dataCore[R]
	fn   func(H) (R, error)
}

// Data0 caches fn like Streamlit's st.cache_data: a call whose arguments (all
// but the Host) hash like an earlier call's returns a decoded copy of the
// stored result without running fn; otherwise fn runs once (concurrent
// callers wait for it) and its result is stored as CBOR. Errors and panics
// are not cached. The wrapper is safe for concurrent use; create it once
// (a package variable) and call it from any goroutine.
//
//go:noinline
func Data0[H Host, R any](fn func(H) (R, error), opts ...Option) *DataFunc0[H, R] {
	return &DataFunc0[H, R]{core: newDataCore[R](fn, 1, false, opts), fn: fn}
}

// Call returns the cached result for the arguments, or runs the function
// and stores its result. The caller owns the returned value: every call
// gets a fresh copy. h is not hashed.
func (f *DataFunc0[H, R]) Call(h H) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h) })
}

// Clear removes every entry of the function.
func (f *DataFunc0[H, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *DataFunc0[H, R]) ClearArgs() error { return f.core.clearKey(f.core.key()) }

// Stats returns the function's statistics.
func (f *DataFunc0[H, R]) Stats() FuncStats { return f.core.stats() }

// DataFunc1 is a cached data function of 1 argument, made by Data1.
// Its methods are safe for concurrent use.
type DataFunc1[H Host, A, R any] struct {
	core *dataCore[R]
	fn   func(H, A) (R, error)
}

// Data1 caches fn of 1 argument; see Data0 for the rules.
//
//go:noinline
func Data1[H Host, A, R any](fn func(H, A) (R, error), opts ...Option) *DataFunc1[H, A, R] {
	return &DataFunc1[H, A, R]{core: newDataCore[R](fn, 2, false, opts), fn: fn}
}

// Call returns the cached result for the arguments, or runs the function
// and stores its result. The caller owns the returned value: every call
// gets a fresh copy. h is not hashed.
func (f *DataFunc1[H, A, R]) Call(h H, a A) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h, a) }, argOf(1, &a))
}

// Clear removes every entry of the function.
func (f *DataFunc1[H, A, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *DataFunc1[H, A, R]) ClearArgs(a A) error { return f.core.clearKey(f.core.key(argOf(1, &a))) }

// Stats returns the function's statistics.
func (f *DataFunc1[H, A, R]) Stats() FuncStats { return f.core.stats() }

// DataFunc2 is a cached data function of 2 arguments, made by Data2.
// Its methods are safe for concurrent use.
type DataFunc2[H Host, A, B, R any] struct {
	core *dataCore[R]
	fn   func(H, A, B) (R, error)
}

// Data2 caches fn of 2 arguments; see Data0 for the rules.
//
//go:noinline
func Data2[H Host, A, B, R any](fn func(H, A, B) (R, error), opts ...Option) *DataFunc2[H, A, B, R] {
	return &DataFunc2[H, A, B, R]{core: newDataCore[R](fn, 3, false, opts), fn: fn}
}

// Call returns the cached result for the arguments, or runs the function
// and stores its result. The caller owns the returned value: every call
// gets a fresh copy. h is not hashed.
func (f *DataFunc2[H, A, B, R]) Call(h H, a A, b B) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h, a, b) }, argOf(1, &a), argOf(2, &b))
}

// Clear removes every entry of the function.
func (f *DataFunc2[H, A, B, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *DataFunc2[H, A, B, R]) ClearArgs(a A, b B) error {
	return f.core.clearKey(f.core.key(argOf(1, &a), argOf(2, &b)))
}

// Stats returns the function's statistics.
func (f *DataFunc2[H, A, B, R]) Stats() FuncStats { return f.core.stats() }

// DataFunc3 is a cached data function of 3 arguments, made by Data3.
// Its methods are safe for concurrent use.
type DataFunc3[H Host, A, B, C, R any] struct {
	core *dataCore[R]
	fn   func(H, A, B, C) (R, error)
}

// Data3 caches fn of 3 arguments; see Data0 for the rules.
//
//go:noinline
func Data3[H Host, A, B, C, R any](fn func(H, A, B, C) (R, error), opts ...Option) *DataFunc3[H, A, B, C, R] {
	return &DataFunc3[H, A, B, C, R]{core: newDataCore[R](fn, 4, false, opts), fn: fn}
}

// Call returns the cached result for the arguments, or runs the function
// and stores its result. The caller owns the returned value: every call
// gets a fresh copy. h is not hashed.
func (f *DataFunc3[H, A, B, C, R]) Call(h H, a A, b B, c C) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h, a, b, c) }, argOf(1, &a), argOf(2, &b), argOf(3, &c))
}

// Clear removes every entry of the function.
func (f *DataFunc3[H, A, B, C, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *DataFunc3[H, A, B, C, R]) ClearArgs(a A, b B, c C) error {
	return f.core.clearKey(f.core.key(argOf(1, &a), argOf(2, &b), argOf(3, &c)))
}

// Stats returns the function's statistics.
func (f *DataFunc3[H, A, B, C, R]) Stats() FuncStats { return f.core.stats() }

// DataMethodFunc0 is a cached data function of 0 arguments (a method, receiver first), made by DataMethod0.
// Its methods are safe for concurrent use.
type DataMethodFunc0[T any, H Host, R any] struct {
	core *dataCore[R]
	fn   func(T, H) (R, error)
}

// DataMethod0 is Data1 for a method expression (Model.Predict): the receiver
// comes first and is hashed like an argument (or through HashFunc), and
// error messages name it.
//
//go:noinline
func DataMethod0[T any, H Host, R any](fn func(T, H) (R, error), opts ...Option) *DataMethodFunc0[T, H, R] {
	return &DataMethodFunc0[T, H, R]{core: newDataCore[R](fn, 2, true, opts), fn: fn}
}

// Call returns the cached result for the arguments, or runs the function
// and stores its result. The caller owns the returned value: every call
// gets a fresh copy. h is not hashed.
func (f *DataMethodFunc0[T, H, R]) Call(recv T, h H) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(recv, h) }, argOf(0, &recv))
}

// Clear removes every entry of the function.
func (f *DataMethodFunc0[T, H, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *DataMethodFunc0[T, H, R]) ClearArgs(recv T) error {
	return f.core.clearKey(f.core.key(argOf(0, &recv)))
}

// Stats returns the function's statistics.
func (f *DataMethodFunc0[T, H, R]) Stats() FuncStats { return f.core.stats() }

// DataMethodFunc1 is a cached data function of 1 argument (a method, receiver first), made by DataMethod1.
// Its methods are safe for concurrent use.
type DataMethodFunc1[T any, H Host, A, R any] struct {
	core *dataCore[R]
	fn   func(T, H, A) (R, error)
}

// DataMethod1 is Data2 for a method expression (Model.Predict): the receiver
// comes first and is hashed like an argument (or through HashFunc), and
// error messages name it.
//
//go:noinline
func DataMethod1[T any, H Host, A, R any](fn func(T, H, A) (R, error), opts ...Option) *DataMethodFunc1[T, H, A, R] {
	return &DataMethodFunc1[T, H, A, R]{core: newDataCore[R](fn, 3, true, opts), fn: fn}
}

// Call returns the cached result for the arguments, or runs the function
// and stores its result. The caller owns the returned value: every call
// gets a fresh copy. h is not hashed.
func (f *DataMethodFunc1[T, H, A, R]) Call(recv T, h H, a A) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(recv, h, a) }, argOf(0, &recv), argOf(2, &a))
}

// Clear removes every entry of the function.
func (f *DataMethodFunc1[T, H, A, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *DataMethodFunc1[T, H, A, R]) ClearArgs(recv T, a A) error {
	return f.core.clearKey(f.core.key(argOf(0, &recv), argOf(2, &a)))
}

// Stats returns the function's statistics.
func (f *DataMethodFunc1[T, H, A, R]) Stats() FuncStats { return f.core.stats() }

// DataMethodFunc2 is a cached data function of 2 arguments (a method, receiver first), made by DataMethod2.
// Its methods are safe for concurrent use.
type DataMethodFunc2[T any, H Host, A, B, R any] struct {
	core *dataCore[R]
	fn   func(T, H, A, B) (R, error)
}

// DataMethod2 is Data3 for a method expression (Model.Predict): the receiver
// comes first and is hashed like an argument (or through HashFunc), and
// error messages name it.
//
//go:noinline
func DataMethod2[T any, H Host, A, B, R any](fn func(T, H, A, B) (R, error), opts ...Option) *DataMethodFunc2[T, H, A, B, R] {
	return &DataMethodFunc2[T, H, A, B, R]{core: newDataCore[R](fn, 4, true, opts), fn: fn}
}

// Call returns the cached result for the arguments, or runs the function
// and stores its result. The caller owns the returned value: every call
// gets a fresh copy. h is not hashed.
func (f *DataMethodFunc2[T, H, A, B, R]) Call(recv T, h H, a A, b B) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(recv, h, a, b) }, argOf(0, &recv), argOf(2, &a), argOf(3, &b))
}

// Clear removes every entry of the function.
func (f *DataMethodFunc2[T, H, A, B, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *DataMethodFunc2[T, H, A, B, R]) ClearArgs(recv T, a A, b B) error {
	return f.core.clearKey(f.core.key(argOf(0, &recv), argOf(2, &a), argOf(3, &b)))
}

// Stats returns the function's statistics.
func (f *DataMethodFunc2[T, H, A, B, R]) Stats() FuncStats { return f.core.stats() }
