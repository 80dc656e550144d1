//go:build !(js && wasm)

package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/wasmlit/wasmlit/sqlite"
)

func TestOpenNeedsTheBrowser(t *testing.T) {
	db, err := sqlite.Open(context.Background(), "shop")
	if db != nil || !errors.Is(err, sqlite.ErrNeedsBrowser) {
		t.Fatalf("Open = %v, %v; want nil, ErrNeedsBrowser", db, err)
	}
}
