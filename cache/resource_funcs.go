package cache

// ResourceFunc0 is a cached resource function of 0 arguments, made by Resource0.
// Its methods are safe for concurrent use.
type ResourceFunc0[H Host, R any] struct {
	core *resourceCore[R]
	fn   func(H) (R, error)
}

// Resource0 caches fn like Streamlit's st.cache_resource: the instance fn
// returned is kept in memory, never copied or serialised, and returned to
// every caller with the same arguments (all but the Host). Errors and panics
// are not cached. The wrapper is safe for concurrent use.
//
//go:noinline
func Resource0[H Host, R any](fn func(H) (R, error), opts ...Option) *ResourceFunc0[H, R] {
	return &ResourceFunc0[H, R]{core: newResourceCore[R](fn, 1, false, opts), fn: fn}
}

// Call returns the cached instance for the arguments, or runs the
// function and keeps its result. Every caller gets the very same instance:
// it is shared, so mutate it only with care. h is not hashed.
func (f *ResourceFunc0[H, R]) Call(h H) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h) })
}

// Clear removes every entry of the function.
func (f *ResourceFunc0[H, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *ResourceFunc0[H, R]) ClearArgs() error { return f.core.clearKey(f.core.key()) }

// Stats returns the function's statistics.
func (f *ResourceFunc0[H, R]) Stats() FuncStats { return f.core.stats() }

// ResourceFunc1 is a cached resource function of 1 argument, made by Resource1.
// Its methods are safe for concurrent use.
type ResourceFunc1[H Host, A, R any] struct {
	core *resourceCore[R]
	fn   func(H, A) (R, error)
}

// Resource1 caches fn of 1 argument; see Resource0 for the rules.
//
//go:noinline
func Resource1[H Host, A, R any](fn func(H, A) (R, error), opts ...Option) *ResourceFunc1[H, A, R] {
	return &ResourceFunc1[H, A, R]{core: newResourceCore[R](fn, 2, false, opts), fn: fn}
}

// Call returns the cached instance for the arguments, or runs the
// function and keeps its result. Every caller gets the very same instance:
// it is shared, so mutate it only with care. h is not hashed.
func (f *ResourceFunc1[H, A, R]) Call(h H, a A) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h, a) }, argOf(1, &a))
}

// Clear removes every entry of the function.
func (f *ResourceFunc1[H, A, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *ResourceFunc1[H, A, R]) ClearArgs(a A) error {
	return f.core.clearKey(f.core.key(argOf(1, &a)))
}

// Stats returns the function's statistics.
func (f *ResourceFunc1[H, A, R]) Stats() FuncStats { return f.core.stats() }

// ResourceFunc2 is a cached resource function of 2 arguments, made by Resource2.
// Its methods are safe for concurrent use.
type ResourceFunc2[H Host, A, B, R any] struct {
	core *resourceCore[R]
	fn   func(H, A, B) (R, error)
}

// Resource2 caches fn of 2 arguments; see Resource0 for the rules.
//
//go:noinline
func Resource2[H Host, A, B, R any](fn func(H, A, B) (R, error), opts ...Option) *ResourceFunc2[H, A, B, R] {
	return &ResourceFunc2[H, A, B, R]{core: newResourceCore[R](fn, 3, false, opts), fn: fn}
}

// Call returns the cached instance for the arguments, or runs the
// function and keeps its result. Every caller gets the very same instance:
// it is shared, so mutate it only with care. h is not hashed.
func (f *ResourceFunc2[H, A, B, R]) Call(h H, a A, b B) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h, a, b) }, argOf(1, &a), argOf(2, &b))
}

// Clear removes every entry of the function.
func (f *ResourceFunc2[H, A, B, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *ResourceFunc2[H, A, B, R]) ClearArgs(a A, b B) error {
	return f.core.clearKey(f.core.key(argOf(1, &a), argOf(2, &b)))
}

// Stats returns the function's statistics.
func (f *ResourceFunc2[H, A, B, R]) Stats() FuncStats { return f.core.stats() }

// ResourceFunc3 is a cached resource function of 3 arguments, made by Resource3.
// Its methods are safe for concurrent use.
type ResourceFunc3[H Host, A, B, C, R any] struct {
	core *resourceCore[R]
	fn   func(H, A, B, C) (R, error)
}

// Resource3 caches fn of 3 arguments; see Resource0 for the rules.
//
//go:noinline
func Resource3[H Host, A, B, C, R any](fn func(H, A, B, C) (R, error), opts ...Option) *ResourceFunc3[H, A, B, C, R] {
	return &ResourceFunc3[H, A, B, C, R]{core: newResourceCore[R](fn, 4, false, opts), fn: fn}
}

// Call returns the cached instance for the arguments, or runs the
// function and keeps its result. Every caller gets the very same instance:
// it is shared, so mutate it only with care. h is not hashed.
func (f *ResourceFunc3[H, A, B, C, R]) Call(h H, a A, b B, c C) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(h, a, b, c) }, argOf(1, &a), argOf(2, &b), argOf(3, &c))
}

