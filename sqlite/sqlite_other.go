//go:build !(js && wasm)

package sqlite

import "context"

// DB is an open in-memory database in the page. Outside js/wasm builds there is none: Open
// returns ErrNeedsBrowser.
type DB struct{}

// Open returns ErrNeedsBrowser: the database runs in the page.
func Open(ctx context.Context, name string) (*DB, error) { return nil, ErrNeedsBrowser }

// Exec returns ErrNeedsBrowser.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	return 0, ErrNeedsBrowser
}

// Query returns ErrNeedsBrowser.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*Rows, error) {
	return nil, ErrNeedsBrowser
}

// Close does nothing.
func (db *DB) Close() error { return nil }
