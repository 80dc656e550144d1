package sqlite

import (
	"errors"
	"fmt"
	"regexp"
)

// ErrNeedsBrowser is returned by Open outside a js/wasm build: the database is the SQLite
// WebAssembly build that the page loads.
var ErrNeedsBrowser = errors.New("sqlite: the database runs in the browser (the SQLite WebAssembly build the page loads); " +
	"build the app for GOOS=js GOARCH=wasm and open it in a page")

// Error is an error reported by SQLite, or by the page while loading or calling it.
type Error struct {
	Op   string // what failed: "open", "exec" or "query"
	SQL  string // the statement, shortened; empty for open
	Code string // SQLite's result code name, e.g. "SQLITE_ERROR"; empty when SQLite gave none
	Msg  string // SQLite's message, e.g. "no such table: orders"
}

// Error formats the error as `sqlite: query "SELECT …": no such table: orders (SQLITE_ERROR)`.
func (e *Error) Error() string {
	s := "sqlite: " + e.Op
	if e.SQL != "" {
		s += fmt.Sprintf(" %q", e.SQL)
	}
	s += ": " + e.Msg
	if e.Code != "" {
		s += " (" + e.Code + ")"
	}
	return s
}

// codePrefix matches what SQLite's oo1 API puts before its message:
// "SQLITE_ERROR: sqlite3 result code 1: no such table: x".
var codePrefix = regexp.MustCompile(`^(SQLITE_[A-Z_]+):\s*(?:sqlite3 result code \d+:\s*)?`)

// newError makes the *Error of op on query from the page's error message.
func newError(op, query, msg string) *Error {
	e := &Error{Op: op, SQL: shorten(query), Msg: msg}
	if m := codePrefix.FindStringSubmatch(msg); m != nil {
		e.Code, e.Msg = m[1], msg[len(m[0]):]
	}
	return e
}

// shorten keeps the first line of a statement, at most 60 bytes of it.
func shorten(query string) string {
	const max = 60
	cut := len(query)
	for i, r := range query {
		if r == '\n' || i >= max {
			cut = i
			break
		}
	}
	if cut < len(query) {
		return query[:cut] + "…"
	}
	return query
}