// Clear removes every entry of the function.
func (f *ResourceFunc3[H, A, B, C, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *ResourceFunc3[H, A, B, C, R]) ClearArgs(a A, b B, c C) error {
	return f.core.clearKey(f.core.key(argOf(1, &a), argOf(2, &b), argOf(3, &c)))
}

// Stats returns the function's statistics.
func (f *ResourceFunc3[H, A, B, C, R]) Stats() FuncStats { return f.core.stats() }

// ResourceMethodFunc0 is a cached resource function of 0 arguments (a method, receiver first), made by ResourceMethod0.
// Its methods are safe for concurrent use.
type ResourceMethodFunc0[T any, H Host, R any] struct {
	core *resourceCore[R]
	fn   func(T, H) (R, error)
}

// ResourceMethod0 is Resource1 for a method expression (Model.Open): the receiver
// comes first and is hashed like an argument (or through HashFunc), and
// error messages name it.
//
//go:noinline
func ResourceMethod0[T any, H Host, R any](fn func(T, H) (R, error), opts ...Option) *ResourceMethodFunc0[T, H, R] {
	return &ResourceMethodFunc0[T, H, R]{core: newResourceCore[R](fn, 2, true, opts), fn: fn}
}

// Call returns the cached instance for the arguments, or runs the
// function and keeps its result. Every caller gets the very same instance:
// it is shared, so mutate it only with care. h is not hashed.
func (f *ResourceMethodFunc0[T, H, R]) Call(recv T, h H) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(recv, h) }, argOf(0, &recv))
}

// Clear removes every entry of the function.
func (f *ResourceMethodFunc0[T, H, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *ResourceMethodFunc0[T, H, R]) ClearArgs(recv T) error {
	return f.core.clearKey(f.core.key(argOf(0, &recv)))
}

// Stats returns the function's statistics.
func (f *ResourceMethodFunc0[T, H, R]) Stats() FuncStats { return f.core.stats() }

// ResourceMethodFunc1 is a cached resource function of 1 argument (a method, receiver first), made by ResourceMethod1.
// Its methods are safe for concurrent use.
type ResourceMethodFunc1[T any, H Host, A, R any] struct {
	core *resourceCore[R]
	fn   func(T, H, A) (R, error)
}

// ResourceMethod1 is Resource2 for a method expression (Model.Open): the receiver
// comes first and is hashed like an argument (or through HashFunc), and
// error messages name it.
//
//go:noinline
func ResourceMethod1[T any, H Host, A, R any](fn func(T, H, A) (R, error), opts ...Option) *ResourceMethodFunc1[T, H, A, R] {
	return &ResourceMethodFunc1[T, H, A, R]{core: newResourceCore[R](fn, 3, true, opts), fn: fn}
}

// Call returns the cached instance for the arguments, or runs the
// function and keeps its result. Every caller gets the very same instance:
// it is shared, so mutate it only with care. h is not hashed.
func (f *ResourceMethodFunc1[T, H, A, R]) Call(recv T, h H, a A) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(recv, h, a) }, argOf(0, &recv), argOf(2, &a))
}

// Clear removes every entry of the function.
func (f *ResourceMethodFunc1[T, H, A, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *ResourceMethodFunc1[T, H, A, R]) ClearArgs(recv T, a A) error {
	return f.core.clearKey(f.core.key(argOf(0, &recv), argOf(2, &a)))
}

// Stats returns the function's statistics.
func (f *ResourceMethodFunc1[T, H, A, R]) Stats() FuncStats { return f.core.stats() }

// ResourceMethodFunc2 is a cached resource function of 2 arguments (a method, receiver first), made by ResourceMethod2.
// Its methods are safe for concurrent use.
type ResourceMethodFunc2[T any, H Host, A, B, R any] struct {
	core *resourceCore[R]
	fn   func(T, H, A, B) (R, error)
}

// ResourceMethod2 is Resource3 for a method expression (Model.Open): the receiver
// comes first and is hashed like an argument (or through HashFunc), and
// error messages name it.
//
//go:noinline
func ResourceMethod2[T any, H Host, A, B, R any](fn func(T, H, A, B) (R, error), opts ...Option) *ResourceMethodFunc2[T, H, A, B, R] {
	return &ResourceMethodFunc2[T, H, A, B, R]{core: newResourceCore[R](fn, 4, true, opts), fn: fn}
}

// Call returns the cached instance for the arguments, or runs the
// function and keeps its result. Every caller gets the very same instance:
// it is shared, so mutate it only with care. h is not hashed.
func (f *ResourceMethodFunc2[T, H, A, B, R]) Call(recv T, h H, a A, b B) (R, error) {
	return f.core.call(h, func() (R, error) { return f.fn(recv, h, a, b) }, argOf(0, &recv), argOf(2, &a), argOf(3, &b))
}

// Clear removes every entry of the function.
func (f *ResourceMethodFunc2[T, H, A, B, R]) Clear() { f.core.clearAll() }

// ClearArgs removes the entry for the given arguments, if there is one, and
// stops a computation of them in flight from storing its result. It returns
// an *UnhashableParamError when an argument cannot be hashed.
func (f *ResourceMethodFunc2[T, H, A, B, R]) ClearArgs(recv T, a A, b B) error {
	return f.core.clearKey(f.core.key(argOf(0, &recv), argOf(2, &a), argOf(3, &b)))
}

// Stats returns the function's statistics.
func (f *ResourceMethodFunc2[T, H, A, B, R]) Stats() FuncStats { return f.core.stats() }
