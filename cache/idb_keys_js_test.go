package cache_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/wasmlit/wasmlit/cache/driver"
)

// IDBStore lists its keys by prefix, without the parts of chunked values, so
// that the records of removed functions can be dropped when it opens (B25).
func TestIDBStoreKeys_B25(t *testing.T) {
	needBrowser(t)
	ctx := context.Background()
	s := openTestIDB(t)
	var _ driver.KeyLister = s
	want := []string{"d:main.a@1#00:1", "d:main.a@1#00:2", "d:main.b@1#00:1"}
	for _, k := range append([]string{"r:other", "x"}, want...) {
		if err := s.Set(ctx, k, []byte(strings.Repeat("v", 10))); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Keys(ctx, "d:")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("Keys(d:) = %q, want %q", got, want)
	}
	all, err := s.Keys(ctx, "")
	if err != nil || len(all) != 5 {
		t.Fatalf("Keys('') = %q, %v", all, err)
	}
}
