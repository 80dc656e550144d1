package driver

import "sync/atomic"

// The options of cached functions from the runtime's side (B24): the page's cache inspector shows
// each function's options beside its statistics. Package cache describes them; apps never call
// these.

// OptionRow is one option of a cached function as the cache inspector shows it: a name and its
// value in words ("TTL", "10s"; "max entries", "unbounded"). Options at their default are listed
// too, so that every function shows the same rows for its kind.
type OptionRow struct {
	Name  string
	Value string
}

// Describer returns the option rows of the cached function whose wrapper id is id (the ID of
// cache.FuncStats), in a fixed order, or nil when no function of the default engine has that id.
type Describer func(id string) []OptionRow

var describer atomic.Pointer[Describer]

// RegisterDescriber installs d; package cache calls it in its init.
func RegisterDescriber(d Describer) { describer.Store(&d) }

// DescribeOptions returns the option rows of the cached function whose wrapper id is id (see
// Describer), or nil when package cache is not linked in or knows no such function.
func DescribeOptions(id string) []OptionRow {
	if d := describer.Load(); d != nil {
		return (*d)(id)
	}
	return nil
}
