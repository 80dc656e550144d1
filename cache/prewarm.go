package cache

import (
	"context"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// Prewarm marks calls of cached data functions for the build (SPEC C8): `wasmlit build` computes
// each marked call natively, ships its record beside the page as a static file, and a first visit
// seeds its cache from that file instead of computing. The seed is checked like any record read
// back from a store: its key holds the function's identity and arguments, its checksum and its
// identity fields are verified, and a stale or damaged file is ignored (the call computes as
// usual), never served.
//
// Mark a call where the wrapper is made, with the argument values of the app's first view:
//
//	var loadRides = cache.Prewarm1(cache.Data1(readRides), "static/rides-5mb.csv")
//
// Each PrewarmN returns its wrapper, so that the mark sits beside the declaration. Functions made
// with AllowWidgets are not prewarmed (their entries depend on the widgets the call draws).

// Prewarm0 marks f's call for the build and returns f.
func Prewarm0[S Session, R any](f *DataFunc0[S, R]) *DataFunc0[S, R] {
	addPrewarm(f.core, func() (string, error) { return f.core.key() },
		func(h any) error { _, err := f.Call(sessionOf[S](h)); return err })
	return f
}

// Prewarm1 marks f's call with a for the build and returns f.
func Prewarm1[S Session, A, R any](f *DataFunc1[S, A, R], a A) *DataFunc1[S, A, R] {
	addPrewarm(f.core, func() (string, error) { return f.core.key(argOf(1, &a)) },
		func(h any) error { _, err := f.Call(sessionOf[S](h), a); return err })
	return f
}

// Prewarm2 marks f's call with a, b for the build and returns f.
func Prewarm2[S Session, A, B, R any](f *DataFunc2[S, A, B, R], a A, b B) *DataFunc2[S, A, B, R] {
	addPrewarm(f.core, func() (string, error) { return f.core.key(argOf(1, &a), argOf(2, &b)) },
		func(h any) error { _, err := f.Call(sessionOf[S](h), a, b); return err })
	return f
}

// Prewarm3 marks f's call with a, b, c for the build and returns f.
func Prewarm3[S Session, A, B, C, R any](f *DataFunc3[S, A, B, C, R], a A, b B, c C) *DataFunc3[S, A, B, C, R] {
	addPrewarm(f.core, func() (string, error) { return f.core.key(argOf(1, &a), argOf(2, &b), argOf(3, &c)) },
		func(h any) error { _, err := f.Call(sessionOf[S](h), a, b, c); return err })
	return f
}

// sessionOf returns st as an S when it is one (the runtime's session), else S's zero value (a
// plain Go program's session).
func sessionOf[S Session](st any) S {
	v, _ := st.(S)
	return v
}

// addPrewarm registers a marked call of c with the runtime (package driver).
func addPrewarm[R any](c *dataCore[R], key func() (string, error), run func(st any) error) {
	driver.AddPrewarmCall(driver.PrewarmCall{
		Func: func() string { c.resolve(); return c.id.Display },
		Key:  key,
		Run: func(st any) error {
			if c.opts.allowWidgets {
				return driver.ErrPrewarmWidgets
			}
			return run(st)
		},
		Record: func(ctx context.Context) ([]byte, bool) {
			k, err := key()
			if err != nil {
				return nil, false
			}
			b, _, ok := c.opts.engine.dataTier().read(ctx, k, false)
			if !ok || len(b) < recordMinSize {
				return nil, false
			}
			b = append([]byte(nil), b...)
			sealRecord(b)
			return b, true
		},
	})
}

// beforeRun is consulted on a miss, in the flight, before the function runs: with a seed source
// set (driver.SetSeedSource), a record it supplies for the key is checked and stored, then read back as
// a hit. It reports whether it found the value.
func (c *dataCore[R]) beforeRun(ctx context.Context, rt driver.Runtime, key string, wr driver.WidgetRuntime) (dataResult, bool, error) {
	seed := driver.Seed()
	if seed == nil || wr != nil || c.opts.allowWidgets {
		return dataResult{}, false, nil
	}
	b := seed(ctx, c.id.Display, key)
	if b == nil {
		return dataResult{}, false, nil
	}
	if err := c.checkSeed(b); err != nil {
		c.opts.engine.warn("cache: ignoring a prewarmed record that does not match this build; computing",
			"func", c.id.Display, "key", key, "err", err)
		return dataResult{}, false, nil
	}
	c.opts.engine.dataTier().setRecord(ctx, key, b, nil)
	_, res, found, err := c.lookup(ctx, rt, key, false, false)
	return res, found != notFound, err
}

// checkSeed verifies a seed record as a persistent read does: format, checksum, the function's
// identity and the result type.
func (c *dataCore[R]) checkSeed(b []byte) error {
	rec, err := decodeRecord(b, true)
	if err != nil {
		return err
	}
	if rec.Name != c.id.Name || rec.FuncHash != c.id.Hash {
		return &SeedMismatchError{Func: c.id.Display, Field: "identity"}
	}
	if rec.Type != c.typeFP {
		return &SeedMismatchError{Func: c.id.Display, Field: "result type"}
	}
	return nil
}

// SeedMismatchError says that a prewarmed record belongs to another version of the function (the
// bundle is from another build): it is ignored and the function computes.
type SeedMismatchError struct {
	Func  string // the function's display name
	Field string // what differs: "identity" or "result type"
}

func (e *SeedMismatchError) Error() string {
	return "cache: the prewarmed record of " + e.Func + " has another " + e.Field +
		" than this build's function: rebuild the app so that its prewarm bundle matches"
}
